import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export interface BlocksTable {
  account_id: string;
  target_account_id: string;
  id: GeneratedAlways<string>;
  created_at: Generated<Date>;
}

export interface MutesTable {
  account_id: string;
  target_account_id: string;
  id: GeneratedAlways<string>;
  hide_notifications: Generated<boolean>;
  expires_at: NullableTimestamp;
  created_at: Generated<Date>;
}
