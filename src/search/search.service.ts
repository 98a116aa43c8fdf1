import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { Viewer } from '../auth/viewer.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { searchAccountIds, searchStatusIds, searchTags, tagHistory, type SearchWindow } from './search.repository.js';

/**
 * Search as services, for the JSON API and the web UI:
 *
 *   search(app, viewer: Viewer | null, input: SearchInput): Promise<SearchResults>
 *   searchAccounts(app, viewer, q: string, options: { following?: boolean } & SearchWindow): Promise<MastodonAccount[]>
 *   searchStatuses(app, viewer, q: string, options: { accountId?: string; following?: boolean } & SearchWindow): Promise<MastodonStatus[]>
 *   searchHashtags(app, q: string, window: SearchWindow): Promise<MastodonTag[]>
 *
 * Results are ranked by relevance, so they page with `limit`/`offset` (as Mastodon's search does)
 * rather than by id; `offset` is capped at SEARCH_MAX_OFFSET (see there).
 */

/**
 * Deepest offset served. Relevance-ranked results cannot use keyset pagination (ranks are not
 * unique or stable across pages), and OFFSET makes the database rank and skip every earlier
 * result, so the cost of a page grows with its depth. Past ten pages people refine the query.
 */
export const SEARCH_MAX_OFFSET = 200;

export type SearchType = 'accounts' | 'statuses' | 'hashtags';

export interface SearchInput extends SearchWindow {
  q: string;
  /** One kind of result only; all three when absent. */
  type?: SearchType | undefined;
  /** Only accounts the viewer follows, and statuses by them. */
  following?: boolean | undefined;
  /** Only statuses by this account. */
  accountId?: string | undefined;
}

/** Mastodon's Tag entity. */
export interface MastodonTag {
  name: string;
  url: string;
  history: { day: string; uses: string; accounts: string }[];
}

export interface SearchResults {
  accounts: MastodonAccount[];
  statuses: MastodonStatus[];
  hashtags: MastodonTag[];
}

export async function searchAccounts(app: AppContext, viewer: Viewer | null, q: string, options: { following?: boolean | undefined } & SearchWindow): Promise<MastodonAccount[]> {
  if (options.following && !viewer) return [];
  const ids = await searchAccountIds(app.db, viewer, q, { following: options.following === true }, options);
  const rows = new Map((await findAccountsByIds(app.db, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => (rows.has(id) ? [toMastodonAccount(rows.get(id)!, app.config)] : []));
}

export async function searchStatuses(
  app: AppContext,
  viewer: Viewer | null,
  q: string,
  options: { accountId?: string | undefined; following?: boolean | undefined } & SearchWindow,
): Promise<MastodonStatus[]> {
  if (options.following && !viewer) return [];
  const ids = await searchStatusIds(app.db, viewer, q, { accountId: options.accountId ?? null, following: options.following === true }, options);
  return loadStatuses(app, ids, viewer);
}

/** Hashtags by prefix, each with its uses per day over the last week (newest day first). */
export async function searchHashtags(app: AppContext, q: string, window: SearchWindow): Promise<MastodonTag[]> {
  const tags = await searchTags(app.db, q, window);
  const uses = await tagHistory(
    app.db,
    tags.map((t) => t.id),
  );
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  return tags.map((tag) => ({
    name: tag.name,
    url: `${app.config.publicUrl}/tags/${encodeURIComponent(tag.name)}`,
    history: Array.from({ length: 7 }, (_, i) => {
      const day = today - i * 86_400_000;
      const use = uses.find((u) => u.tagId === tag.id && u.day.getTime() === day);
      return { day: String(day / 1000), uses: String(use?.uses ?? 0), accounts: String(use?.accounts ?? 0) };
    }),
  }));
}

/** Mastodon's v2 search: accounts, statuses and hashtags at once, or one `type`. */
export async function search(app: AppContext, viewer: Viewer | null, input: SearchInput): Promise<SearchResults> {
  const wants = (type: SearchType) => input.type === undefined || input.type === type;
  const window = { limit: input.limit, offset: Math.min(input.offset, SEARCH_MAX_OFFSET) };
  const [accounts, statuses, hashtags] = await Promise.all([
    wants('accounts') && input.accountId === undefined ? searchAccounts(app, viewer, input.q, { ...window, following: input.following }) : [],
    wants('statuses') ? searchStatuses(app, viewer, input.q, { ...window, following: input.following, accountId: input.accountId }) : [],
    wants('hashtags') && input.accountId === undefined && !input.following ? searchHashtags(app, input.q, window) : [],
  ]);
  return { accounts, statuses, hashtags };
}
