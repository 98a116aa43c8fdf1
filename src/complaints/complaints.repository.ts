import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { BlockFacts, TargetFacts } from './complaints.policy.js';
import type { ComplaintEntriesTable, ComplaintsTable } from './complaints.table.js';

export type ComplaintRow = Selectable<ComplaintsTable>;
export type ComplaintEntryRow = Selectable<ComplaintEntriesTable>;

/** Keyset page, newest first (Mastodon's cursors). */
export interface IdPage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

export function findComplaint(db: Db, id: string): Promise<ComplaintRow | undefined> {
  return db.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTargetFacts(db: Db, accountId: string): Promise<TargetFacts | undefined> {
  return db.selectFrom('accounts').select(['id', 'kind', 'suspended_at']).where('id', '=', accountId).executeTakeFirst();
}

/** The language a party reads (for the first private message of a moved complaint). */
export async function findAccountLocale(db: Db, accountId: string): Promise<'es' | 'en'> {
  const row = await db.selectFrom('users').select('locale').where('account_id', '=', accountId).executeTakeFirst();
  return row?.locale === 'en' ? 'en' : 'es';
}

export async function findBlockFacts(db: Db, complainantId: string, targetId: string): Promise<BlockFacts> {
  const rows = await db
    .selectFrom('blocks')
    .select(['account_id', 'target_account_id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('account_id', '=', complainantId), eb('target_account_id', '=', targetId)]),
        eb.and([eb('account_id', '=', targetId), eb('target_account_id', '=', complainantId)]),
      ]),
    )
    .execute();
  return {
    complainantBlocksTarget: rows.some((r) => r.account_id === complainantId),
    targetBlocksComplainant: rows.some((r) => r.account_id === targetId),
  };
}

/** The complaint of this complainant about this target that is still under way, if any. */
export function findComplaintUnderWay(db: Db, complainantId: string, targetId: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('complaints')
    .select('id')
    .where('complainant_id', '=', complainantId)
    .where('target_id', '=', targetId)
    .where('state', 'in', ['open', 'answered'])
    .where('removed_at', 'is', null)
    .executeTakeFirst();
}

