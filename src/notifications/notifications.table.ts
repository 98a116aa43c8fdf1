import type { Generated, GeneratedAlways, JSONColumnType } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export interface NotificationsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  type: string;
  from_account_id: string | null;
  status_id: string | null;
  payload: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  /** Mastodon's group key for groupable types (favourite, reblog, follow); null: its own group. */
  group_key: string | null;
  read_at: NullableTimestamp;
  created_at: Generated<Date>;
}
