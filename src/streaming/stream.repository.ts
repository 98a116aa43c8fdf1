import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** The author, visibility and mentioned accounts of a status: who a live event about it may reach. */
export async function findStatusAudience(db: Db, statusId: string): Promise<{ accountId: string; visibility: string; mentionedIds: string[] } | null> {
  const row = await db.selectFrom('statuses').select(['account_id', 'visibility']).where('id', '=', statusId).executeTakeFirst();
  if (!row) return null;
  const mentions = await db.selectFrom('mentions').select('account_id').where('status_id', '=', statusId).execute();
  return { accountId: row.account_id, visibility: row.visibility, mentionedIds: mentions.map((m) => m.account_id) };
}

/** A status and its reblogs, with what a `delete` event needs to reach those who saw them. */
export async function findGoneStatusFacts(db: Db, statusId: string): Promise<{ id: string; account_id: string; visibility: string; mentioned_ids: string[] }[]> {
  const rows = await db
    .selectFrom('statuses')
    .select((eb) => [
      'statuses.id',
      'statuses.account_id',
      'statuses.visibility',
      eb.fn.coalesce(sql<string[]>`(SELECT array_agg(m.account_id::text) FROM mentions m WHERE m.status_id = statuses.id)`, sql<string[]>`'{}'::text[]`).as('mentioned_ids'),
    ])
    .where((eb) => eb.or([eb('statuses.id', '=', statusId), eb('statuses.reblog_of_id', '=', statusId)]))
    .execute();
  return rows as { id: string; account_id: string; visibility: string; mentioned_ids: string[] }[];
}
