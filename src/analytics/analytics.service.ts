import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { viewAnalyticsDecision } from './analytics.policy.js';
import type { DayRange } from './analytics-range.js';
import { ANALYTICS_SECTIONS } from './analytics-section-list.js';
import type { AnalyticsChart, AnalyticsOwner, AnalyticsSection, AnalyticsTable } from './analytics-sections.js';
import { analyticsStartedAt, findAnalyticsOwner } from './analytics.repository.js';
import { toCsv } from './csv.js';

export interface Dashboard {
  owner: AnalyticsOwner;
  range: DayRange;
  startedAt: Date;
  sections: AnalyticsSection[];
}

/** The viewer's own account, when the policy lets it read statistics; refuses otherwise. */
export async function analyticsOwnerFor(app: AppContext, viewer: Viewer): Promise<AnalyticsOwner> {
  const owner = await findAnalyticsOwner(app.db, viewer.accountId);
  const decision = viewAnalyticsDecision(viewer.accountId, owner);
  if (decision === 'not_practitioner') throw forbidden('Statistics are for professionals and organisations', 'analytics.error.onlyPractitioners');
  if (decision === 'not_owner' || !owner) throw forbidden('You can only see your own statistics', 'analytics.error.notOwner');
  return { accountId: owner.id, username: owner.username, kind: owner.kind, createdAt: owner.created_at };
}

/** Every section of the viewer's dashboard for a range (see `ANALYTICS_SECTIONS`). */
export async function loadDashboard(app: AppContext, viewer: Viewer, range: DayRange, now = new Date()): Promise<Dashboard> {
  const owner = await analyticsOwnerFor(app, viewer);
  const startedAt = await analyticsStartedAt(app.db);
  const loaded = await Promise.all(ANALYTICS_SECTIONS.map((p) => p.load(app, { owner, range, startedAt, now })));
  return { owner, range, startedAt, sections: loaded.filter((s): s is AnalyticsSection => s !== null) };
}

/** The chart or table of a dashboard with this id, or undefined. */
export function findDataset(dashboard: Dashboard, id: string): { chart: AnalyticsChart } | { table: AnalyticsTable } | undefined {
  for (const section of dashboard.sections) {
    const chart = section.charts.find((c) => c.id === id);
    if (chart) return { chart };
    const table = section.tables.find((t) => t.id === id);
    if (table) return { table };
  }
  return undefined;
}

/**
 * The CSV of one chart (a `day` column, then one per series; shares as fractions 0..1, durations
 * in seconds) or table (its columns), escaped against formula injection (`csv.ts`).
 */
export function datasetCsv(dashboard: Dashboard, id: string): string {
  const found = findDataset(dashboard, id);
  if (!found) throw notFound('Chart');
  if ('chart' in found) {
    const { chart } = found;
    return toCsv(['day', ...chart.series.map((s) => s.key)], chart.rows.map((r) => [r.day, ...chart.series.map((s) => r.values[s.key] ?? null)]));
  }
  const { table } = found;
  return toCsv(table.columns.map((c) => c.key), table.rows.map((r) => table.columns.map((c) => r[c.key] ?? null)));
}

/** Ids of charts and tables are lowercase words: what a CSV path may name. */
export const DATASET_ID = /^[a-z][a-z0-9_]{0,59}$/;

export function assertDatasetId(id: string): void {
  if (!DATASET_ID.test(id)) throw new AppError('not_found', 'Chart not found');
}
