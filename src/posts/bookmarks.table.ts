import type { Generated, GeneratedAlways } from 'kysely';

/** A status an account bookmarked (Mastodon's bookmarks, private to the account). */
export interface BookmarksTable {
  id: GeneratedAlways<string>;
  account_id: string;
  status_id: string;
  created_at: Generated<Date>;
}

/** A status pinned to its author's profile. */
export interface StatusPinsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  status_id: string;
  created_at: Generated<Date>;
}
