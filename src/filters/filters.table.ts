import type { Generated, GeneratedAlways } from 'kysely';

export type FilterContext = 'home' | 'notifications' | 'public' | 'thread' | 'account';
export type FilterAction = 'warn' | 'hide';

/** A filter of one account's (Mastodon's v2 Filter): what it matches is in its keywords and statuses. */
export interface FiltersTable {
  id: GeneratedAlways<string>;
  account_id: string;
  title: string;
  context: FilterContext[];
  filter_action: Generated<FilterAction>;
  expires_at: Date | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface FilterKeywordsTable {
  id: GeneratedAlways<string>;
  filter_id: string;
  keyword: string;
  whole_word: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface FilterStatusesTable {
  id: GeneratedAlways<string>;
  filter_id: string;
  status_id: string;
  created_at: Generated<Date>;
}
