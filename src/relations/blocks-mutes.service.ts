import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { unfollow } from '../accounts/follows.service.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { AppError, notFound } from '../errors.js';

/**
 * True when either account blocks the other. The one check every module uses before letting two
 * accounts interact (follows, replies, answers, messages, mentions).
 */
export async function isBlockedEitherWay(db: Kysely<Database>, a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('blocks')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('account_id', '=', a), eb('target_account_id', '=', b)]),
        eb.and([eb('account_id', '=', b), eb('target_account_id', '=', a)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

async function assertTarget(db: Db, accountId: string, targetId: string): Promise<void> {
  if (accountId === targetId) throw new AppError('validation_failed', 'You cannot block or mute yourself');
  const target = await db.selectFrom('accounts').select('id').where('id', '=', targetId).executeTakeFirst();
  if (!target) throw notFound('Account');
}

/**
 * Blocks `targetId`: the follows between the two accounts end in both directions (counters kept
 * exact by `unfollow`), and from then on neither sees the other's content nor can follow them.
 */
export async function block(db: Db, accountId: string, targetId: string): Promise<void> {
  await assertTarget(db, accountId, targetId);
  await db.insertInto('blocks').values({ account_id: accountId, target_account_id: targetId }).onConflict((oc) => oc.doNothing()).execute();
  await unfollow(db, accountId, targetId);
  await unfollow(db, targetId, accountId);
}

export async function unblock(db: Db, accountId: string, targetId: string): Promise<void> {
  await db.deleteFrom('blocks').where('account_id', '=', accountId).where('target_account_id', '=', targetId).execute();
}

/**
 * Mutes `targetId`: their posts leave the muter's timelines and search; with `notifications` their
 * notifications too. `durationSeconds` 0 means until unmuted. Muting again updates the options.
 */
export async function mute(db: Db, accountId: string, targetId: string, options: { notifications: boolean; durationSeconds: number }): Promise<void> {
  await assertTarget(db, accountId, targetId);
  const expiresAt = options.durationSeconds > 0 ? new Date(Date.now() + options.durationSeconds * 1000) : null;
  await db
    .insertInto('mutes')
    .values({ account_id: accountId, target_account_id: targetId, hide_notifications: options.notifications, expires_at: expiresAt })
    .onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doUpdateSet({ hide_notifications: options.notifications, expires_at: expiresAt }))
    .execute();
}

export async function unmute(db: Db, accountId: string, targetId: string): Promise<void> {
  await db.deleteFrom('mutes').where('account_id', '=', accountId).where('target_account_id', '=', targetId).execute();
}

/** Block and mute facts of `viewerId` towards each of `ids`, for the Relationship entity. */
export async function blockMuteFacts(db: Db, viewerId: string, ids: string[]) {
  if (ids.length === 0) return { blocking: new Set<string>(), blockedBy: new Set<string>(), muting: new Map<string, boolean>() };
  const [blocking, blockedBy, muting] = await Promise.all([
    db.selectFrom('blocks').select('target_account_id as id').where('account_id', '=', viewerId).where('target_account_id', 'in', ids).execute(),
    db.selectFrom('blocks').select('account_id as id').where('target_account_id', '=', viewerId).where('account_id', 'in', ids).execute(),
    db
      .selectFrom('mutes')
      .select(['target_account_id as id', 'hide_notifications'])
      .where('account_id', '=', viewerId)
      .where('target_account_id', 'in', ids)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', sql<Date>`now()`)]))
      .execute(),
  ]);
  return {
    blocking: new Set(blocking.map((r) => r.id)),
    blockedBy: new Set(blockedBy.map((r) => r.id)),
    muting: new Map(muting.map((r) => [r.id, r.hide_notifications])),
  };
}

/** One page of blocked (or muted) accounts, newest first, keyed by the block's (mute's) id. */
export async function listBlockOrMutePage(
  db: Db,
  accountId: string,
  table: 'blocks' | 'mutes',
  page: { maxId?: string | undefined; sinceId?: string | undefined; minId?: string | undefined; limit: number },
): Promise<{ accountId: string; cursor: string; expiresAt: Date | null }[]> {
  let q = db
    .selectFrom(table)
    .select(['target_account_id', 'id'])
    .$if(table === 'mutes', (qb) => qb.select(sql<Date | null>`expires_at`.as('expires_at')))
    .where('account_id', '=', accountId);
  if (table === 'mutes') q = q.where(sql<boolean>`(expires_at IS NULL OR expires_at > now())`);
  if (page.maxId) q = q.where('id', '<', page.maxId);
  if (page.sinceId) q = q.where('id', '>', page.sinceId);
  let rows;
  if (page.minId) {
    rows = (await q.where('id', '>', page.minId).orderBy('id', 'asc').limit(page.limit).execute()).reverse();
  } else {
    rows = await q.orderBy('id', 'desc').limit(page.limit).execute();
  }
  return rows.map((r) => ({ accountId: r.target_account_id, cursor: r.id, expiresAt: (r as { expires_at?: Date | null }).expires_at ?? null }));
}
