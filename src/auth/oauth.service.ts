import { accessTokenHashesRevoked, viewerChanged } from './viewer-cache.js';
import type { AppContext } from '../app-context.js';
import { createHash } from 'node:crypto';
import type { Db } from '../db/connect.js';
import { issueAccessToken, type TokenEntity } from './access-tokens.js';
import { findUserSuspension } from './auth.repository.js';
import { checkCredentials, UNCONFIRMED_EMAIL } from './credentials.js';
import { OAuthError } from './oauth-errors.js';
import { OOB_REDIRECT_URI } from './oauth-apps.service.js';
import { consumeAuthorizationCode, findApplicationByClientId, insertAuthorizationCode, type ApplicationRow } from './oauth.repository.js';
import { DEFAULT_SCOPE, parseScopes, scopesWithin, unknownScopes } from './scopes.js';
import { hashToken, randomToken, safeEqual } from './tokens.js';
import { revokeByRefreshTokenHash, revokeClientTokenByHash } from './tokens.repository.js';
import { verifyTotp } from './totp.service.js';

/** Authorisation codes are single-use and expire after ten minutes (RFC 6749 §4.1.2). */
export const AUTHORIZATION_CODE_TTL_MS = 10 * 60_000;
const PKCE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
const PKCE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/;

/** A checked `GET /oauth/authorize` request, ready for the consent page. */
export interface AuthorizationRequest {
  application: ApplicationRow;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | null;
  codeChallengeMethod: 'S256' | 'plain' | null;
}

export interface AuthorizationParams {
  response_type?: string | undefined;
  client_id?: string | undefined;
  redirect_uri?: string | undefined;
  scope?: string | undefined;
  state?: string | undefined;
  code_challenge?: string | undefined;
  code_challenge_method?: string | undefined;
}

/**
 * Outcome of checking an authorisation request. `fatal` errors (unknown client, unregistered
 * redirect URI) must be shown to the person, never redirected (RFC 6749 §4.1.2.1: that would make
 * us an open redirector); `redirect` errors go back to the client's registered redirect URI.
 */
export type AuthorizationCheck =
  | { ok: true; request: AuthorizationRequest }
  | { ok: false; fatal: true; error: OAuthError }
  | { ok: false; fatal: false; error: OAuthError; redirectUri: string; state: string | undefined };

/** Validates the parameters of an authorisation request against the registered application. */
export async function checkAuthorizationRequest(db: Db, p: AuthorizationParams): Promise<AuthorizationCheck> {
  if (!p.client_id) return { ok: false, fatal: true, error: new OAuthError('invalid_request', 'client_id is missing') };
  const application = await findApplicationByClientId(db, p.client_id);
  if (!application) return { ok: false, fatal: true, error: new OAuthError('invalid_client', 'Unknown client_id') };
  const redirectUri = p.redirect_uri ?? (application.redirect_uris.length === 1 ? application.redirect_uris[0]! : '');
  if (!application.redirect_uris.includes(redirectUri)) {
    return { ok: false, fatal: true, error: new OAuthError('invalid_request', 'redirect_uri is not registered for this application') };
  }
  const fail = (error: OAuthError): AuthorizationCheck => ({ ok: false, fatal: false, error, redirectUri, state: p.state });
  if (p.response_type !== 'code') return fail(new OAuthError('unsupported_response_type', 'Only response_type=code is supported'));
  const scopes = parseScopes(p.scope ?? DEFAULT_SCOPE);
  if (scopes.length === 0) scopes.push(DEFAULT_SCOPE);
  if (unknownScopes(scopes).length) return fail(new OAuthError('invalid_scope', `Unknown scope(s): ${unknownScopes(scopes).join(', ')}`));
  if (!scopesWithin(scopes, parseScopes(application.scopes))) {
    return fail(new OAuthError('invalid_scope', 'The requested scope is outside the scopes the application registered'));
  }
  if (p.state !== undefined && p.state.length > 1000) return fail(new OAuthError('invalid_request', 'state is too long'));
  let codeChallenge: string | null = null;
  let codeChallengeMethod: 'S256' | 'plain' | null = null;
  if (p.code_challenge !== undefined) {
    const method = p.code_challenge_method ?? 'plain';
    if (method !== 'S256' && method !== 'plain') return fail(new OAuthError('invalid_request', 'code_challenge_method must be S256 or plain'));
    if (!PKCE_CHALLENGE.test(p.code_challenge)) return fail(new OAuthError('invalid_request', 'code_challenge must be 43 to 128 URL-safe characters'));
    codeChallenge = p.code_challenge;
    codeChallengeMethod = method;
  } else if (p.code_challenge_method !== undefined) {
    return fail(new OAuthError('invalid_request', 'code_challenge_method was given without code_challenge'));
  }
  return { ok: true, request: { application, redirectUri, scopes, state: p.state, codeChallenge, codeChallengeMethod } };
}

