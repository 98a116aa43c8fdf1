import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { AppError } from '../errors.js';
import { makeAdmin } from './make-admin.js';

/**
 * `npm run make-admin -- <username>`: makes an existing account an administrator.
 * Exits non-zero with a clear message when the username is missing, invalid or unknown.
 */
const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.length !== 1) {
  console.error('Usage: npm run make-admin -- <username>');
  process.exit(2);
}
try {
  process.loadEnvFile?.('.env');
} catch {
  // no .env file: the environment alone configures the app
}
let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const handle = await openDatabase(config);
try {
  await migrate(handle);
  const result = await makeAdmin(handle.db, args[0]!);
  console.log(
    result.previousRole === 'admin'
      ? `@${result.username} already is an administrator.`
      : `@${result.username} is now an administrator (was ${result.previousRole}). Staff pages require two-factor authentication: enable it in Settings → Security.`,
  );
} catch (err) {
  console.error(err instanceof AppError ? `Error: ${err.message}` : `Error: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
