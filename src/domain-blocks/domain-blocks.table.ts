import type { Generated, GeneratedAlways } from 'kysely';

/** A domain an account blocks (kept for federation: no account lives on another domain yet). */
export interface AccountDomainBlocksTable {
  id: GeneratedAlways<string>;
  account_id: string;
  domain: string;
  created_at: Generated<Date>;
}
