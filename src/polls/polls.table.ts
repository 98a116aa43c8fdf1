import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../accounts/accounts.table.js';

/** A status's poll; `cached_tallies[i]` counts the votes for `options[i]`. */
export interface PollsTable {
  id: GeneratedAlways<string>;
  status_id: string;
  account_id: string;
  options: string[];
  cached_tallies: number[];
  multiple: Generated<boolean>;
  hide_totals: Generated<boolean>;
  votes_count: Generated<number>;
  voters_count: Generated<number>;
  expires_at: Timestamp;
  /** When the end of the poll was announced to its author and voters. */
  notified_at: NullableTimestamp;
  created_at: Generated<Date>;
}

/** One choice of one voter (a multiple-choice poll has a row per option chosen). */
export interface PollVotesTable {
  id: GeneratedAlways<string>;
  poll_id: string;
  account_id: string;
  choice: number;
  created_at: Generated<Date>;
}
