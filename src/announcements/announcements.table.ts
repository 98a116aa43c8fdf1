import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

/** An announcement of the instance's administrators (Mastodon's Announcement). */
export interface AnnouncementsTable {
  id: GeneratedAlways<string>;
  text: string;
  published: Generated<boolean>;
  all_day: Generated<boolean>;
  starts_at: NullableTimestamp;
  ends_at: NullableTimestamp;
  published_at: NullableTimestamp;
  created_by_account_id: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** An account has read (dismissed) an announcement. */
export interface AnnouncementDismissalsTable {
  announcement_id: string;
  account_id: string;
  created_at: Generated<Date>;
}

/** One account's emoji reaction to an announcement. */
export interface AnnouncementReactionsTable {
  announcement_id: string;
  account_id: string;
  name: string;
  created_at: Generated<Date>;
}
