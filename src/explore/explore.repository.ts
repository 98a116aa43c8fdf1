import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.js';
import { blockedEitherWay, mutedBy } from '../relations/relations.repository.js';

/** The SQL of suggestions and trending statuses. */

/**
 * Accounts to suggest to `me`: active, discoverable accounts `me` does not follow, has not asked
 * to follow, has not dismissed, neither blocks nor mutes nor is blocked by; verified
 * professionals and organisations first, then the most followed.
 */
export function suggestedAccounts(db: Db, me: string, limit: number): Promise<{ id: string; verified: boolean }[]> {
  return db
    .selectFrom('accounts')
    .select(['accounts.id', sql<boolean>`accounts.verification_status = 'verified'`.as('verified')])
    .where('accounts.id', '<>', me)
    .where('accounts.suspended_at', 'is', null)
    .where('accounts.silenced_at', 'is', null)
    .where('accounts.discoverable', '=', true)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('follows').select('follows.id').where('follows.follower_id', '=', me).whereRef('follows.followed_id', '=', 'accounts.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('follow_requests').select('follow_requests.id').where('follow_requests.account_id', '=', me).whereRef('follow_requests.target_account_id', '=', 'accounts.id'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('suggestion_dismissals').select('suggestion_dismissals.account_id').where('suggestion_dismissals.account_id', '=', me).whereRef('suggestion_dismissals.target_account_id', '=', 'accounts.id'))))
    .where((eb) => eb.not(eb.or([blockedEitherWay(me, 'accounts.id'), mutedBy(me, 'accounts.id')])))
    .orderBy(sql`accounts.verification_status = 'verified'`, 'desc')
    .orderBy('accounts.followers_count', 'desc')
    .orderBy('accounts.id', 'desc')
    .limit(limit)
    .execute();
}

export async function dismissSuggestion(db: Db, me: string, targetId: string): Promise<void> {
  await db.insertInto('suggestion_dismissals').values({ account_id: me, target_account_id: targetId }).onConflict((oc) => oc.columns(['account_id', 'target_account_id']).doNothing()).execute();
}

/**
 * Public original statuses since `since` with the most favourites and reblogs (at least one),
 * of active, unlimited authors; a bounded page with `offset` (Mastodon's trends).
 */
export async function trendingStatusIds(db: Db, since: Date, offset: number, limit: number, options: { includeRejected?: boolean } = {}): Promise<string[]> {
  const rows = await db
    .selectFrom('statuses')
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
    .select('statuses.id')
    .where('statuses.created_at', '>=', since)
    .where('statuses.visibility', '=', 'public')
    .where('statuses.reblog_of_id', 'is', null)
    .where('statuses.hidden_at', 'is', null)
    .where('accounts.suspended_at', 'is', null)
    .where('accounts.silenced_at', 'is', null)
    .where(sql<SqlBool>`statuses.favourites_count + statuses.reblogs_count > 0`)
    // A status a moderator rejected does not trend (the admin's review list still shows it).
    .$if(options.includeRejected !== true, (q) =>
      q.where((eb) => eb.not(eb.exists(eb.selectFrom('status_trend_reviews').select('status_trend_reviews.status_id').whereRef('status_trend_reviews.status_id', '=', 'statuses.id').where('status_trend_reviews.trendable', '=', false)))),
    )
    .orderBy(sql`statuses.favourites_count + 2 * statuses.reblogs_count`, 'desc')
    .orderBy('statuses.id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** A moderator's decision on a trending status. */
export async function reviewStatusTrend(db: Db, statusId: string, trendable: boolean, reviewerId: string): Promise<void> {
  await db
    .insertInto('status_trend_reviews')
    .values({ status_id: statusId, trendable, reviewed_by_account_id: reviewerId })
    .onConflict((oc) => oc.column('status_id').doUpdateSet({ trendable, reviewed_by_account_id: reviewerId, reviewed_at: new Date() }))
    .execute();
}
