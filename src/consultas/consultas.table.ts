import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export interface ConsultaQuestionsTable {
  id: GeneratedAlways<string>;
  /** The real asker; hidden from the public when `pseudonym` is set. */
  account_id: string;
  pseudonym: string | null;
  title: string;
  body_source: string;
  body_html: string;
  specialty: string;
  tags: Generated<string[]>;
  answers_count: Generated<number>;
  comments_count: Generated<number>;
  helpful_total: Generated<number>;
  accepted_answer_id: string | null;
  first_answered_at: NullableTimestamp;
  personal_data_confirmed: Generated<boolean>;
  emergency_confirmed: Generated<boolean>;
  hidden_at: NullableTimestamp;
  created_at: Generated<Date>;
  edited_at: NullableTimestamp;
}

export interface ConsultaAnswersTable {
  id: GeneratedAlways<string>;
  question_id: string;
  account_id: string;
  body_source: string;
  body_html: string;
  helpful_count: Generated<number>;
  response_seconds: number;
  hidden_at: NullableTimestamp;
  created_at: Generated<Date>;
  edited_at: NullableTimestamp;
}

export interface ConsultaHelpfulVotesTable {
  answer_id: string;
  account_id: string;
  created_at: Generated<Date>;
}

export interface ConsultaCommentsTable {
  id: GeneratedAlways<string>;
  question_id: string;
  answer_id: string | null;
  account_id: string;
  body_source: string;
  body_html: string;
  hidden_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface ConsultaNoticeQuotaTable {
  account_id: string;
  day: string;
  sent: Generated<number>;
}
