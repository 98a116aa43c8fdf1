import { findAccountById } from '../accounts/accounts.repository.js';
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import { AppError, notFound } from '../errors.js';
import { unfollow } from './follows.service.js';
import { deleteBlock, deleteMute, insertBlock, listBlockOrMutePage, upsertMute } from './relations.repository.js';

async function assertTarget(db: Db, accountId: string, targetId: string): Promise<void> {
  if (accountId === targetId) throw new AppError('validation_failed', 'You cannot block or mute yourself');
  if (!(await findAccountById(db, targetId))) throw notFound('Account');
}

/**
 * Blocks `targetId`: the follows and pending follow requests between the two accounts end in both
 * directions (counters kept exact by `unfollow`), and from then on neither sees the other's
 * content nor can follow them.
 */
export async function block(app: AppContext, accountId: string, targetId: string): Promise<void> {
  await assertTarget(app.db, accountId, targetId);
  await insertBlock(app.db, accountId, targetId);
  await unfollow(app, accountId, targetId);
  await unfollow(app, targetId, accountId);
}

export async function unblock(db: Db, accountId: string, targetId: string): Promise<void> {
  await deleteBlock(db, accountId, targetId);
}

/**
 * Mutes `targetId`: their posts leave the muter's timelines and search; with `notifications` their
 * notifications too. `durationSeconds` 0 means until unmuted. Muting again updates the options.
 */
export async function mute(db: Db, accountId: string, targetId: string, options: { notifications: boolean; durationSeconds: number }): Promise<void> {
  await assertTarget(db, accountId, targetId);
  const expiresAt = options.durationSeconds > 0 ? new Date(Date.now() + options.durationSeconds * 1000) : null;
  await upsertMute(db, accountId, targetId, { hideNotifications: options.notifications, expiresAt });
}

export async function unmute(db: Db, accountId: string, targetId: string): Promise<void> {
  await deleteMute(db, accountId, targetId);
}

/** One page of the accounts `accountId` blocks (or mutes, unexpired), newest first. */
export function listBlocksOrMutes(db: Db, accountId: string, table: 'blocks' | 'mutes', page: Parameters<typeof listBlockOrMutePage>[3]) {
  return listBlockOrMutePage(db, accountId, table, page);
}
