import type { Config } from '../config.js';
import { openPglite, openPostgres, type DatabaseHandle } from './connect.js';

/** Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else PGlite. */
export function openDatabase(config: Config): Promise<DatabaseHandle> {
  return config.databaseUrl ? openPostgres(config.databaseUrl) : openPglite(config.dataDir);
}
