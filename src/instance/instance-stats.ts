import type { AppContext } from '../app-context.js';
import { countActiveAccounts, readInstanceCounters } from './instance.repository.js';

/**
 * The instance's figures for `GET /api/v1/instance` and `/api/v2/instance`. Users and statuses
 * come from counters the database maintains (`instance_counters`); accounts active in the last
 * 30 days are counted at most once a minute. Either way the result is cached for a short while,
 * so these public, often-polled routes cost a cache read, not a query.
 */
export interface InstanceStats {
  users: number;
  statuses: number;
  activeMonth: number;
}

const STATS_KEY = 'instance:stats';
const STATS_TTL_SECONDS = 60;

export async function instanceStats(app: AppContext): Promise<InstanceStats> {
  const cached = await app.cache.get(STATS_KEY);
  if (cached) return JSON.parse(cached) as InstanceStats;
  const [counters, activeMonth] = await Promise.all([readInstanceCounters(app.db), countActiveAccounts(app.db, new Date(Date.now() - 30 * 86_400_000))]);
  const stats: InstanceStats = { ...counters, activeMonth };
  await app.cache.fill(STATS_KEY, JSON.stringify(stats), STATS_TTL_SECONDS);
  return stats;
}
