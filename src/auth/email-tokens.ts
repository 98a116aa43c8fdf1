import type { Db } from '../db/connect.js';
import { AppError } from '../errors.js';
import type { EmailTokenPurpose } from './auth.table.js';
import { consumeEmailToken, findEmailToken, replaceEmailToken } from './email-tokens.repository.js';
import { hashToken, randomToken } from './tokens.js';

/** How long a link sent by e-mail (or printed by the admin command) works. */
export const EMAIL_TOKEN_HOURS: Record<EmailTokenPurpose, number> = { password_reset: 1, email_confirmation: 24 };

/** A token is 43 base64url characters; anything else is refused before a database lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Makes a new one-time link token for the user: 256 random bits, of which only the SHA-256 is
 * stored; the user's older tokens of this purpose stop working.
 */
export async function issueEmailToken(db: Db, userId: string, purpose: EmailTokenPurpose): Promise<string> {
  const token = randomToken();
  await replaceEmailToken(db, { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + EMAIL_TOKEN_HOURS[purpose] * 3600_000) });
  return token;
}

function badLink(purpose: EmailTokenPurpose, state: 'invalid' | 'expired' | 'used'): AppError {
  const key = purpose === 'password_reset' ? (`mail.reset.${state}` as const) : (`mail.confirm.${state}` as const);
  const message = { invalid: 'This link is not valid', expired: 'This link has expired; ask for a new one', used: 'This link has already been used' }[state];
  return new AppError(state === 'invalid' ? 'not_found' : 'gone', message, { key });
}

/** Checks a token without using it (the page that shows the new-password form). Throws 404/410. */
export async function checkEmailToken(db: Db, purpose: EmailTokenPurpose, token: string): Promise<string> {
  if (!TOKEN_SHAPE.test(token)) throw badLink(purpose, 'invalid');
  const row = await findEmailToken(db, purpose, hashToken(token));
  if (!row) throw badLink(purpose, 'invalid');
  if (row.used_at) throw badLink(purpose, 'used');
  if (row.expires_at.getTime() <= Date.now()) throw badLink(purpose, 'expired');
  return row.user_id;
}

/** Uses a token once and returns its user; a used, expired or unknown token throws 404/410. */
export async function useEmailToken(db: Db, purpose: EmailTokenPurpose, token: string): Promise<string> {
  await checkEmailToken(db, purpose, token);
  const userId = await consumeEmailToken(db, purpose, hashToken(token));
  if (!userId) throw badLink(purpose, 'used');
  return userId;
}
