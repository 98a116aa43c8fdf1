import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { isForeignKeyViolation } from '../db/errors.js';
import { notFound } from '../errors.js';
import { countPinsLocked, deleteBookmark, deletePin, insertBookmark, insertPin, isPinned } from './bookmarks.repository.js';
import { statusActedOn } from './interactions.service.js';
import { findVisibleStatus } from './posts.repository.js';
import { pinRefusal } from './pins.policy.js';

const goneAsNotFound = (err: unknown): never => {
  throw isForeignKeyViolation(err) ? notFound('Status') : err;
};

/**
 * Bookmarks a status the viewer may see (a reblog stands for its original); idempotent.
 * Returns the id of the status bookmarked.
 */
export async function bookmark(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await statusActedOn(app, viewer, id);
  await insertBookmark(app.db, viewer.accountId, status.id).catch(goneAsNotFound);
  return status.id;
}

/** Removes a bookmark; idempotent, 404 when the status is not visible. */
export async function unbookmark(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await statusActedOn(app, viewer, id);
  await deleteBookmark(app.db, viewer.accountId, status.id);
  return status.id;
}

/** Pins one of the viewer's statuses to their profile (`pins.policy.ts`); pinning it again is a no-op. */
export async function pin(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await findVisibleStatus(app.db, id, viewer);
  if (!status) throw notFound('Status');
  if (await isPinned(app.db, viewer.accountId, status.id)) return status.id;
  await app.db
    .transaction()
    .execute(async (trx) => {
      const refusal = pinRefusal(status, viewer.accountId, await countPinsLocked(trx, viewer.accountId));
      if (refusal) throw refusal;
      await insertPin(trx, viewer.accountId, status.id);
    })
    .catch(goneAsNotFound);
  return status.id;
}

/** Unpins a status; idempotent, 404 when the status is not visible. */
export async function unpin(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await findVisibleStatus(app.db, id, viewer);
  if (!status) throw notFound('Status');
  await deletePin(app.db, viewer.accountId, status.id);
  return status.id;
}
