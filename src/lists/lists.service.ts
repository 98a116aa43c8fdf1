import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { invalid, notFound } from '../errors.js';
import { applyFilters } from '../filters/filter-matching.js';
import { loadStatuses } from '../posts/status-views.js';
import { homeFollowsChanged } from '../timelines/home-feed.js';
import { idRange, pageCursors, type TimelinePage } from '../timelines/timeline-page.js';
import type { TimelineResult } from '../timelines/timelines.service.js';
import { addListMembers,
  countLists,
  deleteList,
  findOwnList,
  followedAmong,
  insertList,
  listTimelineIds,
  removeListMembers,
  updateList,
  type ListRow, countListMembers } from './lists.repository.js';
import type { RepliesPolicy } from './lists.table.js';

/**
 * Lists are their owner's alone: another account's list is not found (404). Members must be
 * accounts the owner follows (422 otherwise). An `exclusive` list takes its members' posts out of
 * the owner's home timeline (the home rules ask `inExclusiveListOf`); when that changes, the
 * owner's precomputed home feed is dropped and rebuilt on the next read.
 */

const MAX_LISTS = 50;
const MAX_MEMBERS = 500;

export interface ListInput {
  title?: string | undefined;
  replies_policy?: RepliesPolicy | undefined;
  exclusive?: boolean | undefined;
}

export async function getOwnList(app: AppContext, me: string, id: string): Promise<ListRow> {
  const list = await findOwnList(app.db, me, id);
  if (!list) throw notFound('List');
  return list;
}

export async function createList(app: AppContext, me: string, input: ListInput & { title: string }): Promise<ListRow> {
  if (Number((await countLists(app.db, me)).n) >= MAX_LISTS) throw invalid(`You can have at most ${MAX_LISTS} lists`, 'title');
  return insertList(app.db, { account_id: me, title: input.title, ...(input.replies_policy ? { replies_policy: input.replies_policy } : {}), ...(input.exclusive !== undefined ? { exclusive: input.exclusive } : {}) });
}

export async function changeList(app: AppContext, me: string, id: string, input: ListInput): Promise<ListRow> {
  const before = await getOwnList(app, me, id);
  await updateList(app.db, me, id, {
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.replies_policy !== undefined ? { replies_policy: input.replies_policy } : {}),
    ...(input.exclusive !== undefined ? { exclusive: input.exclusive } : {}),
  });
  if (input.exclusive !== undefined && input.exclusive !== before.exclusive) await homeFollowsChanged(app, [me]);
  return getOwnList(app, me, id);
}

export async function removeList(app: AppContext, me: string, id: string): Promise<void> {
  const list = await getOwnList(app, me, id);
  await deleteList(app.db, me, id);
  if (list.exclusive) await homeFollowsChanged(app, [me]);
}

/** Adds accounts the owner follows; 422 naming the first one not followed (nothing is added then). */
export async function addMembers(app: AppContext, me: string, id: string, accountIds: string[]): Promise<void> {
  const list = await getOwnList(app, me, id);
  const unique = [...new Set(accountIds)];
  const existing = await findAccountsByIds(app.db, unique);
  const known = new Set(existing.filter((a) => !a.suspended_at).map((a) => a.id));
  const missing = unique.find((a) => !known.has(a));
  if (missing) throw notFound('Account');
  const followed = await followedAmong(app.db, me, unique);
  const notFollowed = unique.find((a) => !followed.has(a));
  if (notFollowed) throw invalid('You must follow an account before adding it to a list', 'account_ids');
  const count = await countListMembers(app.db, id);
  if (count + unique.length > MAX_MEMBERS) throw invalid(`A list holds at most ${MAX_MEMBERS} accounts`, 'account_ids');
  await addListMembers(app.db, id, unique);
  if (list.exclusive) await homeFollowsChanged(app, [me]);
}

export async function removeMembers(app: AppContext, me: string, id: string, accountIds: string[]): Promise<void> {
  const list = await getOwnList(app, me, id);
  await removeListMembers(app.db, id, [...new Set(accountIds)]);
  if (list.exclusive) await homeFollowsChanged(app, [me]);
}

/** The list's timeline for its owner, through the owner's `home` filters. */
export async function listTimeline(app: AppContext, viewer: Viewer, id: string, page: TimelinePage): Promise<TimelineResult> {
  const list = await getOwnList(app, viewer.accountId, id);
  const ids = await listTimelineIds(app.db, viewer, list, idRange(page));
  const statuses = await applyFilters(app, viewer, 'home', await loadStatuses(app, ids, viewer));
  return { statuses, ...pageCursors(ids) };
}

/** Throws as `GET /api/v1/accounts/:id` does for an account the viewer may not see. */
export async function assertVisibleAccount(app: AppContext, id: string, viewer: Viewer): Promise<void> {
  await getVisibleAccount(app.db, id, viewer);
}
