import type { AppContext } from '../app-context.js';
import { hasStaffPower } from '../auth/staff-power.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../errors.js';
import { deleteFilesOfMedia } from '../media/media-files.js';
import { findStatusById } from './posts.repository.js';
import { withOpenedText } from '../messages/sealed-text.js';
import { refreshLastMessage } from '../messages/conversations.repository.js';
import { countsAsReply, recordDeletedStatus } from './status-counters.js';
import { bumpStatusCounter, deleteReblogsOf } from './status-counters.repository.js';
import { deleteStatusRow, findMediaFilesOfStatus, lockStatus } from './status-deletion.repository.js';
import { getVisibleStatus, type MastodonStatus } from './status-views.js';
import type { StatusDeletedEvent } from '../streaming/status-stream-events.js';
import { publishStreamEvent } from '../streaming/stream-events.js';

/**
 * Deletes a status (its author, or a moderator or admin with two-factor authentication) and
 * returns it as Mastodon does, with its source `text` for "delete and redraft". Counters of
 * the author, the replied-to status, the reblogged status and the reblogs' authors are
 * updated in the same transaction.
 */
export async function deleteStatus(app: AppContext, viewer: Viewer, id: string): Promise<MastodonStatus> {
  const entity = await getVisibleStatus(app, id, viewer);
  const row = await findStatusById(app.db, id);
  if (!row) throw notFound('Status');
  const isAuthor = row.account_id === viewer.accountId;
  const isModerator = hasStaffPower(viewer);
  if (!isAuthor && !isModerator) throw forbidden('Only the author or a moderator may delete this status');

  const files = await app.db.transaction().execute(async (trx) => {
    // Lock the row first: of two concurrent deletions only one goes on to change counters.
    const locked = await lockStatus(trx, id);
    if (!locked) return null;
    await deleteReblogsOf(trx, id);
    const media = await findMediaFilesOfStatus(trx, id);
    await deleteStatusRow(trx, id);
    await recordDeletedStatus(trx, row.account_id, row.visibility);
    if (row.in_reply_to_id && countsAsReply(row.visibility)) await bumpStatusCounter(trx, row.in_reply_to_id, 'replies_count', -1);
    if (row.reblog_of_id) await bumpStatusCounter(trx, row.reblog_of_id, 'reblogs_count', -1);
    if (row.conversation_id) await refreshLastMessage(trx, row.conversation_id);
    return media;
  });
  if (!files) throw notFound('Status');
  await publishStreamEvent<StatusDeletedEvent>(app, { kind: 'status.deleted', statusId: id, accountId: row.account_id, visibility: row.visibility, mentionedIds: entity.mentions.map((m) => m.id) });
  await deleteFilesOfMedia(app, files);
  return { ...entity, text: withOpenedText(app.sealer, row).content_source };
}
