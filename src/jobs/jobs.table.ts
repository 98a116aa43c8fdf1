import type { Generated, GeneratedAlways, JSONColumnType } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export interface JobsTable {
  id: GeneratedAlways<string>;
  queue: string;
  payload: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  last_error: string | null;
  /** Lease: while in the future, a worker owns the job; once past, another worker may take it over. */
  locked_until: NullableTimestamp;
  /** Set when the job ran out of attempts; such jobs are kept for inspection and never claimed. */
  failed_at: NullableTimestamp;
  created_at: Generated<Date>;
}
