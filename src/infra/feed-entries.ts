/**
 * What every feed adapter agrees on about a feed's entries: ids are positive decimal integers
 * (PostgreSQL identity bigints, far below 2^53, so a double holds them exactly) ordered
 * numerically, and an incomplete feed remembers its `floor`, the oldest id it is known to hold
 * everything down to (`FeedRead.oldestKept`).
 */

/** Whether `id` can be a feed entry; others are ignored rather than corrupt the order. */
export const isFeedId = (id: string): boolean => /^[1-9][0-9]{0,15}$/.test(id);

/** A feed as `replace` builds it: newest first, at most `cap` ids, and its floor (null = complete). */
export interface FeedPlan {
  ids: string[];
  floor: string | null;
}

/**
 * The feed `replace(ids, { cap, complete })` builds: the newest `cap` distinct ids. When ids were
 * cut at the cap, or the read was not complete, the oldest id kept is the floor. An incomplete
 * read without a single id says nothing useful, so it builds no feed (null): the next read finds
 * it absent and goes to the database.
 */
export function planReplace(ids: readonly string[], cap: number, complete: boolean): FeedPlan | null {
  const sorted = [...new Set(ids.filter(isFeedId))].sort((a, b) => Number(b) - Number(a));
  const kept = sorted.slice(0, Math.max(1, cap));
  const isComplete = complete && kept.length === sorted.length;
  if (!isComplete && kept.length === 0) return null;
  return { ids: kept, floor: isComplete ? null : kept[kept.length - 1]! };
}
