import type { Db } from '../db/connect.js';
import { invalid } from '../errors.js';
import { OAuthError } from './oauth-errors.js';
import { findApplicationByClientId, insertApplication, type ApplicationRow } from './oauth.repository.js';
import { DEFAULT_SCOPE, parseScopes, unknownScopes } from './scopes.js';
import { hashToken, randomToken, safeEqual } from './tokens.js';


/** The redirect URI for clients that cannot receive a redirect: the code is shown on a page. */
export const OOB_REDIRECT_URI = 'urn:ietf:wg:oauth:2.0:oob';

/** Mastodon's Application entity; the secret only appears when the app is created. */
export interface ApplicationEntity {
  id: string;
  name: string;
  website: string | null;
  scopes: string[];
  redirect_uri: string;
  redirect_uris: string[];
  vapid_key: string;
  client_id?: string;
  client_secret?: string;
  client_secret_expires_at?: number;
}

/**
 * True for a redirect URI an app may register: the out-of-band URN, or an absolute URI without a
 * fragment whose scheme is not one a browser would execute (custom schemes serve native apps).
 */
export function isAcceptableRedirectUri(uri: string): boolean {
  if (uri === OOB_REDIRECT_URI) return true;
  if (uri.length > 2000 || /[\s<>"]/.test(uri)) return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash) return false;
  return !['javascript:', 'data:', 'vbscript:', 'file:', 'blob:'].includes(url.protocol);
}

/** Registers a client application (`POST /api/v1/apps`); the secret is stored only as its hash. */
export async function createApplication(
  db: Db,
  input: { name: string; redirectUris: string[]; scopes: string | undefined; website: string | null; ownerUserId: string | null },
): Promise<{ row: ApplicationRow; clientSecret: string }> {
  if (input.redirectUris.length === 0) throw invalid('At least one redirect URI is required', 'redirect_uris');
  for (const uri of input.redirectUris) {
    if (!isAcceptableRedirectUri(uri)) throw invalid(`Redirect URI "${uri.slice(0, 100)}" must be an absolute URI without fragment, or ${OOB_REDIRECT_URI}`, 'redirect_uris');
  }
  const scopes = parseScopes(input.scopes ?? DEFAULT_SCOPE);
  if (scopes.length === 0) scopes.push(DEFAULT_SCOPE);
  const unknown = unknownScopes(scopes);
  if (unknown.length) throw invalid(`Unknown scope(s): ${unknown.join(', ')}`, 'scopes');
  const clientSecret = randomToken();
  const row = await insertApplication(db, {
    name: input.name,
    website: input.website,
    redirect_uris: [...new Set(input.redirectUris)],
    scopes: scopes.join(' '),
    client_id: randomToken(24),
    client_secret: hashToken(clientSecret),
    owner_user_id: input.ownerUserId,
  });
  return { row, clientSecret };
}

/**
 * Authenticates a client by id and secret (RFC 6749 §2.3.1). The secret's hash is compared in
 * constant time; an unknown client id still costs one hash, so both failures look the same.
 */
export async function authenticateClient(db: Db, clientId: string | undefined, clientSecret: string | undefined): Promise<ApplicationRow> {
  if (!clientId || !clientSecret) throw new OAuthError('invalid_client', 'Client authentication failed: client_id and client_secret are required');
  const app = await findApplicationByClientId(db, clientId);
  const given = hashToken(clientSecret);
  const ok = safeEqual(given, app?.client_secret ?? hashToken(`no-such-client-${clientId}`));
  if (!app || !ok) throw new OAuthError('invalid_client', 'Client authentication failed: unknown client or wrong secret');
  return app;
}

/**
 * Mastodon's Application entity; pass the secret only right after creation. `vapidKey` is the
 * instance's VAPID public key (`src/push/vapid.ts`), which apps subscribe to Web Push with.
 */
export function toApplicationEntity(row: ApplicationRow, vapidKey: string, secrets?: { clientSecret: string }): ApplicationEntity {
  return {
    id: row.id,
    name: row.name,
    website: row.website,
    scopes: parseScopes(row.scopes),
    redirect_uri: row.redirect_uris.join('\n'),
    redirect_uris: row.redirect_uris,
    vapid_key: vapidKey,
    ...(secrets ? { client_id: row.client_id, client_secret: secrets.clientSecret, client_secret_expires_at: 0 } : {}),
  };
}
