import type { ColumnType, Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../accounts/accounts.table.js';

/** PostgreSQL `bigint` as the drivers return it (a string); written as a number or string. */
export type BigIntColumn = ColumnType<string, string | number | bigint, string | number | bigint>;

export type PromotionState = 'pending' | 'approved' | 'rejected' | 'cancelled' | 'completed';
export type PromotionEndReason = 'budget' | 'end_date' | 'cancelled' | 'post_removed' | 'rejected';
export type CreditEntryKind = 'grant' | 'reserve' | 'refund';

/** `promotions`: one promoted post or article, its budget, targets, review and counters. */
export interface PromotionsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  status_id: string | null;
  state: Generated<PromotionState>;
  budget_credits: number;
  cpm_credits: number;
  spent_millicredits: ColumnType<string, string | number | undefined, string | number>;
  impressions: Generated<number>;
  clicks: Generated<number>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  target_specialties: Generated<string[]>;
  target_countries: Generated<string[]>;
  target_cities: Generated<string[]>;
  target_tags: Generated<string[]>;
  reviewed_by: string | null;
  reviewed_at: NullableTimestamp;
  checklist_confirmed: Generated<string[]>;
  rejection_reason: string | null;
  ended_reason: PromotionEndReason | null;
  refunded_millicredits: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  settled_at: NullableTimestamp;
  created_at: Generated<Date>;
}

/** `promotion_credit_balances`: what an account may still spend (never negative). */
export interface PromotionCreditBalancesTable {
  account_id: string;
  balance_millicredits: BigIntColumn;
  updated_at: Generated<Date>;
}

/** `promotion_credit_ledger`: every grant, reservation and refund. */
export interface PromotionCreditLedgerTable {
  id: GeneratedAlways<string>;
  account_id: string;
  kind: CreditEntryKind;
  delta_millicredits: BigIntColumn;
  balance_after_millicredits: BigIntColumn;
  promotion_id: string | null;
  actor_account_id: string | null;
  note: Generated<string>;
  created_at: Generated<Date>;
}

/** `promotion_impressions`: a reader's day with a promotion (billable impression, shows, click). */
export interface PromotionImpressionsTable {
  promotion_id: string;
  account_id: string;
  /** UTC day, written as 'YYYY-MM-DD' and compared in SQL. */
  day: ColumnType<unknown, string, string>;
  shows: Generated<number>;
  clicked_at: NullableTimestamp;
  created_at: Generated<Date>;
}
