import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../accounts/accounts.table.js';

export type AlertSeverity = 'info' | 'warning' | 'urgent';

export interface HealthAlertsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  title: string;
  body_source: string;
  body_html: string;
  severity: AlertSeverity;
  country: string;
  /** '' means the whole country. */
  city: Generated<string>;
  expires_at: Timestamp;
  withdrawn_at: NullableTimestamp;
  created_at: Generated<Date>;
  edited_at: NullableTimestamp;
}
