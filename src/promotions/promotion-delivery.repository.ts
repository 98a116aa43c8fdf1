import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import { notBlockedOrMutedBy } from '../relations/relations.repository.js';

/**
 * The SQL of delivering promotions: which running promotion a reader may be shown, the day's
 * show and billable impression, the charge against the budget, and clicks.
 */

export interface DeliveryCandidate {
  id: string;
  status_id: string;
  cpm_credits: number;
}

/**
 * One running promotion for the home timeline of `readerId`, or undefined. The rules:
 *
 * - approved, started, not past its end, and with at least one impression's cost left;
 * - its post is public, original (no repost, no reply), not hidden by a moderator, and its author
 *   is neither suspended nor limited; never the reader's own promotion;
 * - the reader neither blocks nor mutes the promoter, nor is blocked by it;
 * - the reader matches every target the promotion sets (a target left empty matches everyone):
 *   specialties — the reader's own specialty, or a specialty of an account the reader follows;
 *   countries and cities — the reader's profile; topics — a hashtag the reader follows;
 * - shown fewer than `dailyCap` times to this reader today, and not already on the page
 *   (`excludeStatusIds`);
 * - the least shown to this reader today first, then at random (so running promotions share).
 */
export async function findDeliveryCandidate(db: Db, readerId: string, day: string, options: { dailyCap: number; excludeStatusIds: readonly string[] }): Promise<DeliveryCandidate | undefined> {
  const row = await db
    .selectFrom('promotions as p')
    .innerJoin('statuses as s', 's.id', 'p.status_id')
    .innerJoin('accounts as author', 'author.id', 'p.account_id')
    .innerJoin('accounts as me', (join) => join.on('me.id', '=', readerId))
    .leftJoin('promotion_impressions as today', (join) => join.onRef('today.promotion_id', '=', 'p.id').on('today.account_id', '=', readerId).on('today.day', '=', day))
    .select(['p.id', 'p.status_id', 'p.cpm_credits'])
    .where('p.state', '=', 'approved')
    .where('p.starts_at', '<=', sql<Date>`now()`)
    .where('p.ends_at', '>', sql<Date>`now()`)
    .where(sql<SqlBool>`p.spent_millicredits + p.cpm_credits <= p.budget_credits::bigint * 1000`)
    .where('p.account_id', '<>', readerId)
    .where('s.visibility', '=', 'public')
    .where('s.reblog_of_id', 'is', null)
    .where('s.in_reply_to_id', 'is', null)
    .where('s.hidden_at', 'is', null)
    .where('author.suspended_at', 'is', null)
    .where('author.silenced_at', 'is', null)
    .where(notBlockedOrMutedBy(readerId, 'p.account_id'))
    .where((eb) => eb.or([eb('today.shows', 'is', null), eb('today.shows', '<', options.dailyCap)]))
    .$if(options.excludeStatusIds.length > 0, (q) => q.where('p.status_id', 'not in', [...options.excludeStatusIds]))
    .where(targetsMatch(readerId))
    .orderBy(sql`coalesce(today.shows, 0)`)
    .orderBy(sql`random()`)
    .limit(1)
    .executeTakeFirst();
  return row ? { id: row.id, status_id: row.status_id!, cpm_credits: row.cpm_credits } : undefined;
}

/** The targeting rules of `findDeliveryCandidate`, on `p` (the promotion) and `me` (the reader). */
function targetsMatch(readerId: string): Expression<SqlBool> {
  return sql<SqlBool>`(
    (cardinality(p.target_specialties) = 0
      OR me.specialty = ANY(p.target_specialties)
      OR EXISTS (SELECT 1 FROM follows f JOIN accounts fa ON fa.id = f.followed_id
                 WHERE f.follower_id = ${readerId} AND fa.specialty = ANY(p.target_specialties)))
    AND (cardinality(p.target_countries) = 0 OR upper(me.country) = ANY(p.target_countries))
    AND (cardinality(p.target_cities) = 0 OR lower(me.city) = ANY(p.target_cities))
    AND (cardinality(p.target_tags) = 0
      OR EXISTS (SELECT 1 FROM tag_follows tf JOIN tags t ON t.id = tf.tag_id
                 WHERE tf.account_id = ${readerId} AND t.name = ANY(p.target_tags)))
  )`;
}

/**
 * Records one showing of a promotion to a reader on a UTC day, under the daily cap. Returns
 * `first` for the day's first showing (the billable impression), `repeat` for a later one, and
 * undefined when the cap was reached meanwhile.
 */
export async function recordShow(trx: Trx, promotionId: string, readerId: string, day: string, dailyCap: number): Promise<'first' | 'repeat' | undefined> {
  const row = await trx
    .insertInto('promotion_impressions')
    .values({ promotion_id: promotionId, account_id: readerId, day })
    .onConflict((oc) =>
      oc
        .columns(['promotion_id', 'account_id', 'day'])
        .doUpdateSet((eb) => ({ shows: eb('promotion_impressions.shows', '+', 1) }))
        .where('promotion_impressions.shows', '<', dailyCap),
    )
    .returning('shows')
    .executeTakeFirst();
  if (!row) return undefined;
  return row.shows === 1 ? 'first' : 'repeat';
}

/**
 * Charges one impression (`cpm_credits` millicredits) to a promotion, only while it is approved,
 * within its dates and the charge keeps the spend within the budget: a conditional UPDATE, so
 * processes charging at the same moment queue on the row and each re-checks the condition — the
 * budget is never overspent. Undefined when it could not be charged.
 */
export function chargeImpression(trx: Trx, promotionId: string): Promise<{ spent_millicredits: string; budget_credits: number; cpm_credits: number } | undefined> {
  return trx
    .updateTable('promotions')
    .set((eb) => ({
      spent_millicredits: sql<string>`${eb.ref('spent_millicredits')} + ${eb.ref('cpm_credits')}`,
      impressions: eb('impressions', '+', 1),
    }))
    .where('id', '=', promotionId)
    .where('state', '=', 'approved')
    .where('starts_at', '<=', sql<Date>`now()`)
    .where('ends_at', '>', sql<Date>`now()`)
    .where(sql<SqlBool>`spent_millicredits + cpm_credits <= budget_credits::bigint * 1000`)
    .returning(['spent_millicredits', 'budget_credits', 'cpm_credits'])
    .executeTakeFirst();
}

/**
 * A reader opened a promotion's post through our tracked link: the click is counted once on the
 * reader's latest day with it (and only if it was shown to them at all). True when counted.
 */
export async function recordClick(trx: Trx, promotionId: string, readerId: string): Promise<boolean> {
  const marked = await trx
    .updateTable('promotion_impressions')
    .set({ clicked_at: new Date() })
    .where('promotion_id', '=', promotionId)
    .where('account_id', '=', readerId)
    .where('clicked_at', 'is', null)
    .where(sql<SqlBool>`day = (SELECT max(latest.day) FROM promotion_impressions latest WHERE latest.promotion_id = ${promotionId} AND latest.account_id = ${readerId})`)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) === 0) return false;
  await trx.updateTable('promotions').set((eb) => ({ clicks: eb('clicks', '+', 1) })).where('id', '=', promotionId).execute();
  return true;
}

/** Whether any promotion is running now (the cheap question every home page asks first). */
export async function anyPromotionRunning(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('promotions')
    .select('id')
    .where('state', '=', 'approved')
    .where('starts_at', '<=', sql<Date>`now()`)
    .where('ends_at', '>', sql<Date>`now()`)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
