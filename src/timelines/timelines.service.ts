import { forbidden } from '../errors.js';
import { readerOf } from '../auth/reader.js';
import type { AppContext } from '../app-context.js';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import type { Viewer } from '../auth/viewer.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { pinnedStatusIds } from '../posts/bookmarks.repository.js';
import { applyFilters } from '../filters/filter-matching.js';
import type { FilterContext } from '../filters/filters.table.js';
import { homeFeedIds } from './home-feed.js';
import { withPromotedStatus } from '../promotions/promotion-delivery.js';
import { accountStatusIds, directTimelineIds, publicTimelineIds, tagTimelineIds } from './timelines.repository.js';
import { idRange, pageCursors, type TimelinePage } from './timeline-page.js';

/**
 * Timelines as services, for the JSON API and for the web UI alike:
 *
 *   homeTimeline(app, viewer: Viewer, page: TimelinePage): Promise<TimelineResult>
 *   publicTimeline(app, viewer: Viewer | null, page, options?: PublicTimelineOptions): Promise<TimelineResult>
 *   tagTimeline(app, viewer: Viewer | null, hashtag: string, page, options?: TagTimelineOptions): Promise<TimelineResult>
 *   accountStatuses(app, viewer: Viewer | null, accountId: string, page, options?: AccountStatusesOptions): Promise<TimelineResult>
 *   accountArticles(app, viewer: Viewer | null, accountId: string, page): Promise<TimelineResult>
 *
 * `page` is `{ maxId?, sinceId?, minId?, limit }` (Mastodon's cursors, see `timeline-page.ts`).
 * A result carries the statuses newest first and the cursors of the page that was read:
 * `nextMaxId` (pass as `maxId` for older statuses) and `prevMinId` (pass as `minId` for newer
 * ones), both null when the page is empty. Cursors come from the ids read, so a status the
 * hydration drops (e.g. a reblog of something since deleted) never stalls pagination.
 *
 * The home timeline is read from a precomputed feed (`home-feed.ts`), with the database's pull
 * query (`homeTimelineIds`) for what the feed does not hold; either way each page passes the home
 * rules and visibility in the database before it is shown.
 */
export interface TimelineResult {
  statuses: MastodonStatus[];
  nextMaxId: string | null;
  prevMinId: string | null;
}

export interface PublicTimelineOptions {
  /** Only statuses of this server (all of Medired's, as it does not federate yet). */
  local?: boolean;
  /** Only statuses from other servers (none yet). */
  remote?: boolean;
  onlyMedia?: boolean;
}

export interface TagTimelineOptions extends PublicTimelineOptions {
  /** Also statuses with any of these tags. */
  any?: string[];
  /** Only statuses that also have all of these tags. */
  all?: string[];
  /** Only statuses with none of these tags. */
  none?: string[];
}

export interface AccountStatusesOptions {
  excludeReplies?: boolean;
  excludeReblogs?: boolean;
  onlyMedia?: boolean;
  /** Only the statuses the account pinned to its profile (`posts/bookmarks.repository.ts`). */
  pinned?: boolean;
  tagged?: string;
  /** Medired: only articles or only short notes. */
  kind?: 'article' | 'note';
}

/** The page's statuses as the viewer may see them, through the viewer's filters of `context`. */
async function hydrate(app: AppContext, ids: string[], viewer: Viewer | null, context: FilterContext): Promise<TimelineResult> {
  return { statuses: await applyFilters(app, viewer, context, await loadStatuses(app, ids, viewer)), ...pageCursors(ids) };
}

const EMPTY: TimelineResult = { statuses: [], nextMaxId: null, prevMinId: null };

/** The signed-in account's home: itself and the accounts it follows, reblogs included. */
export async function homeTimeline(app: AppContext, viewer: Viewer, page: TimelinePage): Promise<TimelineResult> {
  // A suspended account reads what a visitor reads (`readerOf`), and a visitor has no home feed.
  if (!readerOf(viewer)) throw forbidden('Your account is suspended', 'staff.suspended');
  const range = idRange(page);
  // A feed holds candidates, some of which the home rules leave out: read a few more than the
  // page so that pages come out full, and page on from the last candidate actually used.
  const ids = await homeFeedIds(app, viewer, { ...range, limit: Math.min(range.limit + HOME_SPARE_CANDIDATES, 80) });
  const shown = withoutRepeats(await applyFilters(app, viewer, 'home', await loadStatuses(app, ids, viewer, { home: true })));
  const statuses = range.ascending ? shown.slice(-page.limit) : shown.slice(0, page.limit);
  // At most one promoted post, placed among the page's statuses; the cursors stay the page's own.
  const withPromoted = await withPromotedStatus(app, viewer, statuses, page);
  return { statuses: withPromoted, ...pageCursors(consumed(ids, statuses, page.limit, range.ascending)) };
}

