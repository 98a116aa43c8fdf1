import type { Viewer } from './viewer.js';

/**
 * The viewer whose reading rights count, for every visibility decision: a suspended account, or
 * a session still waiting for its second factor, reads exactly what an anonymous visitor reads
 * (null). Applied where a viewer becomes a reader — the route boundary for `auth: 'optional'`
 * routes and the visibility rules of each domain — so no entrance can forget it.
 */
export function readerOf<V extends Pick<Viewer, 'suspended' | 'mfaPending'>>(viewer: V | null | undefined): V | null {
  if (!viewer || viewer.suspended || viewer.mfaPending) return null;
  return viewer;
}
