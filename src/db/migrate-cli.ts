import { loadConfig } from '../config.js';
import { openDatabase } from './open.js';
import { migrate } from './migrate.js';

/** `npm run migrate`: applies pending migrations and exits non-zero on failure. */
try {
  process.loadEnvFile?.('.env');
} catch {
  // no .env file: the environment alone configures the app
}
const config = loadConfig(process.env);
const handle = await openDatabase(config);
try {
  const applied = await migrate(handle);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
} catch (err) {
  console.error((err as Error).message);
  process.exitCode = 1;
} finally {
  await handle.close();
}
