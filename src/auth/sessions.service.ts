import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import { AppError, notFound, unauthorized } from '../errors.js';
import { checkCredentials, UNCONFIRMED_EMAIL, WRONG_CREDENTIALS } from './credentials.js';
import {
  completeSecondFactor,
  deleteSessionByTokenHash,
  deleteSessionOfUser,
  deleteSessionsOfUserExcept,
  findLiveSessionsOfUser,
  findSessionByTokenHash,
  insertSession,
} from './sessions.repository.js';
import { hashToken, randomToken } from './tokens.js';
import { verifyTotp } from './totp.service.js';
import { sessionsEnded } from './viewer-cache.js';

/** A session waiting for its second factor lives this long and does not slide. */
export const MFA_PENDING_MINUTES = 10;

/** A freshly started web session: the token goes into the cookie and nowhere else. */
export interface StartedSession {
  sessionToken: string;
  sessionId: string;
  csrfToken: string;
  userId: string;
  expiresAt: Date;
  /** True when the user must still give a TOTP code (`verifySecondFactor`). */
  mfaRequired: boolean;
}

/** One of a user's sessions, as listed on the security page and by the API. */
export interface SessionInfo {
  id: string;
  created_at: string;
  last_active_at: string;
  expires_at: string;
  ip: string;
  user_agent: string;
  current: boolean;
}

/**
 * Signs in with e-mail or username and password. Always creates a NEW random session token (no
 * session fixation); only its SHA-256 is stored. Users with TOTP get a session that can do nothing
 * until `verifySecondFactor` succeeds. Suspended accounts may sign in (to read their status and
 * appeal); routes refuse what they may not do. An account whose e-mail address waits for its
 * confirmation (SMTP configured) is refused with 403 `mail.confirm.required`.
 */
export async function signIn(app: AppContext, input: { login: string; password: string; ip: string; userAgent: string }): Promise<StartedSession> {
  const user = await checkCredentials(app.db, input.login, input.password);
  if (!user) throw unauthorized(WRONG_CREDENTIALS);
  // Only after the right password, so that the answer tells nothing about other people's accounts.
  if (!user.emailConfirmed) throw new AppError('forbidden', UNCONFIRMED_EMAIL, { key: 'mail.confirm.required' });
  const sessionToken = randomToken();
  const csrfToken = randomToken();
  const minutes = user.totpEnabled ? MFA_PENDING_MINUTES : app.config.sessionIdleMinutes;
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  const row = await insertSession(app.db, {
    token_hash: hashToken(sessionToken),
    user_id: user.userId,
    csrf_token: csrfToken,
    mfa_passed: !user.totpEnabled,
    ip: input.ip.slice(0, 100),
    user_agent: input.userAgent.slice(0, 300),
    expires_at: expiresAt,
  });
  return { sessionToken, sessionId: row.id, csrfToken, userId: user.userId, expiresAt, mfaRequired: user.totpEnabled };
}

/**
 * Completes a session started by a TOTP user. The session's CSRF token is replaced too, so a
 * value seen before the second factor is worthless after it.
 */
export async function verifySecondFactor(app: AppContext, sessionToken: string, code: string): Promise<{ csrfToken: string; expiresAt: Date }> {
  const session = await findSessionByTokenHash(app.db, hashToken(sessionToken));
  if (!session || session.expires_at.getTime() <= Date.now()) throw unauthorized('Your sign-in has expired; sign in again');
  if (session.mfa_passed) throw new AppError('bad_request', 'This session has already passed two-factor authentication');
  if (!(await verifyTotp(app.db, session.user_id, code))) throw new AppError('validation_failed', 'The two-factor code is not valid', { details: [{ field: 'code', message: 'is not valid' }] });
  const csrfToken = randomToken();
  const expiresAt = new Date(Date.now() + app.config.sessionIdleMinutes * 60_000);
  await completeSecondFactor(app.db, session.id, csrfToken, expiresAt);
  return { csrfToken, expiresAt };
}

/** Ends the session whose cookie token is given (sign out). Unknown tokens are ignored. */
export async function signOut(app: AppContext, sessionToken: string): Promise<void> {
  const sessionTokenHash = hashToken(sessionToken);
  await deleteSessionByTokenHash(app.db, sessionTokenHash);
  await sessionsEnded(app, { sessionTokenHash });
}

/** The user's live sessions, most recently active first. */
export async function listSessions(db: Db, userId: string, currentSessionId: string | null): Promise<SessionInfo[]> {
  const rows = await findLiveSessionsOfUser(db, userId);
  return rows.map((r) => ({
    id: r.id,
    created_at: r.created_at.toISOString(),
    last_active_at: r.last_active_at.toISOString(),
    expires_at: r.expires_at.toISOString(),
    ip: r.ip,
    user_agent: r.user_agent,
    current: r.id === currentSessionId,
  }));
}

/** Ends one of the user's own sessions; someone else's session is "not found" (no probing). */
export async function revokeSession(app: AppContext, userId: string, sessionId: string): Promise<void> {
  if (!/^\d{1,19}$/.test(sessionId)) throw notFound('Session');
  if ((await deleteSessionOfUser(app.db, userId, sessionId)) === 0n) throw notFound('Session');
  await sessionsEnded(app, { userId });
}

/** Ends every session of the user except `keepSessionId` (after a password change, for instance). */
export function endOtherSessions(db: Db, userId: string, keepSessionId: string | null): Promise<number> {
  return deleteSessionsOfUserExcept(db, userId, keepSessionId);
}

