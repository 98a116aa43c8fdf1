import type { Generated, GeneratedAlways } from 'kysely';

export interface FactChecksTable {
  id: GeneratedAlways<string>;
  account_id: string;
  status_id: string | null;
  answer_id: string | null;
  body: string;
  sources: string[];
  created_at: Generated<Date>;
}

export interface FactCheckRatingsTable {
  fact_check_id: string;
  account_id: string;
  helpful: boolean;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
