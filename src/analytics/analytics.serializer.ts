import { t, type Lang } from '../web/i18n/i18n.js';
import type { Dashboard } from './analytics.service.js';

/** The URL of a chart's or table's CSV for the same range. */
export function csvPath(id: string, range: { from: string; to: string }): string {
  return `/api/v1/medired/analytics/${id}.csv?from=${range.from}&to=${range.to}`;
}

/**
 * The JSON of `GET /api/v1/medired/analytics`: the range, then each section with its figures,
 * charts (a row per day) and tables, labels in the reader's language, each dataset with its CSV.
 */
export function dashboardJson(d: Dashboard, lang: Lang) {
  return {
    account_id: d.owner.accountId,
    range: { from: d.range.from, to: d.range.to, days: d.range.days, preset: d.range.preset },
    started_at: d.startedAt.toISOString(),
    sections: d.sections.map((s) => ({
      id: s.id,
      title: t(lang, s.title),
      figures: s.figures.map((f) => ({ key: f.key, label: t(lang, f.label), value: f.value, format: f.format })),
      charts: s.charts.map((c) => ({
        id: c.id,
        title: t(lang, c.title),
        kind: c.kind,
        series: c.series.map((x) => ({ key: x.key, label: t(lang, x.label), format: x.format })),
        rows: c.rows.map((r) => ({ day: r.day, ...r.values })),
        csv_url: csvPath(c.id, d.range),
      })),
      tables: s.tables.map((tb) => ({
        id: tb.id,
        title: t(lang, tb.title),
        columns: tb.columns.map((col) => ({ key: col.key, label: t(lang, col.label), format: col.format })),
        rows: tb.rows,
        csv_url: csvPath(tb.id, d.range),
      })),
    })),
  };
}