export function insertComplaint(trx: Trx, values: Insertable<ComplaintsTable>): Promise<ComplaintRow> {
  return trx.insertInto('complaints').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateComplaint(db: Db, id: string, values: Updateable<ComplaintsTable>): Promise<ComplaintRow> {
  return db.updateTable('complaints').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The first answer of the target (or its move to private): `answered`, and the time recorded once. */
export async function markFirstResponse(db: Db, id: string, at: Date): Promise<void> {
  await db.updateTable('complaints').set({ state: 'answered' }).where('id', '=', id).where('state', '=', 'open').execute();
  await db.updateTable('complaints').set({ first_response_at: at }).where('id', '=', id).where('first_response_at', 'is', null).execute();
}

export function insertEntry(trx: Trx, values: Insertable<ComplaintEntriesTable>): Promise<ComplaintEntryRow> {
  return trx.insertInto('complaint_entries').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateEntry(db: Db, id: string, values: Updateable<ComplaintEntriesTable>): Promise<ComplaintEntryRow> {
  return db.updateTable('complaint_entries').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

export function findEntry(db: Db, id: string): Promise<ComplaintEntryRow | undefined> {
  return db.selectFrom('complaint_entries').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One page of a thread, newest first by id (keyset). Reads `limit + 1` rows to tell if there is more. */
export function findEntryPage(db: Db, complaintId: string, page: IdPage): Promise<ComplaintEntryRow[]> {
  let q = db.selectFrom('complaint_entries').selectAll().where('complaint_id', '=', complaintId);
  if (page.maxId) q = q.where('id', '<', page.maxId);
  if (page.sinceId) q = q.where('id', '>', page.sinceId);
  if (page.minId) {
    // Forward from min_id: the oldest entries after it, shown newest first.
    return q.where('id', '>', page.minId).orderBy('id', 'asc').limit(page.limit + 1).execute().then((rows) => rows.reverse());
  }
  return q.orderBy('id', 'desc').limit(page.limit + 1).execute();
}

/** Entries of each complaint, counted (for lists). */
export async function countEntries(db: Db, complaintIds: readonly string[]): Promise<Map<string, number>> {
  if (complaintIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('complaint_entries')
    .select(['complaint_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('complaint_id', 'in', complaintIds)
    .where('kind', '=', 'reply')
    .groupBy('complaint_id')
    .execute();
  return new Map(rows.map((r) => [r.complaint_id, Number(r.n)]));
}

/** Which complaints a list shows. */
export interface ComplaintListFilter {
  complainantId?: string;
  targetId?: string;
  /** Besides public complaints not removed, those where this account is a party. */
  partyId?: string | null;
  /** Every complaint of the filter (the viewer is a party of all of them). */
  everything?: boolean;
}

/** One page of complaints, newest first by id (keyset); reads `limit + 1` rows. */
export function findComplaintPage(db: Db, filter: ComplaintListFilter, page: IdPage): Promise<ComplaintRow[]> {
  let q = db.selectFrom('complaints').selectAll();
  if (filter.complainantId) q = q.where('complainant_id', '=', filter.complainantId);
  if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
  if (!filter.everything) {
    const party = filter.partyId ?? null;
    q = q.where((eb) => {
      const shown = eb.and([eb('visibility', '=', 'public'), eb('removed_at', 'is', null)]);
      return party ? eb.or([shown, eb('complainant_id', '=', party), eb('target_id', '=', party)]) : shown;
    });
  }
  if (page.maxId) q = q.where('id', '<', page.maxId);
  if (page.sinceId) q = q.where('id', '>', page.sinceId);
  if (page.minId) return q.where('id', '>', page.minId).orderBy('id', 'asc').limit(page.limit + 1).execute().then((rows) => rows.reverse());
  return q.orderBy('id', 'desc').limit(page.limit + 1).execute();
}

export interface ComplaintStatsRow {
  target_id: string;
  total: string | number;
  answered: string | number;
  median_seconds: string | number | null;
}

/**
 * Per target, over complaints opened since `since` that moderators did not remove: how many,
 * how many were answered (a first response recorded), and the median time to that first
 * response in seconds (`percentile_cont` over the answered ones only).
 */
export function findComplaintStats(db: Db, targetIds: readonly string[], since: Date, until?: Date): Promise<ComplaintStatsRow[]> {
  if (targetIds.length === 0) return Promise.resolve([]);
  let q = db
    .selectFrom('complaints')
    .select([
      'target_id',
      sql<string>`count(*)`.as('total'),
      sql<string>`count(first_response_at)`.as('answered'),
      sql<number | null>`percentile_cont(0.5) within group (order by extract(epoch from (first_response_at - created_at)))`.as('median_seconds'),
    ])
    .where('target_id', 'in', targetIds)
    .where('removed_at', 'is', null)
    .where('created_at', '>=', since);
  if (until) q = q.where('created_at', '<', until);
  return q.groupBy('target_id').execute();
}

// What moderation reads and changes through the content targets (complaint-targets.ts).

export function findComplaintForModeration(db: Db, id: string) {
  return db.selectFrom('complaints').select(['id', 'complainant_id', 'target_id', 'visibility', 'state', 'subject', 'body', 'created_at']).where('id', '=', id).executeTakeFirst();
}

/** Removes a complaint (kept, hidden from the public) with who and why, or puts it back. */
export async function setComplaintRemoved(db: Db, id: string, removed: boolean, by?: { moderatorId: string; reason: string }): Promise<void> {
  await db
    .updateTable('complaints')
    .set(removed ? { removed_at: new Date(), removed_by: by?.moderatorId ?? null, removal_reason: by?.reason ?? null } : { removed_at: null, removed_by: null, removal_reason: null })
    .where('id', '=', id)
    .execute();
}

export function findEntryForModeration(db: Db, id: string) {
  return db
    .selectFrom('complaint_entries as e')
    .innerJoin('complaints as c', 'c.id', 'e.complaint_id')
    .select(['e.id', 'e.account_id', 'e.complaint_id', 'e.kind', 'e.body', 'e.created_at', 'c.visibility'])
    .where('e.id', '=', id)
    .executeTakeFirst();
}

export async function setEntryHidden(db: Db, id: string, hidden: boolean): Promise<void> {
  await db.updateTable('complaint_entries').set({ hidden_at: hidden ? new Date() : null }).where('id', '=', id).execute();
}

/** How many complaints an account filed since `since` (the daily limit counts what was filed). */
export async function countComplaintsFiledSince(db: Db, complainantId: string, since: Date): Promise<number> {
  const row = await db.selectFrom('complaints').select((eb) => eb.fn.countAll<string>().as('n')).where('complainant_id', '=', complainantId).where('created_at', '>=', since).executeTakeFirstOrThrow();
  return Number(row.n);
}
