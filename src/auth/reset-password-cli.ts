import { commandArguments, runCommand } from '../command-line.js';
import { adminPasswordResetLink } from './reset-password.js';

/**
 * `npm run reset-password -- <username>`: prints a one-time password reset link (valid 1 hour)
 * for the administrator to hand to the person, on servers that cannot send e-mail. Exits
 * non-zero with a clear message when the username is missing, invalid or unknown.
 */
const args = commandArguments();
if (args.length !== 1) {
  console.error('Usage: npm run reset-password -- <username>');
  process.exit(2);
}
await runCommand(async (db, config) => {
  const result = await adminPasswordResetLink({ db, config }, args[0]!);
  console.log(`Password reset link for @${result.username} (works once, for ${result.hours} hour):\n${result.link}`);
});