/** Candidates read beyond a page's size (see `homeTimeline`). */
const HOME_SPARE_CANDIDATES = 10;

/**
 * The candidate ids (newest first) a page used up: from the newest to its last status (oldest
 * to its first status when reading upwards), or all of them when the page is not full.
 */
function consumed(ids: string[], statuses: MastodonStatus[], limit: number, ascending: boolean): string[] {
  if (statuses.length < limit || statuses.length === 0) return ids;
  if (ascending) {
    const first = ids.indexOf(statuses[0]!.id);
    return first >= 0 ? ids.slice(first) : ids;
  }
  const last = ids.indexOf(statuses.at(-1)!.id);
  return last >= 0 ? ids.slice(0, last + 1) : ids;
}

/**
 * A status reposted by several followed accounts (or posted and reposted) shows once per page, at
 * its newest appearance, as Mastodon's home does. Cursors still come from every id, so paging is
 * unaffected.
 */
function withoutRepeats(statuses: MastodonStatus[]): MastodonStatus[] {
  const seen = new Set<string>();
  return statuses.filter((s) => {
    const key = s.reblog?.id ?? s.id;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Public statuses of everyone (no replies to others, no reblogs); silenced authors only for their followers. */
export async function publicTimeline(app: AppContext, viewer: Viewer | null, page: TimelinePage, options: PublicTimelineOptions = {}): Promise<TimelineResult> {
  const ids = await publicTimelineIds(app.db, viewer, idRange(page), { remoteOnly: options.remote === true && options.local !== true, onlyMedia: options.onlyMedia === true });
  return hydrate(app, ids, viewer, 'public');
}

/** Public statuses with a hashtag, with Mastodon's any/all/none refinements. */
export async function tagTimeline(app: AppContext, viewer: Viewer | null, hashtag: string, page: TimelinePage, options: TagTimelineOptions = {}): Promise<TimelineResult> {
  const ids = await tagTimelineIds(app.db, viewer, idRange(page), {
    any: [hashtag, ...(options.any ?? [])],
    all: options.all ?? [],
    none: options.none ?? [],
    remoteOnly: options.remote === true && options.local !== true,
    onlyMedia: options.onlyMedia === true,
  });
  return hydrate(app, ids, viewer, 'public');
}

/**
 * A profile's statuses as the viewer may see them. Throws not_found for an unknown account and
 * gone for a suspended one (as `GET /api/v1/accounts/:id`).
 */
export async function accountStatuses(app: AppContext, viewer: Viewer | null, accountId: string, page: TimelinePage, options: AccountStatusesOptions = {}): Promise<TimelineResult> {
  await getVisibleAccount(app.db, accountId, viewer);
  if (options.pinned) return hydrate(app, await pinnedStatusIds(app.db, viewer, accountId, idRange(page)), viewer, 'account');
  const ids = await accountStatusIds(app.db, viewer, accountId, idRange(page), {
    excludeReplies: options.excludeReplies === true,
    excludeReblogs: options.excludeReblogs === true,
    onlyMedia: options.onlyMedia === true,
    tagged: options.tagged ?? null,
    kind: options.kind ?? null,
  });
  return hydrate(app, ids, viewer, 'account');
}

/** A professional's blog: their articles, newest first. */
export function accountArticles(app: AppContext, viewer: Viewer | null, accountId: string, page: TimelinePage): Promise<TimelineResult> {
  return accountStatuses(app, viewer, accountId, page, { kind: 'article' });
}

/** The viewer's private messages as a timeline (Mastodon's deprecated `timelines/direct`). */
export async function directTimeline(app: AppContext, viewer: Viewer, page: TimelinePage): Promise<TimelineResult> {
  if (!readerOf(viewer)) throw forbidden('Your account is suspended', 'staff.suspended');
  return hydrate(app, await directTimelineIds(app.db, viewer, idRange(page)), viewer, 'thread');
}
