import { commandArguments, runCommand } from '../command-line.js';
import { makeAdmin } from './make-admin.js';

/**
 * `npm run make-admin -- <username>`: makes an existing account an administrator.
 * Exits non-zero with a clear message when the username is missing, invalid or unknown.
 */
const args = commandArguments();
if (args.length !== 1) {
  console.error('Usage: npm run make-admin -- <username>');
  process.exit(2);
}
await runCommand(async (db) => {
  const result = await makeAdmin(db, args[0]!);
  console.log(
    result.previousRole === 'admin'
      ? `@${result.username} already is an administrator.`
      : `@${result.username} is now an administrator (was ${result.previousRole}). Staff pages require two-factor authentication: enable it in Settings → Security.`,
  );
});
