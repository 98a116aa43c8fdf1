import { hasScope } from './viewer.js';

/** Areas of Mastodon's granular scopes (`read:statuses`, `write:follows` …). */
const READ_AREAS = ['accounts', 'blocks', 'bookmarks', 'favourites', 'filters', 'follows', 'lists', 'mutes', 'notifications', 'search', 'statuses'];
const WRITE_AREAS = ['accounts', 'blocks', 'bookmarks', 'conversations', 'favourites', 'filters', 'follows', 'lists', 'media', 'mutes', 'notifications', 'reports', 'statuses'];
const ADMIN_AREAS = ['accounts', 'reports', 'domain_allows', 'domain_blocks', 'ip_blocks', 'email_domain_blocks', 'canonical_email_blocks'];

/** Every scope Medired understands, as advertised in the OAuth metadata (Mastodon's list). */
export const SUPPORTED_SCOPES: readonly string[] = [
  'read',
  'write',
  'follow',
  'push',
  'profile',
  'admin:read',
  'admin:write',
  ...READ_AREAS.map((a) => `read:${a}`),
  ...WRITE_AREAS.map((a) => `write:${a}`),
  ...ADMIN_AREAS.map((a) => `admin:read:${a}`),
  ...ADMIN_AREAS.map((a) => `admin:write:${a}`),
];
const supported = new Set(SUPPORTED_SCOPES);

/** Mastodon's default when a client names no scope. */
export const DEFAULT_SCOPE = 'read';

/** Splits a space- (or `+`-) separated scope string into unique scopes, keeping their order. */
export function parseScopes(value: string | undefined | null): string[] {
  return [...new Set((value ?? '').split(/[\s+]+/).filter(Boolean))];
}

/** The scopes in `requested` that Medired does not know. */
export function unknownScopes(requested: readonly string[]): string[] {
  return requested.filter((s) => !supported.has(s));
}

/** True when every requested scope is covered by the allowed ones (`read` covers `read:statuses`). */
export function scopesWithin(requested: readonly string[], allowed: readonly string[]): boolean {
  return requested.every((s) => hasScope(allowed, s));
}
