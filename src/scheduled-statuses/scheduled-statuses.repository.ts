import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { keyset, type KeysetPage } from '../posts/interaction-lists.repository.js';
import type { ScheduledParams } from './scheduled-statuses.js';

/** The SQL of scheduled statuses. */

export interface ScheduledStatusRow {
  id: string;
  account_id: string;
  scheduled_at: Date;
  params: ScheduledParams;
  application_id: string | null;
}

const columns = ['id', 'account_id', 'scheduled_at', 'params', 'application_id'] as const;

export async function insertScheduledStatus(db: Db, values: { accountId: string; scheduledAt: Date; params: ScheduledParams; applicationId: string | null }): Promise<ScheduledStatusRow> {
  return db
    .insertInto('scheduled_statuses')
    .values({ account_id: values.accountId, scheduled_at: values.scheduledAt, params: JSON.stringify(values.params), application_id: values.applicationId })
    .returning(columns)
    .executeTakeFirstOrThrow();
}

/** One of the account's scheduled statuses (someone else's is not found). */
export function findOwnScheduledStatus(db: Db, accountId: string, id: string): Promise<ScheduledStatusRow | undefined> {
  return db.selectFrom('scheduled_statuses').select(columns).where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
}

export function findScheduledStatus(db: Db, id: string): Promise<ScheduledStatusRow | undefined> {
  return db.selectFrom('scheduled_statuses').select(columns).where('id', '=', id).executeTakeFirst();
}

/** The account's scheduled statuses, newest id first, keyset on the id (Mastodon's cursors). */
export async function scheduledStatusesPage(db: Db, accountId: string, page: KeysetPage): Promise<ScheduledStatusRow[]> {
  const items = await keyset(
    db.selectFrom('scheduled_statuses').select(['scheduled_statuses.id as id', 'scheduled_statuses.id as cursor']).where('scheduled_statuses.account_id', '=', accountId),
    'scheduled_statuses.id',
    page,
  );
  if (items.length === 0) return [];
  const rows = await db.selectFrom('scheduled_statuses').select(columns).where('id', 'in', items.map((i) => i.id)).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return items.flatMap((i) => (byId.has(i.id) ? [byId.get(i.id)!] : []));
}

/** How many statuses the account has scheduled in all, and for the UTC day of `day`. */
export async function countScheduled(db: Db, accountId: string, day: Date): Promise<{ total: number; sameDay: number }> {
  const row = await db
    .selectFrom('scheduled_statuses')
    .select([
      sql<string>`count(*)`.as('total'),
      sql<string>`count(*) FILTER (WHERE (scheduled_at AT TIME ZONE 'UTC')::date = (${day.toISOString()}::timestamptz AT TIME ZONE 'UTC')::date)`.as('same_day'),
    ])
    .where('account_id', '=', accountId)
    .executeTakeFirstOrThrow();
  return { total: Number(row.total), sameDay: Number(row.same_day) };
}

export async function updateScheduledAt(db: Db, id: string, scheduledAt: Date): Promise<void> {
  await db.updateTable('scheduled_statuses').set({ scheduled_at: scheduledAt }).where('id', '=', id).execute();
}

/** Deletes the scheduled status; true when this call did (a publisher and a deletion never both win). */
export async function deleteScheduledStatus(db: Db, id: string): Promise<boolean> {
  const rows = await db.deleteFrom('scheduled_statuses').where('id', '=', id).returning('id').execute();
  return rows.length > 0;
}

/** The account's uploads among `ids` that no status uses yet (attachable to the scheduled status). */
export async function findAttachableMedia(db: Db, accountId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('media_attachments')
    .select(['id', 'kind', 'file_path', 'preview_path', 'width', 'height', 'description', 'meta', 'blurhash', 'processing', 'private'])
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .where('status_id', 'is', null)
    .orderBy('id')
    .execute();
}
