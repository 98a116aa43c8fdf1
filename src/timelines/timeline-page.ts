/**
 * Mastodon's cursor parameters turned into a keyset range on `statuses.id` (never OFFSET):
 *
 * - `max_id`: only ids below it (older), newest first — the "next" page;
 * - `since_id`: only ids above it, still newest first (the newest page, with a gap if more came);
 * - `min_id`: the page immediately above it (read oldest-first, returned newest first) — "prev".
 *
 * When both `since_id` and `min_id` are given, `min_id` wins, as in Mastodon.
 */
export interface TimelinePage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

export interface IdRange {
  /** Exclusive upper bound. */
  below: string | null;
  /** Exclusive lower bound. */
  above: string | null;
  /** True for `min_id`: walk upwards from the bound, then reverse for display. */
  ascending: boolean;
  limit: number;
}

export function idRange(page: TimelinePage): IdRange {
  return {
    below: page.maxId ?? null,
    above: page.minId ?? page.sinceId ?? null,
    ascending: page.minId !== undefined,
    limit: page.limit,
  };
}

/** Ids read in `range` order, returned newest first. */
export function newestFirst(ids: string[], range: IdRange): string[] {
  return range.ascending ? [...ids].reverse() : ids;
}

/** The cursors a caller needs for the next (older) and previous (newer) pages of a page of ids. */
export function pageCursors(ids: string[]): { nextMaxId: string | null; prevMinId: string | null } {
  return { nextMaxId: ids.at(-1) ?? null, prevMinId: ids[0] ?? null };
}

/** Converts route query parameters (Mastodon names) into a page. */
export function pageFromQuery(query: { max_id?: string | undefined; since_id?: string | undefined; min_id?: string | undefined; limit: number }): TimelinePage {
  return { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit };
}
