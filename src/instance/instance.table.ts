import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

/** Counters the database maintains for the instance's statistics (summed over slots). */
export interface InstanceCountersTable {
  name: string;
  slot: number;
  value: string;
}

/** A rule of the instance (Mastodon's Rule), in Spanish with its English translation. */
export interface InstanceRulesTable {
  id: GeneratedAlways<string>;
  position: Generated<number>;
  text: string;
  hint: Generated<string>;
  text_en: Generated<string>;
  hint_en: Generated<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  deleted_at: NullableTimestamp;
}

/** Who signed in in which week (counted once per week in `instance_counters`). */
export interface InstanceWeeklyLoginsTable {
  week: string;
  user_id: string;
}
