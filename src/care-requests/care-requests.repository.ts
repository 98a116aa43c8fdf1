import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { CareRequestListQuery } from './care-requests.js';
import type { TargetFacts } from './care-requests.policy.js';
import type { CareRequestsTable } from './care-requests.table.js';

/** The SQL of care requests. */

export type CareRequestRow = Selectable<CareRequestsTable>;

export function insertCareRequest(db: Db, values: Insertable<CareRequestsTable>): Promise<CareRequestRow> {
  return db.insertInto('care_requests').values(values).returningAll().executeTakeFirstOrThrow();
}

/** A request by id, only when `accountId` is one of its two parties (anyone else: undefined). */
export function findRequestForParty(db: Db, id: string, accountId: string): Promise<CareRequestRow | undefined> {
  return db
    .selectFrom('care_requests')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => eb.or([eb('requester_id', '=', accountId), eb('target_id', '=', accountId)]))
    .executeTakeFirst();
}

/** The target's facts the rules need: kind, suspension, whether its practice accepts online requests. */
export async function findTargetFacts(db: Db, targetId: string): Promise<(TargetFacts & { id: string }) | undefined> {
  const row = await db
    .selectFrom('accounts as a')
    .leftJoin('practice_info as p', 'p.account_id', 'a.id')
    .select(['a.id', 'a.kind', sql<boolean>`a.suspended_at IS NOT NULL`.as('suspended'), sql<boolean>`coalesce(p.accepts_online_requests, false)`.as('accepts')])
    .where('a.id', '=', targetId)
    .executeTakeFirst();
  return row ? { id: row.id, kind: row.kind, suspended: row.suspended, acceptsOnlineRequests: row.accepts } : undefined;
}

/** Whether the requester has a request to the target that is not closed. */
export async function hasOpenRequest(db: Db, requesterId: string, targetId: string): Promise<boolean> {
  const row = await db.selectFrom('care_requests').select('id').where('requester_id', '=', requesterId).where('target_id', '=', targetId).where('state', '<>', 'closed').executeTakeFirst();
  return row !== undefined;
}

/** Requests the requester sent in the last `hours` hours. */
export async function countSentSince(db: Db, requesterId: string, hours: number): Promise<number> {
  const row = await db
    .selectFrom('care_requests')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('requester_id', '=', requesterId)
    .where('created_at', '>', sql<Date>`now() - make_interval(hours => ${hours})`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of an account's received (`target_id`) or sent (`requester_id`) requests, optionally
 * of one state, newest first by id (keyset: `max_id`, `since_id`; `min_id` reads the page just
 * after the cursor, shown newest first).
 */
export async function listRequestPage(db: Db, side: 'target_id' | 'requester_id', accountId: string, query: CareRequestListQuery): Promise<CareRequestRow[]> {
  let q = db.selectFrom('care_requests').selectAll().where(side, '=', accountId);
  if (query.state) q = q.where('state', '=', query.state);
  if (query.max_id) q = q.where('id', '<', query.max_id);
  if (query.since_id) q = q.where('id', '>', query.since_id);
  if (query.min_id) q = q.where('id', '>', query.min_id);
  const rows = await q.orderBy('id', query.min_id ? 'asc' : 'desc').limit(query.limit).execute();
  return query.min_id ? rows.reverse() : rows;
}

/** Closes an open request; undefined when it was closed meanwhile. */
export function closeRequestRow(db: Db, id: string, by: string): Promise<CareRequestRow | undefined> {
  return db
    .updateTable('care_requests')
    .set({ state: 'closed', closed_at: new Date(), closed_by: by })
    .where('id', '=', id)
    .where('state', '<>', 'closed')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Inside the transaction of every private message (`storeDirectMessage`): a message by the
 * target of a new request in that request's conversation answers it, once — the inbox's
 * "Responder" and writing in the conversation directly are the same path.
 */
export async function recordCareRequestAnswer(trx: Trx, conversationId: string, authorId: string): Promise<void> {
  await trx
    .updateTable('care_requests')
    .set({ state: 'answered', first_answered_at: new Date() })
    .where('conversation_id', '=', conversationId)
    .where('target_id', '=', authorId)
    .where('state', '=', 'new')
    .execute();
}

/**
 * For the navigation: whether the account is a professional or organisation, whether it ever
 * sent a request, and its new requests received (capped).
 */
export async function careRequestNavFacts(db: Db, accountId: string, cap: number): Promise<{ practitioner: boolean; hasSent: boolean; newCount: number }> {
  const row = await db
    .selectFrom('accounts as a')
    .select((eb) => [
      'a.kind',
      eb
        .selectFrom(eb.selectFrom('care_requests').select('id').where('target_id', '=', accountId).where('state', '=', 'new').limit(cap).as('r'))
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('new_count'),
      eb.exists(eb.selectFrom('care_requests').select('id').where('requester_id', '=', accountId)).as('has_sent'),
    ])
    .where('a.id', '=', accountId)
    .executeTakeFirst();
  return { practitioner: row !== undefined && row.kind !== 'patient', hasSent: Boolean(row?.has_sent), newCount: Number(row?.new_count ?? 0) };
}

/**
 * The median seconds from request to first answer over the target's answered requests made in
 * the last `days` days, and how many there were (PostgreSQL's `percentile_cont`, interpolated).
 */
export async function medianFirstAnswer(db: Db, targetId: string, days: number): Promise<{ median: number | null; answered: number }> {
  const row = await db
    .selectFrom('care_requests')
    .select([
      sql<number | string | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answered_at - created_at))`.as('median'),
      sql<string>`count(*)`.as('answered'),
    ])
    .where('target_id', '=', targetId)
    .where('first_answered_at', 'is not', null)
    .where('created_at', '>', sql<Date>`now() - make_interval(days => ${days})`)
    .executeTakeFirstOrThrow();
  return { median: row.median === null ? null : Number(row.median), answered: Number(row.answered) };
}

/**
 * Care requests a target received in [from, until): how many, how many were answered, and the
 * median seconds from request to first answer of those (`percentile_cont`, interpolated).
 */
export async function firstAnswerStatsBetween(db: Db, targetId: string, from: Date, until: Date): Promise<{ received: number; answered: number; median: number | null }> {
  const row = await db
    .selectFrom('care_requests')
    .select([
      sql<string>`count(*)`.as('received'),
      sql<string>`count(first_answered_at)`.as('answered'),
      sql<number | string | null>`percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_answered_at - created_at))`.as('median'),
    ])
    .where('target_id', '=', targetId)
    .where('created_at', '>=', from)
    .where('created_at', '<', until)
    .executeTakeFirstOrThrow();
  return { received: Number(row.received), answered: Number(row.answered), median: row.median === null ? null : Number(row.median) };
}
