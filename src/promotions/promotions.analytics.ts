import { daysOf, endOfDay, startOfDay } from '../analytics/analytics-range.js';
import type { AnalyticsSectionProvider } from '../analytics/analytics-sections.js';
import { promotionResultsFor } from './promotion-results.js';

/**
 * The promoter's results on the statistics dashboard: impressions, clicks, click-through rate and
 * credits spent over the range, day by day and per promotion. Left out for an account that had no
 * promotion running in the range. The figures are the promotions page's (`promotionResultsFor`).
 */
export const promotionsSection: AnalyticsSectionProvider = {
  id: 'promotions',
  async load(app, { owner, range }) {
    const since = startOfDay(range.from);
    const until = endOfDay(range.to);
    const results = await promotionResultsFor(app, owner.accountId, { since, until });
    if (results.promotions.length === 0) return null;
    const byDay = new Map(results.daily.map((d) => [d.date, d]));
    return {
      id: 'promotions',
      title: 'analytics.promotions.title',
      figures: [
        { key: 'promotion_impressions', label: 'analytics.promotions.impressions', value: results.totals.impressions, format: 'count', hint: 'analytics.promotions.impressionsHint' },
        { key: 'promotion_clicks', label: 'analytics.promotions.clicks', value: results.totals.clicks, format: 'count' },
        { key: 'promotion_ctr', label: 'analytics.promotions.ctr', value: results.totals.impressions > 0 ? results.totals.ctr : null, format: 'percent' },
        { key: 'promotion_spent', label: 'analytics.promotions.spent', value: results.totals.spent_credits, format: 'count' },
      ],
      charts: [
        {
          id: 'promotions',
          title: 'analytics.promotions.chart',
          kind: 'bars',
          series: [
            { key: 'impressions', label: 'analytics.promotions.impressions', format: 'count' },
            { key: 'clicks', label: 'analytics.promotions.clicks', format: 'count' },
          ],
          rows: daysOf(range).map((day) => ({ day, values: { impressions: byDay.get(day)?.impressions ?? 0, clicks: byDay.get(day)?.clicks ?? 0 } })),
        },
      ],
      tables: [
        {
          id: 'promotions_by_promotion',
          title: 'analytics.promotions.table',
          columns: [
            { key: 'name', label: 'analytics.promotions.promotion', format: 'text', linkKey: 'path' },
            { key: 'impressions', label: 'analytics.promotions.impressions', format: 'count' },
            { key: 'clicks', label: 'analytics.promotions.clicks', format: 'count' },
            { key: 'ctr', label: 'analytics.promotions.ctr', format: 'percent' },
            { key: 'spent', label: 'analytics.promotions.spent', format: 'count' },
          ],
          rows: results.promotions.map((p) => ({ name: `#${p.promotion_id}`, path: `/promotions/${p.promotion_id}`, impressions: p.impressions, clicks: p.clicks, ctr: p.ctr, spent: p.spent_credits })),
          empty: 'analytics.top.empty',
        },
      ],
    };
  },
};
