import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/** A calendar day (UTC) as PostgreSQL's `date`: written as `YYYY-MM-DD`, read back as a string. */
export type DayColumn = ColumnType<string, string, string>;

/** One row: when the statistics started on this instance (see the migration). */
export interface AnalyticsStateTable {
  singleton: Generated<boolean>;
  started_at: Generated<Date>;
}

/** Followers gained (+n) or lost (-n) by an account, written by the triggers on `follows`. */
export interface AnalyticsFollowerEventsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  delta: number;
  created_at: Generated<Date>;
}

/** Followers at the end of a UTC day (the daily job). */
export interface AnalyticsFollowerSnapshotsTable {
  account_id: string;
  day: DayColumn;
  followers: number;
}

/** Views of a status per UTC day: counts only, never who viewed. */
export interface AnalyticsItemViewsTable {
  status_id: string;
  account_id: string;
  day: DayColumn;
  views: number;
}
