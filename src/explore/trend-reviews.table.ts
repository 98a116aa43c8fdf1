import type { Generated } from 'kysely';

/** A moderator's decision on a trending status (no row: not reviewed). */
export interface StatusTrendReviewsTable {
  status_id: string;
  trendable: boolean;
  reviewed_by_account_id: string | null;
  reviewed_at: Generated<Date>;
}
