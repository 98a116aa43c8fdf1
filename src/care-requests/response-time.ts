import type { Db } from '../db/connect.js';
import { firstAnswerStatsBetween, medianFirstAnswer } from './care-requests.repository.js';

/** The window of the median: requests made in the last 180 days. */
export const RESPONSE_TIME_DAYS = 180;
/** Fewer answered requests than this say nothing reliable: no median is shown. */
export const MIN_ANSWERED_FOR_MEDIAN = 3;

/**
 * The median time a professional or organisation took to first answer its care requests (made
 * in the last 180 days), or null when fewer than 3 were answered. For the profile, the practice
 * API and other domains (the directory).
 */
export async function medianTimeToFirstAnswer(db: Db, targetId: string): Promise<{ medianSeconds: number; answered: number } | null> {
  const { median, answered } = await medianFirstAnswer(db, targetId, RESPONSE_TIME_DAYS);
  if (median === null || answered < MIN_ANSWERED_FOR_MEDIAN) return null;
  return { medianSeconds: Math.round(median), answered };
}

/**
 * The care requests a professional or organisation received in [from, until) and how it answered
 * them: counts and the median time to first answer (null when none was answered). For analytics,
 * where the owner sees its own figures, so no minimum applies.
 */
export async function careRequestResponseBetween(db: Db, targetId: string, from: Date, until: Date): Promise<{ received: number; answered: number; medianSeconds: number | null }> {
  const { received, answered, median } = await firstAnswerStatsBetween(db, targetId, from, until);
  return { received, answered, medianSeconds: median === null ? null : Math.round(median) };
}
