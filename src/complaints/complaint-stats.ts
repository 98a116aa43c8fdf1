import type { Db } from '../db/connect.js';
import { findComplaintStats } from './complaints.repository.js';

/** The window the statistics cover, and how many complaints they need before they are shown. */
export const COMPLAINT_STATS_DAYS = 365;
export const COMPLAINT_STATS_MIN = 3;

export interface ComplaintStats {
  /** Complaints opened in the window (public and private; removed ones do not count). */
  total: number;
  /** Of those, answered by the target (in the thread or by moving them to private). */
  answered: number;
  /** answered / total, 0..1. */
  shareAnswered: number;
  /** Median time from opening to the target's first response, in seconds; null when none was answered. */
  medianFirstResponseSeconds: number | null;
  /** False under COMPLAINT_STATS_MIN complaints: too few to say anything fair. */
  shown: boolean;
}

const EMPTY: ComplaintStats = { total: 0, answered: 0, shareAnswered: 0, medianFirstResponseSeconds: null, shown: false };

/**
 * How each account answers complaints, over the last COMPLAINT_STATS_DAYS days: the one function
 * the profile shows and the directory calls. Complaints moderators removed do not count (a
 * removed complaint was found abusive or mistaken: it says nothing of how the target answers);
 * closed and resolved ones do. Private complaints count too: only numbers leave this function,
 * never a complaint's text or who filed it.
 */
export async function complaintStatsFor(db: Db, accountIds: readonly string[], now = new Date()): Promise<Map<string, ComplaintStats>> {
  const since = new Date(now.getTime() - COMPLAINT_STATS_DAYS * 86_400_000);
  const rows = await findComplaintStats(db, [...new Set(accountIds)], since);
  const stats = new Map<string, ComplaintStats>(accountIds.map((id) => [id, EMPTY]));
  for (const r of rows) {
    const total = Number(r.total);
    const answered = Number(r.answered);
    stats.set(r.target_id, {
      total,
      answered,
      shareAnswered: total > 0 ? answered / total : 0,
      medianFirstResponseSeconds: r.median_seconds === null ? null : Math.round(Number(r.median_seconds)),
      shown: total >= COMPLAINT_STATS_MIN,
    });
  }
  return stats;
}

/**
 * How an account answered the complaints opened about it in [from, until) (removed ones do not
 * count, as above): for the account's own analytics, so no minimum applies (`shown` is true).
 */
export async function complaintStatsBetween(db: Db, accountId: string, from: Date, until: Date): Promise<ComplaintStats> {
  const [row] = await findComplaintStats(db, [accountId], from, until);
  if (!row) return { ...EMPTY, shown: true };
  const total = Number(row.total);
  const answered = Number(row.answered);
  return { total, answered, shareAnswered: total > 0 ? answered / total : 0, medianFirstResponseSeconds: row.median_seconds === null ? null : Math.round(Number(row.median_seconds)), shown: true };
}
