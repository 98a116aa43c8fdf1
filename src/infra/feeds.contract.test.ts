import { describe, expect, it } from 'vitest';
import { redisInfraForTests } from '../testing/redis-infra-for-tests.js';
import type { FeedStore } from './infra.js';
import { createMemoryFeeds } from './memory-feeds.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const openRedis = redisInfraForTests().open;

let n = 0;
const feedName = () => `home:${++n}`;
const ids = (...values: number[]) => values.map(String);
const range = (...values: number[]) => ids(...values);
const TTL = 60;
/** 1 … 12: crosses 9 → 10, so string order would differ from numeric order. */
const twelve = range(...Array.from({ length: 12 }, (_, i) => i + 1));

function behavesAsAFeedStore(make: () => Promise<FeedStore>) {
  it('reads a feed that was never built as absent', async () => {
    const feeds = await make();
    expect(await feeds.read(feedName(), { limit: 10 }, TTL)).toEqual({ present: false, ids: [], oldestKept: null });
  });

  it('reads a complete feed newest first, in numeric order, with no oldest-kept bound', async () => {
    const feeds = await make();
    const f = feedName();
    await feeds.replace(f, twelve, { cap: 100, complete: true, ttlSeconds: TTL });
    expect(await feeds.read(f, { limit: 5 }, TTL)).toEqual({ present: true, ids: ids(12, 11, 10, 9, 8), oldestKept: null });
  });

  it('an empty complete feed is present and empty', async () => {
    const feeds = await make();
    const f = feedName();
    await feeds.replace(f, [], { cap: 100, complete: true, ttlSeconds: TTL });
    expect(await feeds.read(f, { limit: 5 }, TTL)).toEqual({ present: true, ids: [], oldestKept: null });
  });

  it('an incomplete feed reports its oldest id as the bound, and a build beyond the cap keeps the newest', async () => {
    const feeds = await make();
    const [partial, capped] = [feedName(), feedName()];
    await feeds.replace(partial, ids(30, 20, 10), { cap: 100, complete: false, ttlSeconds: TTL });
    expect((await feeds.read(partial, { limit: 10 }, TTL)).oldestKept).toBe('10');
    await feeds.replace(capped, twelve, { cap: 4, complete: true, ttlSeconds: TTL });
    expect(await feeds.read(capped, { limit: 10 }, TTL)).toEqual({ present: true, ids: ids(12, 11, 10, 9), oldestKept: '9' });
  });

  it('pages below, above, ascending from above, and between, up to the limit', async () => {
    const feeds = await make();
    const f = feedName();
    await feeds.replace(f, twelve, { cap: 100, complete: true, ttlSeconds: TTL });
    expect((await feeds.read(f, { below: '10', limit: 3 }, TTL)).ids).toEqual(ids(9, 8, 7));
    expect((await feeds.read(f, { above: '9', limit: 10 }, TTL)).ids).toEqual(ids(12, 11, 10));
    expect((await feeds.read(f, { above: '9', limit: 2 }, TTL)).ids).toEqual(ids(12, 11));
    expect((await feeds.read(f, { above: '8', ascending: true, limit: 2 }, TTL)).ids).toEqual(ids(9, 10));
    expect((await feeds.read(f, { above: '3', below: '7', limit: 10 }, TTL)).ids).toEqual(ids(6, 5, 4));
    expect((await feeds.read(f, { below: '1', limit: 10 }, TTL)).ids).toEqual([]);
  });

  it('adds ids in order to existing feeds, trimming to the cap, after which the feed is no longer complete', async () => {
    const feeds = await make();
    const [a, b] = [feedName(), feedName()];
    await feeds.replace(a, ids(1, 2, 3), { cap: 3, complete: true, ttlSeconds: TTL });
    await feeds.replace(b, ids(5), { cap: 3, complete: true, ttlSeconds: TTL });
    await feeds.add([a, b], ids(4), { cap: 3 });
    expect(await feeds.read(a, { limit: 10 }, TTL)).toEqual({ present: true, ids: ids(4, 3, 2), oldestKept: '2' });
    expect(await feeds.read(b, { limit: 10 }, TTL)).toEqual({ present: true, ids: ids(5, 4), oldestKept: null });
    await feeds.add([a], ids(4, 7, 6), { cap: 3 });
    expect(await feeds.read(a, { limit: 10 }, TTL)).toEqual({ present: true, ids: ids(7, 6, 4), oldestKept: '4' });
  });

  it('does not add below the bound of an incomplete feed, where the entry would follow a gap', async () => {
    const feeds = await make();
    const f = feedName();
    await feeds.replace(f, ids(30, 20), { cap: 10, complete: false, ttlSeconds: TTL });
    await feeds.add([f], ids(10, 25), { cap: 10 });
    expect(await feeds.read(f, { limit: 10 }, TTL)).toEqual({ present: true, ids: ids(30, 25, 20), oldestKept: '20' });
  });

  it('add and remove leave absent feeds absent', async () => {
    const feeds = await make();
    const f = feedName();
    await feeds.add([f], ids(1), { cap: 10 });
    await feeds.remove([f], ids(1));
    expect((await feeds.read(f, { limit: 10 }, TTL)).present).toBe(false);
  });

  it('removes ids from the feeds that hold them, and drops feeds', async () => {
    const feeds = await make();
    const [a, b] = [feedName(), feedName()];
    await feeds.replace(a, ids(1, 2, 3), { cap: 10, complete: true, ttlSeconds: TTL });
    await feeds.replace(b, ids(2), { cap: 10, complete: true, ttlSeconds: TTL });
    await feeds.remove([a, b], ids(2, 99));
    expect((await feeds.read(a, { limit: 10 }, TTL)).ids).toEqual(ids(3, 1));
    expect(await feeds.read(b, { limit: 10 }, TTL)).toEqual({ present: true, ids: [], oldestKept: null });
    await feeds.drop([a, b]);
    expect((await feeds.read(a, { limit: 10 }, TTL)).present).toBe(false);
    expect((await feeds.read(b, { limit: 10 }, TTL)).present).toBe(false);
  });

  it('a rebuild replaces what the feed held', async () => {
    const feeds = await make();
    const f = feedName();
    await feeds.replace(f, ids(1, 2), { cap: 10, complete: false, ttlSeconds: TTL });
    await feeds.replace(f, ids(3), { cap: 10, complete: true, ttlSeconds: TTL });
    expect(await feeds.read(f, { limit: 10 }, TTL)).toEqual({ present: true, ids: ids(3), oldestKept: null });
  });

  it('expires an unread feed, and each read extends its life', async () => {
    const feeds = await make();
    const [read, unread] = [feedName(), feedName()];
    for (const f of [read, unread]) await feeds.replace(f, ids(1), { cap: 10, complete: true, ttlSeconds: 0.4 });
    for (let i = 0; i < 3; i += 1) {
      await sleep(200);
      expect((await feeds.read(read, { limit: 1 }, 0.4)).present).toBe(true);
    }
    expect((await feeds.read(unread, { limit: 1 }, 0.4)).present).toBe(false);
  });

  it('fans one id out to thousands of feeds quickly', async () => {
    const feeds = await make();
    const names = Array.from({ length: 5000 }, () => feedName());
    await Promise.all(names.map((f) => feeds.replace(f, ids(1), { cap: 10, complete: true, ttlSeconds: TTL })));
    const started = performance.now();
    await feeds.add(names, ids(2), { cap: 10 });
    // ≥ 20,000 entries/s is the target; this bound only catches a per-feed round trip.
    expect(performance.now() - started).toBeLessThan(1000);
    expect((await feeds.read(names[4321]!, { limit: 10 }, TTL)).ids).toEqual(ids(2, 1));
    await feeds.drop(names);
  });
}

