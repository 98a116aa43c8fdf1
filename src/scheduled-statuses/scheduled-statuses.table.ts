import type { Generated, GeneratedAlways, JSONColumnType } from 'kysely';
import type { Timestamp } from '../accounts/accounts.table.js';
import type { ScheduledParams } from './scheduled-statuses.js';

/** A status to publish at `scheduled_at`, kept as the parameters it was posted with. */
export interface ScheduledStatusesTable {
  id: GeneratedAlways<string>;
  account_id: string;
  scheduled_at: Timestamp;
  params: JSONColumnType<ScheduledParams, string, string>;
  application_id: string | null;
  created_at: Generated<Date>;
}
