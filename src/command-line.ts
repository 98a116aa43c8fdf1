import { loadConfig, type Config } from './config.js';
import type { Db } from './db/connect.js';
import { migrate } from './db/migrate.js';
import { openDatabase } from './db/open.js';

/**
 * The frame of Medired's maintenance commands (`make-admin`, `reset-password`,
 * `messages:rotate-key`): the configuration from the environment (and `.env`), the database
 * opened and migrated, the work, and an exit code — 1 with `Error: …` when the work throws, 1
 * with the configuration's message when it is invalid.
 */
export async function runCommand(work: (db: Db, config: Config) => Promise<void>): Promise<void> {
  try {
    process.loadEnvFile?.('.env');
  } catch {
    // no .env file: the environment alone configures the app
  }
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const handle = await openDatabase(config);
  try {
    await migrate(handle);
    await work(handle.db, config);
  } catch (err) {
    console.error(`Error: ${(err as Error).message}`);
    process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

/** The command's arguments (without npm's `--`). */
export function commandArguments(): string[] {
  return process.argv.slice(2).filter((a) => a !== '--');
}
