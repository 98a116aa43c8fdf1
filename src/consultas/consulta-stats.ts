import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** How quickly and how usefully a professional answers consultas. */
export interface ConsultaStats {
  account_id: string;
  answers_count: number;
  /** Answers that were the first on their question. */
  first_answers_count: number;
  accepted_answers_count: number;
  helpful_votes: number;
  /** Seconds from question to this professional's answer; null without answers. */
  median_response_seconds: number | null;
  average_response_seconds: number | null;
}

/** Response-time figures of one account's answers (used by the directory and analytics). */
export async function consultaStatsFor(db: Db, accountId: string): Promise<ConsultaStats> {
  const row = await db
    .selectFrom('consulta_answers as a')
    .innerJoin('consulta_questions as q', 'q.id', 'a.question_id')
    .where('a.account_id', '=', accountId)
    .select([
      sql<string>`count(*)`.as('answers'),
      sql<string>`count(*) filter (where q.first_answered_at is not null and a.created_at <= q.first_answered_at)`.as('first_answers'),
      sql<string>`count(*) filter (where q.accepted_answer_id = a.id)`.as('accepted'),
      sql<string | null>`sum(a.helpful_count)`.as('helpful'),
      sql<string | null>`percentile_cont(0.5) within group (order by a.response_seconds)`.as('median'),
      sql<string | null>`avg(a.response_seconds)`.as('average'),
    ])
    .executeTakeFirstOrThrow();
  const num = (v: string | number | null) => (v === null ? null : Math.round(Number(v)));
  return {
    account_id: accountId,
    answers_count: Number(row.answers),
    first_answers_count: Number(row.first_answers),
    accepted_answers_count: Number(row.accepted),
    helpful_votes: Number(row.helpful ?? 0),
    median_response_seconds: num(row.median),
    average_response_seconds: num(row.average),
  };
}