describe('in-process feeds', () => {
  behavesAsAFeedStore(async () => createMemoryFeeds());

  it('keeps at most its cap of feeds, dropping the least recently read first', async () => {
    const feeds = createMemoryFeeds({ maxFeeds: 2 });
    for (const f of ['a', 'b']) await feeds.replace(f, ids(1), { cap: 10, complete: true, ttlSeconds: TTL });
    await feeds.read('a', { limit: 1 }, TTL);
    await feeds.replace('c', ids(1), { cap: 10, complete: true, ttlSeconds: TTL });
    const present = async (f: string) => (await feeds.read(f, { limit: 1 }, TTL)).present;
    expect([await present('a'), await present('b'), await present('c')]).toEqual([true, false, true]);
  });
});

describe('Redis feeds', () => {
  behavesAsAFeedStore(async () => (await openRedis()).feeds);

  it('is shared by two processes', async () => {
    const [one, two] = [await openRedis(), await openRedis()];
    const f = feedName();
    await one.feeds.replace(f, ids(1), { cap: 10, complete: true, ttlSeconds: TTL });
    await two.feeds.add([f], ids(2), { cap: 10 });
    expect((await one.feeds.read(f, { limit: 10 }, TTL)).ids).toEqual(ids(2, 1));
    await one.feeds.drop([f]);
    expect((await two.feeds.read(f, { limit: 10 }, TTL)).present).toBe(false);
  });
});
