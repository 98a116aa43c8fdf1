import type { Generated, GeneratedAlways } from 'kysely';

export type RepliesPolicy = 'followed' | 'list' | 'none';

/** A list of accounts one follows, read as its own timeline (Mastodon's List). */
export interface ListsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  title: string;
  replies_policy: Generated<RepliesPolicy>;
  /** Members' posts leave the owner's home timeline. */
  exclusive: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ListAccountsTable {
  id: GeneratedAlways<string>;
  list_id: string;
  account_id: string;
}
