import type { Db } from '../db/connect.js';

export interface NewNotification {
  /** Who is notified. */
  accountId: string;
  /** Mastodon type (`mention`, `follow`, `favourite`, `reblog`, `status`, `update`) or a Medired one. */
  type: string;
  fromAccountId?: string | null;
  statusId?: string | null;
  payload?: Record<string, unknown>;
}

/** True when `accountId` blocks `fromId`, or mutes it with notifications hidden. */
async function silencedFor(db: Db, accountId: string, fromId: string): Promise<boolean> {
  const [blocked, muted] = await Promise.all([
    db.selectFrom('blocks').select('id').where('account_id', '=', accountId).where('target_account_id', '=', fromId).executeTakeFirst(),
    db
      .selectFrom('mutes')
      .select('id')
      .where('account_id', '=', accountId)
      .where('target_account_id', '=', fromId)
      .where('hide_notifications', '=', true)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
      .executeTakeFirst(),
  ]);
  return Boolean(blocked || muted);
}

/**
 * Records a notification, unless it is about oneself or the recipient blocks or mutes (with
 * notifications hidden) the account it comes from.
 */
export async function notify(db: Db, n: NewNotification): Promise<void> {
  const from = n.fromAccountId ?? null;
  if (from && from === n.accountId) return;
  if (from && (await silencedFor(db, n.accountId, from))) return;
  await db
    .insertInto('notifications')
    .values({ account_id: n.accountId, type: n.type, from_account_id: from, status_id: n.statusId ?? null, payload: JSON.stringify(n.payload ?? {}) })
    .execute();
}
