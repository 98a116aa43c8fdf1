import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { AppError } from '../errors.js';
import { adminPasswordResetLink } from './reset-password.js';

/**
 * `npm run reset-password -- <username>`: prints a one-time password reset link (valid 1 hour)
 * for the administrator to hand to the person, on servers that cannot send e-mail. Exits
 * non-zero with a clear message when the username is missing, invalid or unknown.
 */
const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.length !== 1) {
  console.error('Usage: npm run reset-password -- <username>');
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
  const result = await adminPasswordResetLink({ db: handle.db, config }, args[0]!);
  console.log(`Password reset link for @${result.username} (works once, for ${result.hours} hour):\n${result.link}`);
} catch (err) {
  console.error(err instanceof AppError ? `Error: ${err.message}` : `Error: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
