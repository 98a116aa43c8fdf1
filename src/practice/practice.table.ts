import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { PracticeAddress, OpeningHours } from './practice.js';

/** `practice_info`: one row per professional or organisation that filled in its practice. */
export interface PracticeInfoTable {
  account_id: string;
  addresses: JSONColumnType<PracticeAddress[], string | undefined, string>;
  opening_hours: JSONColumnType<OpeningHours, string | undefined, string>;
  phone: Generated<string>;
  website: Generated<string>;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  insurers: Generated<string>;
  accepts_online_requests: Generated<boolean>;
  updated_at: Generated<Date>;
}
