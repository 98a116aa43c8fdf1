import type { StaffRole } from '../accounts/accounts.table.js';
import type { Db } from '../db/connect.js';
import { hashToken } from './tokens.js';
import {
  deleteSessionById,
  findClientTokenByHash,
  findUnconfirmedViewerByAccessTokenHash,
  findViewerByAccessTokenHash,
  recordDailyActive,
  findViewerByAccountId,
  findViewerBySessionTokenHash,
  touchAccessToken,
  touchSession,
} from './viewer.repository.js';

/** Who is making a request, resolved once per request from a bearer token or a session cookie. */
export interface Viewer {
  userId: string;
  accountId: string;
  username: string;
  staffRole: StaffRole;
  locale: 'es' | 'en';
  /** OAuth scopes granted; a web session has every scope. */
  scopes: readonly string[];
  via: 'token' | 'session';
  tokenId: string | null;
  sessionId: string | null;
  /** The session's CSRF token, for cookie-authenticated writes. */
  csrfToken: string | null;
  applicationId: string | null;
  /** True while a moderator/admin or 2FA user has signed in without the second factor yet. */
  mfaPending: boolean;
  /** Whether the account has TOTP two-factor authentication enabled (required for staff routes). */
  mfaEnabled: boolean;
  suspended: boolean;
  /**
   * Set only on the viewer of a sign-up whose e-mail address waits for confirmation, which only
   * routes declaring `acceptsSignUpToken` ever receive (Mastodon's `/api/v1/emails/*`).
   */
  emailUnconfirmed?: true;
}

export const SESSION_COOKIE = 'medired_session';
const TOUCH_AFTER_MS = 60_000;

/** Every scope Mastodon defines at the top level; granular scopes are `top:area`. */
export const ALL_SCOPES = ['read', 'write', 'follow', 'push', 'admin:read', 'admin:write'] as const;

/**
 * True when `granted` covers `required`: `read` covers `read:statuses`; the legacy `follow` scope
 * covers the follow, block and mute parts of read and write, as in Mastodon. `required` may name
 * alternatives, `a|b` (Mastodon's `doorkeeper_authorize! :profile, :'read:accounts'`).
 */
export function hasScope(granted: readonly string[], required: string): boolean {
  if (required.includes('|')) return required.split('|').some((one) => hasScope(granted, one));
  if (granted.includes(required)) return true;
  const [top, area] = required.split(':');
  if (top && area && granted.includes(top)) return true;
  if (top === 'admin' && area && granted.includes(`admin:${area.split(':')[0]}`)) return true;
  if (granted.includes('follow') && ['read:follows', 'write:follows', 'read:blocks', 'write:blocks', 'read:mutes', 'write:mutes'].includes(required)) {
    return true;
  }
  return false;
}

/** Resolves a bearer access token to a viewer, or null when it is unknown or revoked. */
export async function viewerFromAccessToken(db: Db, token: string): Promise<Viewer | null> {
  const row = await findViewerByAccessTokenHash(db, hashToken(token));
  return row ? tokenViewer(db, row) : null;
}

/** The viewer of the token of a sign-up still waiting for its e-mail confirmation, or null (never cached). */
export async function viewerFromSignUpToken(db: Db, token: string): Promise<Viewer | null> {
  const row = await findUnconfirmedViewerByAccessTokenHash(db, hashToken(token));
  return row ? { ...(await tokenViewer(db, row)), emailUnconfirmed: true } : null;
}

async function tokenViewer(db: Db, row: NonNullable<Awaited<ReturnType<typeof findViewerByAccessTokenHash>>>): Promise<Viewer> {
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_AFTER_MS) {
    await touchAccessToken(db, row.token_id);
    await recordDailyActive(db, row.user_id);
  }
  return {
    userId: row.user_id,
    accountId: row.account_id,
    username: row.username,
    staffRole: row.staff_role,
    locale: row.locale,
    scopes: row.scopes.split(/\s+/).filter(Boolean),
    via: 'token',
    tokenId: row.token_id,
    sessionId: null,
    csrfToken: null,
    applicationId: row.application_id,
    mfaPending: false,
    mfaEnabled: row.totp_enabled_at !== null,
    suspended: row.suspended_at !== null,
  };
}

/**
 * Resolves a session cookie to a viewer, sliding its idle expiry. Expired sessions are deleted.
 */
export async function viewerFromSession(db: Db, token: string, idleMinutes: number): Promise<Viewer | null> {
  const row = await findViewerBySessionTokenHash(db, hashToken(token));
  if (!row) return null;
  const now = Date.now();
  if (row.expires_at.getTime() <= now) {
    await deleteSessionById(db, row.session_id);
    return null;
  }
  // A session still waiting for its second factor keeps its short expiry (no sliding).
  if (row.mfa_passed && now - row.last_active_at.getTime() > TOUCH_AFTER_MS) {
    await touchSession(db, row.session_id, now, idleMinutes);
    await recordDailyActive(db, row.user_id);
  }
  return {
    userId: row.user_id,
    accountId: row.account_id,
    username: row.username,
    staffRole: row.staff_role,
    locale: row.locale,
    scopes: [...ALL_SCOPES],
    via: 'session',
    tokenId: null,
    sessionId: row.session_id,
    csrfToken: row.csrf_token,
    applicationId: null,
    mfaPending: !row.mfa_passed,
    mfaEnabled: row.totp_enabled_at !== null,
    suspended: row.suspended_at !== null,
  };
}

/**
 * The account as the viewer of background work done on its behalf — a scheduled post published
 * when due — with `write:statuses` only and the application it was scheduled from. Null when
 * the account has no user.
 */
export async function viewerForDeferredWork(db: Db, accountId: string, applicationId: string | null): Promise<Viewer | null> {
  const row = await findViewerByAccountId(db, accountId);
  if (!row) return null;
  return {
    userId: row.user_id,
    accountId: row.account_id,
    username: row.username,
    staffRole: row.staff_role,
    locale: row.locale,
    scopes: ['write:statuses'],
    via: 'token',
    tokenId: null,
    sessionId: null,
    csrfToken: null,
    applicationId,
    mfaPending: false,
    mfaEnabled: row.totp_enabled_at !== null,
    suspended: row.suspended_at !== null,
  };
}

/** An application acting on its own behalf (client-credentials token): no user, no viewer. */
export interface OAuthClient {
  applicationId: string;
  tokenId: string;
  scopes: readonly string[];
}

/**
 * Resolves an app-only bearer token (issued by the client-credentials grant, `user_id` null), or
 * null when the token is unknown, revoked or belongs to a user. Such a request has no viewer, but
 * routes like registration (`POST /api/v1/accounts`) can see which application is calling.
 */
export async function clientFromAccessToken(db: Db, token: string): Promise<OAuthClient | null> {
  const row = await findClientTokenByHash(db, hashToken(token));
  if (!row || !row.application_id) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > TOUCH_AFTER_MS) {
    await touchAccessToken(db, row.id);
  }
  return { applicationId: row.application_id, tokenId: row.id, scopes: row.scopes.split(/\s+/).filter(Boolean) };
}
