import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

/** `follower_id` follows `followed_id`: the follower sees the followed account's followers-only posts. */
export interface FollowsTable {
  follower_id: string;
  followed_id: string;
  id: GeneratedAlways<string>;
  created_at: Generated<Date>;
}

/** `account_id` asked to follow the locked account `target_account_id`, which has not answered yet. */
export interface FollowRequestsTable {
  account_id: string;
  target_account_id: string;
  id: GeneratedAlways<string>;
  created_at: Generated<Date>;
}

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
