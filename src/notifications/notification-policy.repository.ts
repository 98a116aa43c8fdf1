import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import { notSilencedFor } from '../relations/relations.repository.js';
import type { NotificationPoliciesTable, PolicyAnswer } from './notification-policy.table.js';

/** The SQL of notification filtering: the verdict's facts, policies, requests and permissions. */

const NEW_ACCOUNT_DAYS = 30;
const NEW_FOLLOWER_DAYS = 3;

export interface VerdictFacts {
  muted_thread: boolean;
  permitted: boolean;
  following: boolean;
  follower: boolean;
  new_account: boolean;
  limited: boolean;
  from_staff: boolean;
  direct: boolean;
  answers_recipient: boolean;
  for_not_following: PolicyAnswer | null;
  for_not_followers: PolicyAnswer | null;
  for_new_accounts: PolicyAnswer | null;
  for_private_mentions: PolicyAnswer | null;
  for_limited_accounts: PolicyAnswer | null;
}

/** Everything the verdict depends on, in one round trip. */
export async function findVerdictFacts(db: Db, recipientId: string, fromId: string | null, statusId: string | null): Promise<VerdictFacts> {
  const from = fromId ?? '0';
  const status = statusId ?? '0';
  const result = await sql<VerdictFacts>`
    SELECT
      EXISTS (SELECT 1 FROM conversation_mutes cm JOIN statuses s ON s.thread_id = cm.thread_id
              WHERE s.id = ${status}::bigint AND cm.account_id = ${recipientId}::bigint) AS muted_thread,
      EXISTS (SELECT 1 FROM notification_permissions np WHERE np.account_id = ${recipientId}::bigint AND np.from_account_id = ${from}::bigint) AS permitted,
      EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ${recipientId}::bigint AND f.followed_id = ${from}::bigint) AS following,
      EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = ${from}::bigint AND f.followed_id = ${recipientId}::bigint
              AND f.created_at <= now() - make_interval(days => ${NEW_FOLLOWER_DAYS})) AS follower,
      COALESCE((SELECT a.created_at > now() - make_interval(days => ${NEW_ACCOUNT_DAYS}) FROM accounts a WHERE a.id = ${from}::bigint), false) AS new_account,
      COALESCE((SELECT a.silenced_at IS NOT NULL FROM accounts a WHERE a.id = ${from}::bigint), false) AS limited,
      EXISTS (SELECT 1 FROM users u WHERE u.account_id = ${from}::bigint AND u.staff_role IN ('moderator', 'admin')) AS from_staff,
      COALESCE((SELECT s.visibility = 'direct' FROM statuses s WHERE s.id = ${status}::bigint), false) AS direct,
      EXISTS (SELECT 1 FROM statuses s JOIN statuses mine
                ON mine.account_id = ${recipientId}::bigint AND mine.visibility = 'direct' AND mine.id < s.id
               AND (mine.conversation_id = s.conversation_id OR mine.thread_id = s.thread_id)
              WHERE s.id = ${status}::bigint) AS answers_recipient,
      p.for_not_following, p.for_not_followers, p.for_new_accounts, p.for_private_mentions, p.for_limited_accounts
    FROM (SELECT 1) one
    LEFT JOIN notification_policies p ON p.account_id = ${recipientId}::bigint`.execute(db);
  return result.rows[0]!;
}

export type PolicyRow = Selectable<NotificationPoliciesTable>;

export function findPolicy(db: Db, accountId: string): Promise<PolicyRow | undefined> {
  return db.selectFrom('notification_policies').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

export async function savePolicy(db: Db, accountId: string, values: Partial<Record<keyof Omit<PolicyRow, 'account_id' | 'updated_at'>, PolicyAnswer>>): Promise<void> {
  await db
    .insertInto('notification_policies')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ ...values, updated_at: new Date() }))
    .execute();
}

/** Opens (or refreshes) the request of a sender whose notification was just filtered. */
export async function openRequest(db: Db, accountId: string, fromAccountId: string): Promise<void> {
  await db
    .insertInto('notification_requests')
    .values({ account_id: accountId, from_account_id: fromAccountId })
    .onConflict((oc) => oc.columns(['account_id', 'from_account_id']).doUpdateSet({ updated_at: new Date() }))
    .execute();
}

/** A request with its live figures: how many notifications it holds and its newest status. */
export interface RequestRow {
  id: string;
  from_account_id: string;
  created_at: Date;
  updated_at: Date;
  notifications_count: number;
  last_status_id: string | null;
}

