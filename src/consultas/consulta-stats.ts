import type { Db } from '../db/connect.js';
import { findAnswerStatsRow } from './answers.repository.js';

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
  const row = await findAnswerStatsRow(db, accountId);
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
