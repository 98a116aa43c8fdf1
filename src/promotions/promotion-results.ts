import type { AppContext } from '../app-context.js';
import { utcDay } from '../jobs/recurring.js';
import { findDailyCounts, type DailyCount } from './promotion-results.repository.js';
import { MILLIS_PER_CREDIT, type ResultsRange } from './promotions.js';
import type { PromotionRow } from './promotions.repository.js';

/**
 * What a promoter sees of its promotions: impressions (readers shown it, once per reader and UTC
 * day), clicks (readers who opened it through our tracked link, once per reader and day), the
 * click-through rate, the spend (impressions × the cost per thousand) and what is left. Also the
 * entrance the analytics dashboard calls: `promotionResultsFor(app, accountId, range)`.
 */

export interface ResultFigures {
  impressions: number;
  clicks: number;
  /** clicks / impressions (0 without impressions). */
  ctr: number;
  spent_credits: number;
}

export interface DailyResult extends ResultFigures {
  date: string;
}

const credits = (millis: number) => Math.round(millis) / MILLIS_PER_CREDIT;
const ctrOf = (clicks: number, impressions: number) => (impressions > 0 ? Math.round((clicks / impressions) * 10_000) / 10_000 : 0);

/** One promotion's totals from its counters: spend, what is left of the budget (0 once ended), refunds. */
export function promotionFigures(row: PromotionRow): ResultFigures & { budget_credits: number; remaining_credits: number; refunded_credits: number | null } {
  const spent = Number(row.spent_millicredits);
  const live = row.state === 'pending' || row.state === 'approved';
  return {
    impressions: row.impressions,
    clicks: row.clicks,
    ctr: ctrOf(row.clicks, row.impressions),
    spent_credits: credits(spent),
    budget_credits: row.budget_credits,
    remaining_credits: live ? credits(row.budget_credits * MILLIS_PER_CREDIT - spent) : 0,
    refunded_credits: row.refunded_millicredits === null ? null : credits(Number(row.refunded_millicredits)),
  };
}

function sumDays(rows: DailyCount[]): DailyResult[] {
  const byDay = new Map<string, { impressions: number; clicks: number; millis: number }>();
  for (const r of rows) {
    const d = byDay.get(r.day) ?? { impressions: 0, clicks: 0, millis: 0 };
    d.impressions += r.impressions;
    d.clicks += r.clicks;
    d.millis += r.impressions * r.cpm_credits;
    byDay.set(r.day, d);
  }
  return [...byDay.entries()].map(([date, d]) => ({ date, impressions: d.impressions, clicks: d.clicks, ctr: ctrOf(d.clicks, d.impressions), spent_credits: credits(d.millis) }));
}

function totals(days: DailyResult[]): ResultFigures {
  const impressions = days.reduce((n, d) => n + d.impressions, 0);
  const clicks = days.reduce((n, d) => n + d.clicks, 0);
  return { impressions, clicks, ctr: ctrOf(clicks, impressions), spent_credits: Math.round(days.reduce((n, d) => n + d.spent_credits * MILLIS_PER_CREDIT, 0)) / MILLIS_PER_CREDIT };
}

/** The day-by-day results of one promotion of `accountId`, over its whole run. */
export async function dailyResultsOf(app: AppContext, accountId: string, row: PromotionRow): Promise<DailyResult[]> {
  const since = utcDay(new Date(Math.min(new Date(row.starts_at).getTime(), new Date(row.created_at).getTime())));
  const until = utcDay(new Date(new Date(row.ends_at).getTime() + 86_400_000));
  return sumDays(await findDailyCounts(app.db, accountId, { since, until }, row.id));
}

export interface PromotionResultsForRange {
  since: string;
  until: string;
  totals: ResultFigures;
  daily: DailyResult[];
  promotions: (ResultFigures & { promotion_id: string })[];
}

/**
 * The results of every promotion of an account over a range of UTC days (`since` included,
 * `until` excluded): totals, day by day and per promotion. For the analytics dashboard.
 */
export async function promotionResultsFor(app: AppContext, accountId: string, range: ResultsRange): Promise<PromotionResultsForRange> {
  const since = utcDay(range.since);
  const until = utcDay(range.until);
  const rows = await findDailyCounts(app.db, accountId, { since, until });
  const daily = sumDays(rows);
  const byPromotion = new Map<string, DailyCount[]>();
  for (const r of rows) byPromotion.set(r.promotion_id, [...(byPromotion.get(r.promotion_id) ?? []), r]);
  const promotions = [...byPromotion.entries()].map(([promotion_id, list]) => ({ promotion_id, ...totals(sumDays(list)) }));
  return { since, until, totals: totals(daily), daily, promotions };
}
