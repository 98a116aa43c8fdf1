import type { Db } from '../db/connect.js';

/** The author, visibility and mentioned accounts of a status: who a live event about it may reach. */
export async function findStatusAudience(db: Db, statusId: string): Promise<{ accountId: string; visibility: string; mentionedIds: string[] } | null> {
  const row = await db.selectFrom('statuses').select(['account_id', 'visibility']).where('id', '=', statusId).executeTakeFirst();
  if (!row) return null;
  const mentions = await db.selectFrom('mentions').select('account_id').where('status_id', '=', statusId).execute();
  return { accountId: row.account_id, visibility: row.visibility, mentionedIds: mentions.map((m) => m.account_id) };
}
