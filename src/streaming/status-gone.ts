import type { Db } from '../db/connect.js';
import { publishStreamEventOnCommit } from './stream-events.js';
import type { StatusDeletedEvent } from './status-stream-events.js';
import { findGoneStatusFacts } from './stream.repository.js';

/**
 * A status (and its reblogs) leaves every stream that may have carried it: a moderator hid or
 * removed it. Sent when the surrounding transaction commits (PostgreSQL NOTIFY).
 */
export async function announceStatusGone(db: Db, statusId: string): Promise<void> {
  for (const s of await findGoneStatusFacts(db, statusId)) {
    await publishStreamEventOnCommit<StatusDeletedEvent>(db, { kind: 'status.deleted', statusId: s.id, accountId: s.account_id, visibility: s.visibility, mentionedIds: s.mentioned_ids });
  }
}
