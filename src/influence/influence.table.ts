import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { InfluenceBreakdown } from './influence-formula.js';

/** `account_influence`: the latest influence score of a professional or organisation. */
export interface AccountInfluenceTable {
  account_id: string;
  score: number;
  breakdown: JSONColumnType<InfluenceBreakdown, string, string>;
  helpful_answers: Generated<number>;
  response_seconds: number | null;
  computed_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** `influence_dirty`: accounts whose score inputs changed (filled by triggers, emptied by the job). */
export interface InfluenceDirtyTable {
  account_id: string;
  marked_at: Generated<Date>;
}
