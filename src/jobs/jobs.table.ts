import type { Generated, GeneratedAlways, JSONColumnType } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export interface JobsTable {
  id: GeneratedAlways<string>;
  queue: string;
  payload: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  run_at: Generated<Date>;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: NullableTimestamp;
  created_at: Generated<Date>;
}
