import type { AccountKind } from './accounts.table.js';

/**
 * Whose place (city and country) others may see. Professionals and organisations are found by
 * where they work, so theirs is always public; a patient's is private unless they choose to
 * show it (Settings → Profile, `place_public` in `update_credentials`). The one rule the account
 * entity, the profile, search and the directory follow; the SQL twin is the `search_vector`
 * expression and `placeIsPublicSql` in `src/search/search.repository.ts`.
 */
export function isPlacePublic(account: { kind: AccountKind; place_public: boolean }): boolean {
  return account.kind !== 'patient' || account.place_public;
}
