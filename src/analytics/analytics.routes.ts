import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { rangeQuery, resolveRange } from './analytics-range.js';
import { dashboardJson } from './analytics.serializer.js';
import { assertDatasetId, datasetCsv, loadDashboard } from './analytics.service.js';

const tags = ['analytics'];

const dashboard = defineRoute({
  method: 'get',
  path: '/api/v1/medired/analytics',
  summary: "Your statistics (professionals and organisations): followers, views, engagement, top posts and articles, answers and response times, per UTC day",
  description:
    '`days` (7, 30, 90 or 365, ending today; default 30) or a custom `from` and `to` (YYYY-MM-DD, UTC days, both included, `to` not after today, at most 366 days). Invalid ranges answer 422 with one detail per field. Each chart and table has its CSV at `csv_url`.',
  tags,
  auth: 'user',
  scope: 'read:accounts',
  query: rangeQuery,
  errors: ['forbidden', 'validation_failed'],
  handler: async ({ app, viewer, query }) => {
    const range = resolveRange(query);
    return dashboardJson(await loadDashboard(app, viewer!, range), viewer!.locale);
  },
});

const csv = defineRoute({
  method: 'get',
  path: '/api/v1/medired/analytics/:dataset{[a-z][a-z0-9_]*\\.csv}',
  summary: 'One chart or table of your statistics as CSV (e.g. followers.csv, views.csv, engagement.csv, consultas.csv, top_by_views.csv)',
  description: 'The same range parameters as `GET /api/v1/medired/analytics`. Shares are fractions (0..1), durations seconds; text cells are escaped against spreadsheet formula injection.',
  tags,
  auth: 'user',
  scope: 'read:accounts',
  params: z.object({ dataset: z.string().max(64) }),
  query: rangeQuery,
  errors: ['forbidden', 'not_found', 'validation_failed'],
  responseDescription: 'text/csv',
  handler: async ({ app, viewer, params, query, c }) => {
    const id = params.dataset.replace(/\.csv$/, '');
    assertDatasetId(id);
    const range = resolveRange(query);
    const body = datasetCsv(await loadDashboard(app, viewer!, range), id);
    return c.body(body, 200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="medired-${id}-${range.from}-${range.to}.csv"`,
      'X-Content-Type-Options': 'nosniff',
    });
  },
});

/** The analytics API (src/analytics/). */
export const analyticsRoutes: AnyRoute[] = [dashboard, csv];
