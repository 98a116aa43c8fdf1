import type { Generated, GeneratedAlways } from 'kysely';

/** `account_id` follows a hashtag: its public posts enter the account's home timeline. */
export interface TagFollowsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  tag_id: string;
  created_at: Generated<Date>;
}

/** A hashtag an account features on its profile. */
export interface FeaturedTagsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  tag_id: string;
  created_at: Generated<Date>;
}
