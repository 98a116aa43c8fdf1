import type { AppContext } from '../app-context.js';
import { anyPromotionRunning } from './promotion-delivery.repository.js';

/**
 * Whether any promotion runs, cached for every process (memory or Redis) so that a home page
 * costs no query at all for promotions while none runs. An approval invalidates it at once; a
 * promotion approved for a later start is picked up within `RUNNING_TTL_SECONDS` of its start,
 * and one that ended is simply not found by the delivery query until the entry expires.
 */
const RUNNING_KEY = 'promotions:any-running';
const RUNNING_TTL_SECONDS = 60;

export async function promotionsMayRun(app: AppContext): Promise<boolean> {
  const cached = await app.cache.get(RUNNING_KEY);
  if (cached !== null) return cached === '1';
  const running = await anyPromotionRunning(app.db);
  await app.cache.fill(RUNNING_KEY, running ? '1' : '0', RUNNING_TTL_SECONDS);
  return running;
}

/** After an approval committed: the next home page asks the database again. */
export async function runningPromotionsChanged(app: AppContext): Promise<void> {
  await app.cache.invalidate([RUNNING_KEY]);
}
