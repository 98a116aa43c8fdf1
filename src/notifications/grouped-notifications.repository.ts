import { sql, type SqlBool } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { aboutVisibleStatus, notificationsQuery, type NotificationFilter } from './notifications.repository.js';

/** What selects the notifications that are grouped: the v1 filters, and which types group. */
export interface GroupFilter extends Pick<NotificationFilter, 'types' | 'excludeTypes' | 'fromAccountId' | 'includeFiltered'> {
  /** Types whose notifications share their group key; every other notification is its own group. */
  groupedTypes: readonly string[];
}

/** One group of a page, as counted in the database. */
export interface GroupRow {
  key: string;
  type: string;
  statusId: string | null;
  count: number;
  mostRecentId: string;
  pageMinId: string;
  pageMaxId: string;
  latestPageAt: Date;
  /** The newest distinct accounts first (null: no person caused it). */
  sampleAccountIds: (string | null)[];
}

const SAMPLE_ACCOUNTS = 8;

/**
 * The recipient's visible notifications (blocks, mutes, suspended senders and statuses she may no
 * longer see left out, as in the v1 list) with their group key: the stored one for a grouped
 * type, `ungrouped-<id>` otherwise.
 */
function keyed(db: Db, viewer: Viewer, f: GroupFilter) {
  const grouped = [...f.groupedTypes];
  return notificationsQuery(db, viewer.accountId, { includeFiltered: f.includeFiltered === true })
    .clearSelect()
    .select([
      'notifications.id',
      'notifications.type',
      'notifications.status_id',
      'notifications.from_account_id',
      'notifications.created_at',
      'notifications.read_at',
      sql<string>`CASE WHEN notifications.group_key IS NOT NULL AND notifications.type = any(${grouped}::text[]) THEN notifications.group_key ELSE 'ungrouped-' || notifications.id END`.as('key'),
    ])
    .$if(Boolean(f.types?.length), (q) => q.where(sql<SqlBool>`notifications.type = any(${f.types!}::text[])`))
    .$if(Boolean(f.excludeTypes?.length), (q) => q.where(sql<SqlBool>`notifications.type <> all(${f.excludeTypes!}::text[])`))
    .$if(Boolean(f.fromAccountId), (q) => q.where('notifications.from_account_id', '=', f.fromAccountId!))
    .where((eb) => aboutVisibleStatus(eb, viewer));
}

export interface GroupPage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/**
 * A page of groups, newest first, as Mastodon 4.3 pages them: the groups of the `limit` newest
 * distinct keys below `max_id` (above `since_id`/`min_id`), each with its total count, its newest
 * accounts and the part of it inside the page (`page_min_id`..`page_max_id`: the notifications no
 * older than the page's oldest group). A long-lived group can appear again, older, on the next page.
 */
