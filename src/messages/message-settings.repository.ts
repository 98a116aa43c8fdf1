import type { Db } from '../db/connect.js';
import type { MessagesFrom } from './messages.table.js';

export async function setMessagesFrom(db: Db, accountId: string, value: MessagesFrom): Promise<void> {
  await db.updateTable('accounts').set({ messages_from: value }).where('id', '=', accountId).execute();
}
