import type { Generated } from 'kysely';

/** `account_id` muted the thread (Mastodon's conversation) whose first status is `thread_id`. */
export interface ConversationMutesTable {
  account_id: string;
  thread_id: string;
  created_at: Generated<Date>;
}