/** Issues a single-use authorisation code after the user approved; only its hash is stored. */
export async function createAuthorizationCode(db: Db, request: AuthorizationRequest, userId: string): Promise<string> {
  const code = randomToken();
  await insertAuthorizationCode(db, {
    code_hash: hashToken(code),
    application_id: request.application.id,
    user_id: userId,
    redirect_uri: request.redirectUri,
    scopes: request.scopes.join(' '),
    code_challenge: request.codeChallenge,
    code_challenge_method: request.codeChallengeMethod,
    expires_at: new Date(Date.now() + AUTHORIZATION_CODE_TTL_MS),
  });
  return code;
}

/** Where the browser goes after approval or denial (query parameters added to the redirect URI). */
export function redirectWithParams(redirectUri: string, params: Record<string, string | undefined>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

export function isOob(redirectUri: string): boolean {
  return redirectUri === OOB_REDIRECT_URI;
}

function pkceMatches(method: 'S256' | 'plain', challenge: string, verifier: string): boolean {
  const computed = method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
  return safeEqual(computed, challenge);
}

async function userIsActive(db: Db, userId: string): Promise<boolean> {
  const row = await findUserSuspension(db, userId);
  return !!row && row.suspended_at === null;
}

/**
 * `grant_type=authorization_code`: the code is consumed atomically first (so a replay or a
 * concurrent second exchange fails even if the rest is wrong), then client, expiry, redirect URI
 * and PKCE verifier are checked.
 */
export async function exchangeAuthorizationCode(
  db: Db,
  client: ApplicationRow,
  input: { code: string | undefined; redirectUri: string | undefined; codeVerifier: string | undefined },
): Promise<TokenEntity> {
  if (!input.code) throw new OAuthError('invalid_request', 'code is missing');
  const row = await consumeAuthorizationCode(db, hashToken(input.code));
  const invalidGrant = new OAuthError('invalid_grant', 'The authorization code is invalid, expired, already used or was issued to another client');
  if (!row || row.application_id !== client.id || row.expires_at.getTime() <= Date.now()) throw invalidGrant;
  if (input.redirectUri !== row.redirect_uri) throw new OAuthError('invalid_grant', 'redirect_uri does not match the one used in the authorization request');
  if (row.code_challenge && row.code_challenge_method) {
    if (!input.codeVerifier || !PKCE_VERIFIER.test(input.codeVerifier)) throw new OAuthError('invalid_grant', 'code_verifier is missing or malformed');
    if (!pkceMatches(row.code_challenge_method, row.code_challenge, input.codeVerifier)) throw new OAuthError('invalid_grant', 'code_verifier does not match the code_challenge');
  } else if (input.codeVerifier) {
    throw new OAuthError('invalid_grant', 'code_verifier was given but the authorization request had no code_challenge');
  }
  if (!(await userIsActive(db, row.user_id))) throw invalidGrant;
  return issueAccessToken(db, { userId: row.user_id, applicationId: client.id, scopes: row.scopes, withRefresh: true });
}

function grantScopes(client: ApplicationRow, scope: string | undefined): string {
  const allowed = parseScopes(client.scopes);
  // As Doorkeeper: no scope asked for is the default scope (`read`), never everything the app registered.
  const requested = scope === undefined || !scope.trim() ? parseScopes(DEFAULT_SCOPE) : parseScopes(scope);
  if (requested.length === 0 || unknownScopes(requested).length || !scopesWithin(requested, allowed)) {
    throw new OAuthError('invalid_scope', 'The requested scope is unknown or outside the scopes the application registered');
  }
  return requested.join(' ');
}

/**
 * `grant_type=password` (resource owner credentials, as Mastodon allows): e-mail or username plus
 * password, and the current TOTP code in `otp` when the account has two-factor authentication.
 */
export async function passwordGrant(
  db: Db,
  client: ApplicationRow,
  input: { username: string | undefined; password: string | undefined; otp: string | undefined; scope: string | undefined },
): Promise<TokenEntity> {
  if (!input.username || !input.password) throw new OAuthError('invalid_request', 'username and password are required');
  const scopes = grantScopes(client, input.scope);
  const user = await checkCredentials(db, input.username, input.password);
  if (!user) throw new OAuthError('invalid_grant', 'Wrong e-mail/username or password');
  if (user.suspended) throw new OAuthError('invalid_grant', 'This account is suspended');
  if (!user.emailConfirmed) throw new OAuthError('invalid_grant', UNCONFIRMED_EMAIL);
  if (user.totpEnabled) {
    if (!input.otp) throw new OAuthError('invalid_grant', 'This account uses two-factor authentication: send the current code in the otp parameter');
    if (!(await verifyTotp(db, user.userId, input.otp))) throw new OAuthError('invalid_grant', 'The two-factor code (otp) is not valid');
  }
  return issueAccessToken(db, { userId: user.userId, applicationId: client.id, scopes, withRefresh: true });
}

/** `grant_type=client_credentials`: a token for the application itself, with no user. */
export function clientCredentialsGrant(db: Db, client: ApplicationRow, scope: string | undefined): Promise<TokenEntity> {
  return issueAccessToken(db, { userId: null, applicationId: client.id, scopes: grantScopes(client, scope) });
}

/**
 * `grant_type=refresh_token`: rotates the pair. The old access token is revoked in the same
 * statement that finds it, so a refresh token works once. The scope may only narrow.
 */
export async function refreshGrant(app: AppContext, client: ApplicationRow, input: { refreshToken: string | undefined; scope: string | undefined }): Promise<TokenEntity> {
  if (!input.refreshToken) throw new OAuthError('invalid_request', 'refresh_token is missing');
  const { token, userId } = await app.db.transaction().execute(async (trx) => {
    const old = await revokeByRefreshTokenHash(trx, hashToken(input.refreshToken!), client.id);
    if (!old || !old.user_id) throw new OAuthError('invalid_grant', 'The refresh token is invalid, revoked or was issued to another client');
    const granted = parseScopes(old.scopes);
    const requested = input.scope === undefined ? granted : parseScopes(input.scope);
    if (requested.length === 0 || !scopesWithin(requested, granted)) throw new OAuthError('invalid_scope', 'A refreshed token cannot have more scopes than the original');
    return { token: await issueAccessToken(trx, { userId: old.user_id, applicationId: client.id, scopes: requested.join(' '), withRefresh: true }), userId: old.user_id };
  });
  await viewerChanged(app, userId);
  return token;
}

/**
 * `POST /oauth/revoke` (RFC 7009): revokes an access or refresh token of this client. Unknown
 * tokens are not an error (the answer must not tell whether a token existed).
 */
export async function revokeClientToken(app: AppContext, client: ApplicationRow, token: string): Promise<void> {
  const revoked = await revokeClientTokenByHash(app.db, client.id, hashToken(token));
  await accessTokenHashesRevoked(app, revoked.map((r) => r.token_hash));
}
