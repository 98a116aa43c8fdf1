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
  /** Kept aside by the recipient's notification policy: shown only under its sender's request. */
  filtered: Generated<boolean>;
  created_at: Generated<Date>;
}
