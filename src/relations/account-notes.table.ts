import type { Generated } from 'kysely';

/** A private note of `account_id` about `target_account_id` (Mastodon's Relationship.note). */
export interface AccountNotesTable {
  account_id: string;
  target_account_id: string;
  comment: string;
  updated_at: Generated<Date>;
}
