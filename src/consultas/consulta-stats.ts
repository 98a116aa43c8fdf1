import type { Db } from '../db/connect.js';
import { findAnswerDays, findAnswerMedianBetween, findAnswerStatsRow } from './answers.repository.js';

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

/** An account's answers in a period, per UTC day (`YYYY-MM-DD`, days without answers left out). */
export interface ConsultaAnswersBetween {
  days: { day: string; answered: number; helpful: number }[];
  answered: number;
  /** Answers accepted by the asker or voted helpful by anyone at least once. */
  helpful: number;
  /** helpful / answered, 0..1; null without answers. */
  helpfulRate: number | null;
  medianResponseSeconds: number | null;
}

/** How many consultas an account answered in [from, until) and how many of those helped (for analytics). */
export async function consultaAnswersBetween(db: Db, accountId: string, from: Date, until: Date): Promise<ConsultaAnswersBetween> {
  const [rows, median] = await Promise.all([findAnswerDays(db, accountId, from, until), findAnswerMedianBetween(db, accountId, from, until)]);
  const days = rows.map((r) => ({ day: r.day, answered: Number(r.answered), helpful: Number(r.helpful) })).sort((a, b) => a.day.localeCompare(b.day));
  const answered = days.reduce((n, d) => n + d.answered, 0);
  const helpful = days.reduce((n, d) => n + d.helpful, 0);
  return { days, answered, helpful, helpfulRate: answered > 0 ? helpful / answered : null, medianResponseSeconds: median };
}