/**
 * The recipient's pending requests: those still holding filtered notifications, from senders
 * neither suspended nor blocked or muted (with notifications) by the recipient.
 */
function requestsQuery(db: Db, accountId: string) {
  return db
    .selectFrom('notification_requests as r')
    .innerJoin('accounts as sender', 'sender.id', 'r.from_account_id')
    .select((eb) => [
      'r.id',
      'r.from_account_id',
      'r.created_at',
      'r.updated_at',
      eb
        .selectFrom('notifications as n')
        .select((c) => c.fn.countAll<string>().as('n'))
        .whereRef('n.account_id', '=', 'r.account_id')
        .whereRef('n.from_account_id', '=', 'r.from_account_id')
        .where('n.filtered', '=', true)
        .as('notifications_count'),
      eb
        .selectFrom('notifications as n')
        .select('n.status_id')
        .whereRef('n.account_id', '=', 'r.account_id')
        .whereRef('n.from_account_id', '=', 'r.from_account_id')
        .where('n.filtered', '=', true)
        .where('n.status_id', 'is not', null)
        .orderBy('n.id', 'desc')
        .limit(1)
        .as('last_status_id'),
    ])
    .where('r.account_id', '=', accountId)
    .where('sender.suspended_at', 'is', null)
    .where(notSilencedFor(accountId, 'r.from_account_id'))
    .where((eb) =>
      eb.exists(
        eb.selectFrom('notifications as n').select('n.id').whereRef('n.account_id', '=', 'r.account_id').whereRef('n.from_account_id', '=', 'r.from_account_id').where('n.filtered', '=', true),
      ),
    );
}

const toRequestRow = (r: { id: string; from_account_id: string; created_at: Date; updated_at: Date; notifications_count: string | null; last_status_id: string | null }): RequestRow => ({
  ...r,
  notifications_count: Number(r.notifications_count ?? 0),
});

export async function listRequests(db: Db, accountId: string, page: { maxId?: string | undefined; sinceId?: string | undefined; minId?: string | undefined; limit: number }): Promise<RequestRow[]> {
  const lower = page.minId ?? page.sinceId;
  const rows = await requestsQuery(db, accountId)
    .$if(Boolean(page.maxId), (q) => q.where('r.id', '<', page.maxId!))
    .$if(Boolean(lower), (q) => q.where('r.id', '>', lower!))
    .orderBy('r.id', page.minId ? 'asc' : 'desc')
    .limit(page.limit)
    .execute();
  const out = rows.map(toRequestRow);
  return page.minId ? out.reverse() : out;
}

/** Pending requests among `ids` (the recipient's own only). */
export async function findRequests(db: Db, accountId: string, ids: readonly string[]): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  const rows = await requestsQuery(db, accountId).where('r.id', 'in', [...ids]).execute();
  return rows.map(toRequestRow);
}

/** The policy's summary: senders with pending requests (at most `cap`) and their notifications. */
export async function requestSummary(db: Db, accountId: string, cap: number): Promise<{ requests: number; notifications: number }> {
  const rows = await requestsQuery(db, accountId).limit(cap).execute();
  return { requests: rows.length, notifications: rows.reduce((sum, r) => sum + Number(r.notifications_count ?? 0), 0) };
}

/**
 * Accepts the senders of requests: from now on their notifications pass the policy, and those
 * kept aside join the list again (in their place: ids do not change).
 */
export async function acceptSenders(db: Db, accountId: string, fromAccountIds: readonly string[]): Promise<void> {
  if (fromAccountIds.length === 0) return;
  const from = [...fromAccountIds];
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('notification_permissions')
      .values(from.map((id) => ({ account_id: accountId, from_account_id: id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    await trx.updateTable('notifications').set({ filtered: false }).where('account_id', '=', accountId).where('from_account_id', 'in', from).where('filtered', '=', true).execute();
    await trx.deleteFrom('notification_requests').where('account_id', '=', accountId).where('from_account_id', 'in', from).execute();
  });
}

/** Dismisses requests: the notifications they held are deleted; a new one opens if the sender writes again. */
export async function dismissSenders(db: Db, accountId: string, fromAccountIds: readonly string[]): Promise<void> {
  if (fromAccountIds.length === 0) return;
  const from = [...fromAccountIds];
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('notifications').where('account_id', '=', accountId).where('from_account_id', 'in', from).where('filtered', '=', true).execute();
    await trx.deleteFrom('notification_requests').where('account_id', '=', accountId).where('from_account_id', 'in', from).execute();
  });
}
