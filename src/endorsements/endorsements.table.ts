import type { Generated, GeneratedAlways } from 'kysely';

/** `account_id` endorses (features on its profile) an account it follows. */
export interface AccountPinsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  target_account_id: string;
  created_at: Generated<Date>;
}
