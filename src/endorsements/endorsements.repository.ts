import type { Db } from '../db/connect.js';

/** The SQL of endorsements (account pins) and familiar followers. */

/** Of `ids`, the accounts `viewerId` endorses and still follows. */
export async function endorsedAmong(db: Db, viewerId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('account_pins')
    .innerJoin('follows', (j) => j.onRef('follows.followed_id', '=', 'account_pins.target_account_id').onRef('follows.follower_id', '=', 'account_pins.account_id'))
    .select('account_pins.target_account_id')
    .where('account_pins.account_id', '=', viewerId)
    .where('account_pins.target_account_id', 'in', [...ids])
    .execute();
  return new Set(rows.map((r) => r.target_account_id));
}

export async function insertPin(db: Db, accountId: string, targetId: string): Promise<void> {
  await db.insertInto('account_pins').values({ account_id: accountId, target_account_id: targetId }).onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doNothing()).execute();
}

export async function deletePin(db: Db, accountId: string, targetId: string): Promise<void> {
  await db.deleteFrom('account_pins').where('account_id', '=', accountId).where('target_account_id', '=', targetId).execute();
}

/** One page of the accounts `accountId` endorses (still followed, not suspended), newest pin first. */
export async function endorsementPage(db: Db, accountId: string, page: { maxId?: string | undefined; sinceId?: string | undefined; limit: number }): Promise<{ accountId: string; cursor: string }[]> {
  const rows = await db
    .selectFrom('account_pins')
    .innerJoin('follows', (j) => j.onRef('follows.followed_id', '=', 'account_pins.target_account_id').onRef('follows.follower_id', '=', 'account_pins.account_id'))
    .innerJoin('accounts', 'accounts.id', 'account_pins.target_account_id')
    .select(['account_pins.target_account_id', 'account_pins.id as cursor'])
    .where('account_pins.account_id', '=', accountId)
    .where('accounts.suspended_at', 'is', null)
    .$if(page.maxId !== undefined, (q) => q.where('account_pins.id', '<', page.maxId!))
    .$if(page.sinceId !== undefined, (q) => q.where('account_pins.id', '>', page.sinceId!))
    .orderBy('account_pins.id', 'desc')
    .limit(page.limit)
    .execute();
  return rows.map((r) => ({ accountId: r.target_account_id, cursor: r.cursor }));
}

/**
 * For each of `ids`, the accounts `viewerId` follows that follow it (not suspended, not blocked
 * either way by the viewer), at most `limit` each: Mastodon's familiar followers.
 */
export async function familiarFollowers(db: Db, viewerId: string, ids: readonly string[], limit: number): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('follows as theirs')
    .innerJoin('follows as mine', (j) => j.onRef('mine.followed_id', '=', 'theirs.follower_id').on('mine.follower_id', '=', viewerId))
    .innerJoin('accounts', 'accounts.id', 'theirs.follower_id')
    .select(['theirs.followed_id', 'theirs.follower_id'])
    .where('theirs.followed_id', 'in', [...ids])
    .where('theirs.follower_id', '<>', viewerId)
    .where('accounts.suspended_at', 'is', null)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('blocks')
            .select('blocks.id')
            .where((b) =>
              b.or([
                b.and([b('blocks.account_id', '=', viewerId), b('blocks.target_account_id', '=', b.ref('theirs.follower_id'))]),
                b.and([b('blocks.target_account_id', '=', viewerId), b('blocks.account_id', '=', b.ref('theirs.follower_id'))]),
              ]),
            ),
        ),
      ),
    )
    .orderBy('theirs.id', 'desc')
    .execute();
  for (const r of rows) {
    const list = out.get(r.followed_id)!;
    if (list.length < limit) list.push(r.follower_id);
  }
  return out;
}
