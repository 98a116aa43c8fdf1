import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../accounts/accounts.table.js';

export type Visibility = 'public' | 'unlisted' | 'private' | 'direct';
export type StatusKind = 'note' | 'article';
export type Language = 'es' | 'en';

export interface StatusesTable {
  id: GeneratedAlways<string>;
  account_id: string;
  kind: Generated<StatusKind>;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  reblog_of_id: string | null;
  title: Generated<string>;
  content_source: Generated<string>;
  content_html: Generated<string>;
  spoiler_text: Generated<string>;
  sensitive: Generated<boolean>;
  visibility: Visibility;
  language: Generated<Language>;
  cover_media_id: string | null;
  reading_time_minutes: number | null;
  replies_count: Generated<number>;
  reblogs_count: Generated<number>;
  favourites_count: Generated<number>;
  application_id: string | null;
  search_vector: GeneratedAlways<string>;
  created_at: Generated<Date>;
  edited_at: NullableTimestamp;
  /** Set when a moderator hid the status: only its author and staff still see it. */
  hidden_at: NullableTimestamp;
  moderation_label: string | null;
  /** The conversation of a direct status (a private message); null otherwise. */
  conversation_id: Generated<string | null>;
  /** The thread (Mastodon's conversation): the id of its first status, set by a trigger on insert. */
  thread_id: Generated<string>;
  /** A direct status's text, sealed (src/messages/message-sealer.ts); its plaintext columns stay empty. */
  sealed: Generated<Buffer | null>;
}

export interface StatusEditsTable {
  id: GeneratedAlways<string>;
  status_id: string;
  title: Generated<string>;
  content_source: string;
  content_html: string;
  spoiler_text: Generated<string>;
  sensitive: Generated<boolean>;
  created_at: Timestamp;
  sealed: Generated<Buffer | null>;
}

export interface FavouritesTable {
  account_id: string;
  status_id: string;
  id: GeneratedAlways<string>;
  created_at: Generated<Date>;
}

export interface TagsTable {
  id: GeneratedAlways<string>;
  name: string;
  created_at: Generated<Date>;
  /** A moderator's review (Mastodon's Admin::Tag): null trendable and listable = not reviewed. */
  trendable: boolean | null;
  usable: Generated<boolean>;
  listable: boolean | null;
  reviewed_at: NullableTimestamp;
}

export interface StatusTagsTable {
  status_id: string;
  tag_id: string;
}

export interface MentionsTable {
  status_id: string;
  account_id: string;
}

/** Idempotency-Key of a status creation, kept for an hour (see statuses.service.ts). */
export interface StatusIdempotencyKeysTable {
  account_id: string;
  key: string;
  status_id: string | null;
  created_at: Generated<Date>;
}