export async function listGroups(db: Db, viewer: Viewer, f: GroupFilter, page: GroupPage): Promise<GroupRow[]> {
  const lower = page.minId ?? page.sinceId;
  const heads = await db
    .selectFrom(
      keyed(db, viewer, f)
        .$if(Boolean(page.maxId), (q) => q.where('notifications.id', '<', page.maxId!))
        .$if(Boolean(lower), (q) => q.where('notifications.id', '>', lower!))
        .as('n'),
    )
    .select(['n.key', (eb) => eb.fn.max('n.id').as('head'), (eb) => eb.fn.min('n.id').as('tail')])
    .groupBy('n.key')
    // min_id pages forward from the cursor: the groups closest to it, shown newest first.
    .orderBy(page.minId ? 'tail' : 'head', page.minId ? 'asc' : 'desc')
    .limit(page.limit)
    .execute();
  if (heads.length === 0) return [];
  const keys = heads.map((h) => h.key);
  // The page's lower edge: older notifications of its groups belong to later pages.
  const full = heads.length === page.limit;
  const edge = full && !page.minId ? heads.reduce((min, h) => (BigInt(h.head) < BigInt(min) ? h.head : min), heads[0]!.head) : (lower ?? '0');
  const members = await db
    .selectFrom(keyed(db, viewer, f).as('n'))
    .select(['n.key', 'n.id', 'n.type', 'n.status_id', 'n.from_account_id', 'n.created_at'])
    .where('n.key', 'in', keys)
    .orderBy('n.id', 'desc')
    .execute();
  const byKey = new Map<string, typeof members>();
  for (const m of members) byKey.set(m.key, [...(byKey.get(m.key) ?? []), m]);
  const upper = page.maxId ? BigInt(page.maxId) : null;
  const rows: GroupRow[] = [];
  for (const head of heads) {
    const all = byKey.get(head.key) ?? [];
    const inPage = all.filter((m) => BigInt(m.id) >= BigInt(edge) && (upper === null || BigInt(m.id) < upper) && (!lower || BigInt(m.id) > BigInt(lower)));
    const newest = inPage[0] ?? all[0];
    if (!newest) continue;
    const accounts: (string | null)[] = [];
    for (const m of all) {
      if (accounts.length >= SAMPLE_ACCOUNTS) break;
      if (!accounts.includes(m.from_account_id)) accounts.push(m.from_account_id);
    }
    rows.push({
      key: head.key,
      type: newest.type,
      statusId: newest.status_id,
      count: all.length,
      mostRecentId: all[0]!.id,
      pageMinId: (inPage[inPage.length - 1] ?? newest).id,
      pageMaxId: newest.id,
      latestPageAt: newest.created_at,
      sampleAccountIds: accounts,
    });
  }
  rows.sort((a, b) => (BigInt(b.pageMaxId) > BigInt(a.pageMaxId) ? 1 : -1));
  return rows;
}

/** One group by its key, whole (its page is the group itself); empty when the recipient has none. */
export async function findGroup(db: Db, viewer: Viewer, f: GroupFilter, key: string): Promise<GroupRow[]> {
  const members = await db
    .selectFrom(keyed(db, viewer, f).as('n'))
    .select(['n.id', 'n.type', 'n.status_id', 'n.from_account_id', 'n.created_at'])
    .where('n.key', '=', key)
    .orderBy('n.id', 'desc')
    .limit(1000)
    .execute();
  const newest = members[0];
  if (!newest) return [];
  const accounts = [...new Set(members.map((m) => m.from_account_id))].slice(0, SAMPLE_ACCOUNTS);
  return [
    {
      key,
      type: newest.type,
      statusId: newest.status_id,
      count: members.length,
      mostRecentId: newest.id,
      pageMinId: members[members.length - 1]!.id,
      pageMaxId: newest.id,
      latestPageAt: newest.created_at,
      sampleAccountIds: accounts,
    },
  ];
}

/** Every account of one group, newest first (null: no person). */
export async function groupAccountIds(db: Db, viewer: Viewer, f: GroupFilter, key: string): Promise<(string | null)[]> {
  const rows = await db.selectFrom(keyed(db, viewer, f).as('n')).select(['n.from_account_id']).where('n.key', '=', key).orderBy('n.id', 'desc').limit(1000).execute();
  return [...new Set(rows.map((r) => r.from_account_id))];
}

/** Deletes one group of the recipient's notifications; false when she has no such group. */
export async function dismissGroup(db: Db, viewer: Viewer, f: GroupFilter, key: string): Promise<boolean> {
  const ids = await db.selectFrom(keyed(db, viewer, f).as('n')).select('n.id').where('n.key', '=', key).execute();
  if (ids.length === 0) return false;
  await db
    .deleteFrom('notifications')
    .where('account_id', '=', viewer.accountId)
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .execute();
  return true;
}

/** How many groups hold an unread notification, counting at most `cap`. */
export async function unreadGroupCount(db: Db, viewer: Viewer, f: GroupFilter, cap: number): Promise<number> {
  const keys = db.selectFrom(keyed(db, viewer, f).where('notifications.read_at', 'is', null).as('n')).select('n.key').distinct().limit(cap).as('k');
  const row = await db.selectFrom(keys).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
