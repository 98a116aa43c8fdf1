import type { Generated, GeneratedAlways } from 'kysely';

/** What the policy does with a kind of notification: Mastodon 4.3's three answers. */
export type PolicyAnswer = 'accept' | 'filter' | 'drop';

/** One account's notification filtering policy (no row: the defaults of the migration). */
export interface NotificationPoliciesTable {
  account_id: string;
  for_not_following: Generated<PolicyAnswer>;
  for_not_followers: Generated<PolicyAnswer>;
  for_new_accounts: Generated<PolicyAnswer>;
  for_private_mentions: Generated<PolicyAnswer>;
  for_limited_accounts: Generated<PolicyAnswer>;
  updated_at: Generated<Date>;
}

/** A sender whose notifications to `account_id` were filtered, waiting to be accepted or dismissed. */
export interface NotificationRequestsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  from_account_id: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A sender `account_id` accepted: never filtered nor dropped by the policy again. */
export interface NotificationPermissionsTable {
  account_id: string;
  from_account_id: string;
  created_at: Generated<Date>;
}
