import { describe, expect, it } from 'vitest';
import { redisInfraForTests } from '../testing/redis-infra-for-tests.js';
import type { Cache } from './infra.js';
import { createMemoryCache } from './memory-cache.js';
import { INVALIDATION_CHANNEL } from './redis-cache.js';

/** Tombstones this short keep the suite fast; the adapters' default is `TOMBSTONE_SECONDS`. */
const TOMBSTONE_MS = 300;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const openRedis = redisInfraForTests({ tombstoneMs: TOMBSTONE_MS }).open;

let n = 0;
const key = (name: string) => `${name}:${++n}`;

function behavesAsACache(make: () => Promise<Cache>) {
  it('returns versioned values in the order asked, null for each miss', async () => {
    const cache = await make();
    const [a, b, c] = [key('status'), key('status'), key('status')];
    expect(await cache.getVersioned([a, b])).toEqual([null, null]);
    await cache.setVersioned([[a, 'A'], [c, 'C']], 60);
    expect(await cache.getVersioned([a, b, c])).toEqual(['A', null, 'C']);
    expect(await cache.getVersioned([])).toEqual([]);
  });

  it('forgets versioned values once their time to live has passed', async () => {
    const cache = await make();
    const k = key('status');
    await cache.setVersioned([[k, 'A']], 0.2);
    expect(await cache.getVersioned([k])).toEqual(['A']);
    await sleep(350);
    expect(await cache.getVersioned([k])).toEqual([null]);
  });

  it('fills a mutable value once, keeps it, and forgets it once its time to live has passed', async () => {
    const cache = await make();
    const k = key('token');
    expect(await cache.get(k)).toBeNull();
    expect(await cache.fill(k, 'v1', 0.2)).toBe(true);
    expect(await cache.get(k)).toBe('v1');
    expect(await cache.fill(k, 'v2', 0.2)).toBe(false);
    expect(await cache.get(k)).toBe('v1');
    await sleep(350);
    expect(await cache.get(k)).toBeNull();
  });

  it('invalidate removes the value and blocks fills of that key until the tombstone expires', async () => {
    const cache = await make();
    const [k, other] = [key('token'), key('token')];
    await cache.fill(k, 'old', 60);
    await cache.invalidate([k]);
    expect(await cache.get(k)).toBeNull();
    // A reader that loaded the old row before the change committed cannot put it back.
    expect(await cache.fill(k, 'old', 60)).toBe(false);
    expect(await cache.get(k)).toBeNull();
    // Other keys are not blocked.
    expect(await cache.fill(other, 'x', 60)).toBe(true);
    await sleep(TOMBSTONE_MS + 150);
    expect(await cache.fill(k, 'new', 60)).toBe(true);
    expect(await cache.get(k)).toBe('new');
  });

  it('keeps versioned and mutable values apart, even under the same key', async () => {
    const cache = await make();
    const k = key('same');
    await cache.setVersioned([[k, 'versioned']], 60);
    expect(await cache.get(k)).toBeNull();
    await cache.fill(k, 'mutable', 60);
    await cache.invalidate([k]);
    expect(await cache.getVersioned([k])).toEqual(['versioned']);
  });
}

describe('in-process cache', () => {
  behavesAsACache(async () => createMemoryCache({ tombstoneMs: TOMBSTONE_MS }));

  it('keeps at most its entry cap, dropping the least recently used first', async () => {
    const cache = createMemoryCache({ maxEntries: 2 });
    await cache.setVersioned([['a', 'A'], ['b', 'B']], 60);
    await cache.getVersioned(['a']);
    await cache.setVersioned([['c', 'C']], 60);
    expect(await cache.getVersioned(['a', 'b', 'c'])).toEqual(['A', null, 'C']);
  });
});

describe('Redis cache', () => {
  behavesAsACache(async () => (await openRedis()).cache);

  it('is shared by two processes: a value filled by one is invalidated and blocked by the other', async () => {
    const [one, two] = [await openRedis(), await openRedis()];
    const [k, v] = [key('token'), key('status')];
    await one.cache.fill(k, 'old', 60);
    expect(await two.cache.get(k)).toBe('old');
    await two.cache.invalidate([k]);
    expect(await one.cache.get(k)).toBeNull();
    expect(await one.cache.fill(k, 'old', 60)).toBe(false);
    await one.cache.setVersioned([[v, 'V']], 60);
    expect(await two.cache.getVersioned([v])).toEqual(['V']);
  });

  it('announces invalidated keys on the invalidation channel', async () => {
    const infra = await openRedis();
    const seen: string[] = [];
    const unsubscribe = await infra.pubsub.subscribe(INVALIDATION_CHANNEL, (m) => void seen.push(m));
    const k = key('token');
    await infra.cache.invalidate([k]);
    await expect.poll(() => seen).toContainEqual(JSON.stringify([k]));
    await unsubscribe();
  });
});
