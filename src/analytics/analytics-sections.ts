import type { AccountKind } from '../accounts/accounts.table.js';
import type { AppContext } from '../app-context.js';
import type { MessageKey } from '../web/i18n/es.js';
import type { DayRange } from './analytics-range.js';

/**
 * The dashboard is a list of sections, each loaded by a provider: followers, reach (views,
 * engagement, top posts and articles) and responses (consultas, care requests, complaints) are
 * the built-in ones below; another domain adds its own (e.g. promoted posts' results) by writing
 * a provider and adding it to `ANALYTICS_SECTIONS`. The page, the JSON API and the CSV export
 * render every section the same way, so a provider never touches them.
 */

/** How a number is shown: a count, a share (0..1, shown as %), or a duration in seconds. */
export type FigureFormat = 'count' | 'percent' | 'duration';

/** One headline number of a section (e.g. "views: 1,234"). null: nothing to measure yet. */
export interface AnalyticsFigure {
  key: string;
  label: MessageKey;
  value: number | null;
  format: FigureFormat;
  /** An optional explanation under the number. */
  hint?: MessageKey;
}

/** One series of a chart: a column of its rows. */
export interface ChartSeries {
  key: string;
  label: MessageKey;
  format: FigureFormat;
  /** In the table, the CSV and the legend, but not drawn until the reader turns it on in the legend. */
  hidden?: boolean;
}

/**
 * A chart of daily values: one row per day of the range, oldest first. Its `id` names its CSV
 * (`/api/v1/medired/analytics/<id>.csv`), so it is unique across sections: lowercase letters,
 * digits and `_`.
 */
export interface AnalyticsChart {
  id: string;
  title: MessageKey;
  /** Lines, or bars for counts per day. */
  kind: 'line' | 'bars';
  series: ChartSeries[];
  rows: { day: string; values: Record<string, number | null> }[];
  /** An optional sentence under the chart (how it is measured). */
  note?: MessageKey;
}

/** A table column: text, a link (cell value is the path), a date, or a number in a format. */
export interface TableColumn {
  key: string;
  label: MessageKey;
  format: FigureFormat | 'text' | 'day';
  /** For `text` columns: the key of the cell holding the link of this cell (a path of this site). */
  linkKey?: string;
}

/** A table (e.g. top posts); its `id` names its CSV like a chart's. */
export interface AnalyticsTable {
  id: string;
  title: MessageKey;
  columns: TableColumn[];
  rows: Record<string, string | number | null>[];
  empty: MessageKey;
}

export interface AnalyticsSection {
  id: string;
  title: MessageKey;
  figures: AnalyticsFigure[];
  charts: AnalyticsChart[];
  tables: AnalyticsTable[];
}

/** Whose statistics are loaded: always the viewer's own account (see `analytics.policy.ts`). */
export interface AnalyticsOwner {
  accountId: string;
  username: string;
  kind: AccountKind;
  createdAt: Date;
}

/** What every provider receives. */
export interface SectionInput {
  owner: AnalyticsOwner;
  range: DayRange;
  /** When the statistics started on this instance: days before have no data. */
  startedAt: Date;
  now: Date;
}

/**
 * Loads one section of the dashboard for the owner and range; null leaves the section out (e.g.
 * an account that never promoted a post). Only aggregate numbers may leave a provider: never who
 * viewed, followed or engaged.
 */
export interface AnalyticsSectionProvider {
  id: string;
  load(app: AppContext, input: SectionInput): Promise<AnalyticsSection | null>;
}
