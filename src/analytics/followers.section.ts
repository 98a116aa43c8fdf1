import type { AppContext } from '../app-context.js';
import { dayOf, daysOf, type DayRange } from './analytics-range.js';
import type { AnalyticsSectionProvider, SectionInput } from './analytics-sections.js';
import { findFollowerDays, findFollowerSnapshots } from './analytics.repository.js';

/** Followers at the end of one day, and the follows gained and lost that day (null: no data). */
export interface FollowerPoint {
  day: string;
  followers: number | null;
  gained: number | null;
  lost: number | null;
}

/**
 * The follower series of an account over a range, exact from the statistics' start: every
 * follow and unfollow since is an event (triggers on `follows`), so the followers at the end of
 * day d are the live count less the net events after d. Days the daily job snapshotted use its
 * snapshot (the same number, recorded). Days before the statistics started, or before the
 * account existed, have no data.
 */
export async function followerSeries(app: AppContext, accountId: string, range: DayRange, firstDay: string): Promise<FollowerPoint[]> {
  const [{ live, days }, snapshots] = await Promise.all([findFollowerDays(app.db, accountId, range.from), findFollowerSnapshots(app.db, accountId, range.from, range.to)]);
  const byDay = new Map(days.map((d) => [d.day, d]));
  const snapshot = new Map(snapshots.map((s) => [s.day, s.followers]));
  // Net change after each day of the range: sum of the events of later days (up to now).
  let after = days.filter((d) => d.day > range.to).reduce((n, d) => n + d.gained - d.lost, 0);
  const points: FollowerPoint[] = [];
  for (const day of daysOf(range).reverse()) {
    const e = byDay.get(day);
    const known = day >= firstDay;
    points.push({ day, followers: known ? (snapshot.get(day) ?? Math.max(0, live - after)) : null, gained: known ? (e?.gained ?? 0) : null, lost: known ? (e?.lost ?? 0) : null });
    after += (e?.gained ?? 0) - (e?.lost ?? 0);
  }
  return points.reverse();
}

/** The first day with follower data: the later of the statistics' start and the account's creation. */
export function firstFollowerDay(input: Pick<SectionInput, 'startedAt' | 'owner'>): string {
  const start = dayOf(input.startedAt);
  const created = dayOf(input.owner.createdAt);
  return start > created ? start : created;
}

export const followersSection: AnalyticsSectionProvider = {
  id: 'followers',
  async load(app, input) {
    const first = firstFollowerDay(input);
    const points = await followerSeries(app, input.owner.accountId, input.range, first);
    const known = points.filter((p) => p.followers !== null);
    const end = known.at(-1)?.followers ?? null;
    // Followers when the range (or its data) begins: the first known day's end, less its change.
    const first0 = known[0];
    const start = first0 ? (first0.followers ?? 0) - (first0.gained ?? 0) + (first0.lost ?? 0) : null;
    const gained = known.reduce((n, p) => n + (p.gained ?? 0), 0);
    const lost = known.reduce((n, p) => n + (p.lost ?? 0), 0);
    return {
      id: 'followers',
      title: 'analytics.followers.title',
      figures: [
        { key: 'followers', label: 'analytics.followers.now', value: end, format: 'count' },
        { key: 'net', label: 'analytics.followers.net', value: end !== null && start !== null ? end - start : null, format: 'count' },
        { key: 'gained', label: 'analytics.followers.gained', value: known.length ? gained : null, format: 'count' },
        { key: 'lost', label: 'analytics.followers.lost', value: known.length ? lost : null, format: 'count' },
      ],
      charts: [
        {
          id: 'followers',
          title: 'analytics.followers.chart',
          kind: 'line',
          series: [{ key: 'followers', label: 'analytics.followers.series', format: 'count' }],
          rows: points.map((p) => ({ day: p.day, values: { followers: p.followers } })),
          note: 'analytics.followers.note',
        },
        {
          id: 'follower_changes',
          title: 'analytics.followers.changesChart',
          kind: 'bars',
          series: [
            { key: 'gained', label: 'analytics.followers.gainedSeries', format: 'count' },
            { key: 'lost', label: 'analytics.followers.lostSeries', format: 'count' },
          ],
          rows: points.map((p) => ({ day: p.day, values: { gained: p.gained, lost: p.lost } })),
        },
      ],
      tables: [],
    };
  },
};
