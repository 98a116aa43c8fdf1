import { assertMayReactInConversation } from '../messages/conversations.service.js';
import { enqueueFanOut, statusPublished } from '../timelines/home-feed.js';
import type { StatusEvent } from '../streaming/status-stream-events.js';
import { publishStreamEvent } from '../streaming/stream-events.js';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { isForeignKeyViolation } from '../db/errors.js';
import { forbidden, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import { deleteFavourite, deleteReblog, findReblogId, insertFavourite, insertReblog } from './interactions.repository.js';
import { findVisibleStatus, type StatusRow } from './posts.repository.js';
import { recordDeletedStatus, recordNewStatus } from './status-counters.js';
import { bumpStatusCounter } from './status-counters.repository.js';

/** A status deleted while someone acts on it is simply not found. */
function goneAsNotFound(err: unknown): never {
  throw isForeignKeyViolation(err) ? notFound('Status') : err;
}

/** The status acted on: a reblog stands for its original (as in Mastodon). 404 when invisible. */
export async function statusActedOn(app: AppContext, viewer: Viewer, id: string): Promise<StatusRow> {
  const row = await findVisibleStatus(app.db, id, viewer);
  if (!row) throw notFound('Status');
  if (!row.reblog_of_id) return row;
  const original = await findVisibleStatus(app.db, row.reblog_of_id, viewer);
  if (!original) throw notFound('Status');
  return original;
}

/**
 * Favourites a status; idempotent (ON CONFLICT DO NOTHING) and the counter moves only when a row
 * was really inserted, in the same transaction. Returns the id of the status favourited.
 */
export async function favourite(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await statusActedOn(app, viewer, id);
  if (status.conversation_id) await assertMayReactInConversation(app, viewer, status.conversation_id);
  const inserted = await app.db.transaction().execute(async (trx) => {
    const row = await insertFavourite(trx, viewer.accountId, status.id);
    if (row) await bumpStatusCounter(trx, status.id, 'favourites_count', 1);
    return Boolean(row);
  }).catch(goneAsNotFound);
  if (inserted) await notify(app.db, { accountId: status.account_id, type: 'favourite', fromAccountId: viewer.accountId, statusId: status.id });
  return status.id;
}

/** Removes a favourite; idempotent, counter exact as in `favourite`. */
export async function unfavourite(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await statusActedOn(app, viewer, id);
  await app.db.transaction().execute(async (trx) => {
    const row = await deleteFavourite(trx, viewer.accountId, status.id);
    if (row) await bumpStatusCounter(trx, status.id, 'favourites_count', -1);
  });
  return status.id;
}

/**
 * Reblogs (boosts) a status and returns the reblog's id. Followers-only and direct statuses
 * cannot be reblogged. Idempotent: one reblog per account and status (unique index), and the
 * counters change only when the reblog row was really inserted.
 */
export async function reblog(app: AppContext, viewer: Viewer, id: string, visibility: 'public' | 'unlisted' | 'private' = 'public'): Promise<string> {
  const status = await statusActedOn(app, viewer, id);
  if (status.visibility === 'private' || status.visibility === 'direct') throw forbidden('Followers-only and direct posts cannot be reblogged');
  const result = await app.db.transaction().execute(async (trx) => {
    const row = await insertReblog(trx, {
      accountId: viewer.accountId,
      reblogOfId: status.id,
      visibility,
      language: status.language,
      applicationId: viewer.applicationId,
    });
    if (!row) return null;
    await bumpStatusCounter(trx, status.id, 'reblogs_count', 1);
    await recordNewStatus(trx, viewer.accountId, visibility);
    await enqueueFanOut(trx, row.id);
    return row.id;
  }).catch(goneAsNotFound);
  if (result) {
    await statusPublished(app, { id: result, accountId: viewer.accountId, visibility });
    await publishStreamEvent<StatusEvent>(app, { kind: 'status.created', statusId: result });
    await notify(app.db, { accountId: status.account_id, type: 'reblog', fromAccountId: viewer.accountId, statusId: status.id });
    return result;
  }
  const existing = await findReblogId(app.db, viewer.accountId, status.id);
  if (!existing) throw notFound('Status');
  return existing.id;
}

/** Undoes the viewer's reblog; idempotent. Returns the original status's id. */
export async function unreblog(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await statusActedOn(app, viewer, id);
  await app.db.transaction().execute(async (trx) => {
    const row = await deleteReblog(trx, viewer.accountId, status.id);
    if (!row) return;
    await bumpStatusCounter(trx, status.id, 'reblogs_count', -1);
    await recordDeletedStatus(trx, viewer.accountId, row.visibility);
  });
  return status.id;
}
