import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** The SQL of a promoter's results: impressions and clicks by promotion and UTC day. */

export interface DailyCount {
  promotion_id: string;
  /** `YYYY-MM-DD` (UTC). */
  day: string;
  impressions: number;
  clicks: number;
  cpm_credits: number;
}

/** Per promotion and day, within `[since, until)`, for the promoter's promotions (or one of them). */
export async function findDailyCounts(db: Db, accountId: string, range: { since: string; until: string }, promotionId?: string): Promise<DailyCount[]> {
  let q = db
    .selectFrom('promotion_impressions as i')
    .innerJoin('promotions as p', 'p.id', 'i.promotion_id')
    .select([
      'i.promotion_id',
      sql<string>`to_char(i.day, 'YYYY-MM-DD')`.as('day'),
      sql<string>`count(*)`.as('impressions'),
      sql<string>`count(i.clicked_at)`.as('clicks'),
      'p.cpm_credits',
    ])
    .where('p.account_id', '=', accountId)
    .where(sql<boolean>`i.day >= ${range.since}::date AND i.day < ${range.until}::date`);
  if (promotionId) q = q.where('p.id', '=', promotionId);
  const rows = await q.groupBy(['i.promotion_id', 'i.day', 'p.cpm_credits']).orderBy('i.day').orderBy('i.promotion_id').execute();
  return rows.map((r) => ({ promotion_id: r.promotion_id, day: r.day, impressions: Number(r.impressions), clicks: Number(r.clicks), cpm_credits: r.cpm_credits }));
}
