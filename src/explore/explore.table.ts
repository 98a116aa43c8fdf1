import type { Generated } from 'kysely';

/** A suggestion an account dismissed: that account is not suggested to it again. */
export interface SuggestionDismissalsTable {
  account_id: string;
  target_account_id: string;
  created_at: Generated<Date>;
}
