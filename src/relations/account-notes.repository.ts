import type { Db } from '../db/connect.js';

/** Writes the note, or deletes it when `comment` is empty. */
export async function saveAccountNote(db: Db, accountId: string, targetId: string, comment: string): Promise<void> {
  if (comment === '') {
    await db.deleteFrom('account_notes').where('account_id', '=', accountId).where('target_account_id', '=', targetId).execute();
    return;
  }
  await db
    .insertInto('account_notes')
    .values({ account_id: accountId, target_account_id: targetId, comment })
    .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doUpdateSet({ comment, updated_at: new Date() }))
    .execute();
}

/** The viewer's notes about each of `ids` that has one. */
export async function notesAbout(db: Db, viewerId: string, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('account_notes').select(['target_account_id', 'comment']).where('account_id', '=', viewerId).where('target_account_id', 'in', [...ids]).execute();
  return new Map(rows.map((r) => [r.target_account_id, r.comment]));
}
