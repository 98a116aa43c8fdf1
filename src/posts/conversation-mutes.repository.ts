import type { Db } from '../db/connect.js';

/** Mutes the thread for the account (idempotent). */
export async function insertConversationMute(db: Db, accountId: string, threadId: string): Promise<void> {
  await db.insertInto('conversation_mutes').values({ account_id: accountId, thread_id: threadId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function deleteConversationMute(db: Db, accountId: string, threadId: string): Promise<void> {
  await db.deleteFrom('conversation_mutes').where('account_id', '=', accountId).where('thread_id', '=', threadId).execute();
}
