import { createHmac } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { randomToken, safeEqual } from '../auth/tokens.js';
import { findOrCreateSecret } from '../mail/instance-secrets.repository.js';

/**
 * Addresses of files in the private storage area (attachments of private messages), which the
 * app serves only at `GET /private-media/<id>/<variant>` (`private-media-serve.ts`) to the reader
 * they were issued for: `?reader=<account id>&mode=<member|reported>&expires=<unix s>&sig=<HMAC>`.
 * The signature (HMAC-SHA256 under an instance key kept in the database, so every process signs
 * alike) only says who asked; the route checks again, at each request, that this reader may still
 * read the message (a member who left, was blocked or deleted it gets a 404), so a copied address
 * opens nothing its holder could not read, and expires within 8 days anyway. Mastodon apps load
 * images without credentials, which is why the address carries the reader.
 */
export type PrivateMediaVariant = 'original' | 'small';
/** `member`: the reader reads the message; `reported`: staff reviewing a report about it. */
export type PrivateMediaMode = 'member' | 'reported';

const PATH = /^\/private-media\/(\d{1,19})\/(original|small)$/;
const DAY = 86_400;

export const privateMediaPath = (id: string, variant: PrivateMediaVariant) => `/private-media/${id}/${variant}`;

const keys = new WeakMap<object, Promise<string>>();

/** The instance's key for private media addresses. */
export function privateMediaKey(app: Pick<AppContext, 'db'>): Promise<string> {
  let key = keys.get(app.db);
  if (!key) {
    key = findOrCreateSecret(app.db, 'private_media_key', randomToken(32));
    key.catch(() => keys.delete(app.db));
    keys.set(app.db, key);
  }
  return key;
}

function mac(key: string, id: string, variant: string, reader: string, mode: string, expires: number): string {
  return createHmac('sha256', key).update(`private-media:${id}:${variant}:${reader}:${mode}:${expires}`).digest('base64url');
}

/**
 * Adds the reader's signature to a private media address (one without a query). Expiry is the
 * end of the UTC day a week from now, so the address a reader gets stays the same all day (and
 * browsers cache the file).
 */
export function signPrivateMediaUrl(key: string, url: string, readerId: string, mode: PrivateMediaMode = 'member', now = Date.now()): string {
  const parsed = PATH.exec(new URL(url).pathname);
  if (!parsed) return url;
  const expires = (Math.floor(now / 1000 / DAY) + 8) * DAY;
  return `${url}?reader=${readerId}&mode=${mode}&expires=${expires}&sig=${mac(key, parsed[1]!, parsed[2]!, readerId, mode, expires)}`;
}

/** Whether a URL is one of the private media addresses (to be signed for its reader). */
export function isPrivateMediaUrl(url: string | null): url is string {
  return url !== null && url.includes('/private-media/');
}

export interface PrivateMediaClaim {
  id: string;
  variant: PrivateMediaVariant;
  readerId: string;
  mode: PrivateMediaMode;
}

/** The claim of a signed address, or null when malformed, expired or not signed by this instance. */
export function verifyPrivateMediaUrl(key: string, pathname: string, query: URLSearchParams, now = Date.now()): PrivateMediaClaim | null {
  const parsed = PATH.exec(pathname);
  const reader = query.get('reader') ?? '';
  const mode = query.get('mode') ?? '';
  const expires = Number(query.get('expires') ?? '');
  const sig = query.get('sig') ?? '';
  if (!parsed || !/^\d{1,19}$/.test(reader) || (mode !== 'member' && mode !== 'reported') || !Number.isInteger(expires) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return null;
  if (expires * 1000 < now) return null;
  if (!safeEqual(sig, mac(key, parsed[1]!, parsed[2]!, reader, mode, expires))) return null;
  return { id: parsed[1]!, variant: parsed[2] as PrivateMediaVariant, readerId: reader, mode };
}

/** A status entity with its private attachments' addresses signed for `readerId` (other statuses unchanged). */
export function signStatusMedia<T extends { media_attachments: { url: string | null; preview_url: string | null }[] }>(key: string, status: T, readerId: string, mode: PrivateMediaMode): T {
  if (!status.media_attachments.some((m) => isPrivateMediaUrl(m.url) || isPrivateMediaUrl(m.preview_url))) return status;
  const sign = (url: string | null) => (isPrivateMediaUrl(url) ? signPrivateMediaUrl(key, url, readerId, mode) : url);
  return { ...status, media_attachments: status.media_attachments.map((m) => ({ ...m, url: sign(m.url), preview_url: sign(m.preview_url) })) };
}
