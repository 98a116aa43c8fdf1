import type { Generated, GeneratedAlways, JSONColumnType } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export type ReportCategory = 'health_misinformation' | 'spam' | 'harassment' | 'privacy' | 'impersonation' | 'other';

export interface ReportsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  target_account_id: string;
  category: ReportCategory;
  comment: Generated<string>;
  target_type: string;
  target_id: string | null;
  status_ids: JSONColumnType<string[], string | undefined, string>;
  forwarded: Generated<boolean>;
  assigned_account_id: string | null;
  action_taken_at: NullableTimestamp;
  action_taken_by_account_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export type ModerationActionType =
  | 'dismiss'
  | 'hide'
  | 'label'
  | 'remove'
  | 'sensitive'
  | 'warn'
  | 'limit'
  | 'suspend'
  | 'unlimit'
  | 'unsuspend';

export interface ModerationActionsTable {
  id: GeneratedAlways<string>;
  moderator_account_id: string | null;
  target_account_id: string;
  report_id: string | null;
  action: ModerationActionType;
  target_type: string | null;
  target_id: string | null;
  label: string | null;
  reason: string;
  snapshot: JSONColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  reverted_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export type AppealStatus = 'pending' | 'approved' | 'rejected';

export interface AppealsTable {
  id: GeneratedAlways<string>;
  action_id: string;
  account_id: string;
  text: string;
  status: Generated<AppealStatus>;
  decision_reason: string | null;
  decided_by_account_id: string | null;
  decided_at: NullableTimestamp;
  created_at: Generated<Date>;
}
