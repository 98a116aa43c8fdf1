import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { invalid, notFound } from '../errors.js';
import { endpointProblem } from './push-endpoint.js';
import { deleteSubscriptionOfToken, findSubscriptionOfToken, replaceSubscription, updateSubscription, type PushSubscriptionRow } from './push.repository.js';
import { PUSH_ALERT_TYPES, type PushAlerts, type PushPolicy } from './push.table.js';
import { vapidKeys } from './vapid.js';

/** Mastodon's WebPushSubscription entity. */
export interface WebPushSubscriptionEntity {
  id: string;
  endpoint: string;
  /** Medired always encrypts as RFC 8291 (aes128gcm), which Mastodon 4.4 calls "standard". */
  standard: boolean;
  alerts: Record<string, boolean>;
  server_key: string;
  policy: PushPolicy;
}

export interface SubscriptionInput {
  endpoint: string;
  p256dh: string;
  auth: string;
  alerts: PushAlerts;
  policy: PushPolicy | undefined;
}

/** The place a subscription's sealed token is bound to (a sealed value copied elsewhere does not open). */
export const sealedTokenPlace = (accessTokenId: string) => `push:${accessTokenId}`;

/** Base64url of exactly `bytes` bytes (clients send base64url; some pad or use the standard alphabet). */
function key(value: string, bytes: number, field: string, check?: (b: Buffer) => boolean): string {
  const normal = value.trim().replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const decoded = /^[A-Za-z0-9_-]+$/.test(normal) ? Buffer.from(normal, 'base64url') : Buffer.alloc(0);
  if (decoded.length !== bytes || (check && !check(decoded))) throw invalid(`Validation failed: ${field} is not a valid key`, field);
  return normal;
}

/** The subscription a push needs: an access token (web sessions have no token to push for). */
function tokenOf(viewer: Viewer): string {
  if (!viewer.tokenId) throw invalid('Validation failed: push subscriptions belong to an app’s access token, not to a web session', 'subscription');
  return viewer.tokenId;
}

export async function toSubscriptionEntity(app: AppContext, row: PushSubscriptionRow): Promise<WebPushSubscriptionEntity> {
  const alerts = Object.fromEntries(PUSH_ALERT_TYPES.map((t) => [t, row.alerts[t] === true]));
  return { id: row.id, endpoint: row.endpoint, standard: true, alerts, server_key: (await vapidKeys(app.db)).publicKey, policy: row.policy };
}

/**
 * Subscribes the viewer's access token to Web Push (replacing its previous subscription). The
 * endpoint must be a public HTTPS URL (`endpointProblem`); the token is kept sealed for the
 * payload's `access_token`.
 */
export async function subscribe(app: AppContext, viewer: Viewer, rawToken: string, input: SubscriptionInput): Promise<WebPushSubscriptionEntity> {
  const tokenId = tokenOf(viewer);
  const problem = endpointProblem(input.endpoint, app.config);
  if (problem) throw invalid(`Validation failed: endpoint ${problem}`, 'subscription[endpoint]', 'errors.validation.pushEndpoint');
  const row = await replaceSubscription(app.db, {
    access_token_id: tokenId,
    account_id: viewer.accountId,
    endpoint: input.endpoint,
    // An uncompressed P-256 point (65 bytes, 0x04 first) and a 16-byte secret (RFC 8291).
    key_p256dh: key(input.p256dh, 65, 'subscription.keys.p256dh', (b) => b[0] === 4),
    key_auth: key(input.auth, 16, 'subscription.keys.auth'),
    access_token_sealed: app.sealer.seal(rawToken, sealedTokenPlace(tokenId)),
    alerts: input.alerts,
    policy: input.policy ?? 'all',
  });
  return toSubscriptionEntity(app, row);
}

export async function currentSubscription(app: AppContext, viewer: Viewer): Promise<WebPushSubscriptionEntity> {
  const row = viewer.tokenId ? await findSubscriptionOfToken(app.db, viewer.tokenId) : undefined;
  if (!row) throw notFound();
  return toSubscriptionEntity(app, row);
}

/** Changes the alerts and policy; alerts not named keep their value (as Mastodon merges them). */
export async function changeSubscription(app: AppContext, viewer: Viewer, input: { alerts: PushAlerts | undefined; policy: PushPolicy | undefined }): Promise<WebPushSubscriptionEntity> {
  const row = viewer.tokenId ? await findSubscriptionOfToken(app.db, viewer.tokenId) : undefined;
  if (!row) throw notFound();
  const updated = await updateSubscription(app.db, row.access_token_id, { alerts: { ...row.alerts, ...input.alerts }, policy: input.policy ?? row.policy });
  if (!updated) throw notFound();
  return toSubscriptionEntity(app, updated);
}

export async function unsubscribe(app: AppContext, viewer: Viewer): Promise<void> {
  if (viewer.tokenId) await deleteSubscriptionOfToken(app.db, viewer.tokenId);
}
