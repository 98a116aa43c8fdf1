import type { AppContext } from '../app-context.js';
import { USERNAME_PATTERN } from '../accounts/accounts.js';
import { findUserByUsername } from '../accounts/accounts.repository.js';
import { invalid, notFound } from '../errors.js';
import { EMAIL_TOKEN_HOURS } from './email-tokens.js';
import { passwordResetLink } from './password-reset.service.js';

/**
 * A one-time password reset link for an account, for the admin command `npm run reset-password
 * -- <username>` (servers without SMTP): the same token as the mailed link, valid 1 hour; a new
 * link replaces an older one.
 */
export async function adminPasswordResetLink(app: Pick<AppContext, 'db' | 'config'>, username: string): Promise<{ username: string; link: string; hours: number }> {
  const name = username.trim().replace(/^@/, '');
  if (!USERNAME_PATTERN.test(name)) throw invalid(`"${username}" is not a valid username (letters, digits and underscores, up to 30)`, 'username');
  const row = await findUserByUsername(app.db, name);
  if (!row) throw notFound(`Account @${name}`);
  return { username: row.username, link: await passwordResetLink(app, row.id), hours: EMAIL_TOKEN_HOURS.password_reset };
}
