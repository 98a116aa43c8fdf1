import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log.js';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy.js';
import { deleteRedisKeys, testRedisUrl, uniqueRedisPrefix } from '../testing/test-redis.js';
import { connectRedisInfra, type RedisInfra } from './redis-infra.js';

const url = new URL(testRedisUrl());
const prefix = uniqueRedisPrefix();
const TTL = 60;
let proxy: TcpProxy;
/** The process whose Redis goes away (through the proxy). */
let cut: RedisInfra;
/** Another process, connected to Redis directly all along. */
let other: RedisInfra;
const warnings: string[] = [];

beforeAll(async () => {
  proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 6379) });
  const log = createLogger('warn', 'test', {}, (line) => void warnings.push(JSON.parse(line).message));
  cut = await connectRedisInfra(`redis://127.0.0.1:${proxy.port}`, { prefix, log });
  other = await connectRedisInfra(url.toString(), { prefix, log: createLogger('silent') });
});
afterAll(async () => {
  await cut.close();
  await other.close();
  await proxy.close();
  await deleteRedisKeys(url.toString(), prefix);
});

/** Runs `operation` and fails if it takes longer than a Redis that is away should cost. */
async function quickly<T>(operation: Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await operation;
  expect(performance.now() - started).toBeLessThan(1000);
  return result;
}

describe('Redis going away', () => {
  it('misses and drops quickly while away, then treats what was written before as lost', async () => {
    await cut.feeds.replace('home:1', ['1', '2'], { cap: 10, complete: true, ttlSeconds: TTL });
    await cut.cache.fill('token:1', 'old viewer', TTL);
    await cut.cache.setVersioned([['status:1:v1', 'S']], TTL);
    expect((await other.feeds.read('home:1', { limit: 10 }, TTL)).present).toBe(true);
    expect(await other.cache.get('token:1')).toBe('old viewer');

    proxy.cut();
    await expect.poll(() => warnings.length).toBeGreaterThan(0);
    // Nothing throws or hangs: reads miss, writes are dropped.
    expect(await quickly(cut.feeds.read('home:1', { limit: 10 }, TTL))).toEqual({ present: false, ids: [], oldestKept: null });
    await quickly(cut.feeds.add(['home:1'], ['3'], { cap: 10 }));
    await quickly(cut.feeds.remove(['home:1'], ['1']));
    await quickly(cut.feeds.drop(['home:2']));
    await quickly(cut.feeds.replace('home:3', ['1'], { cap: 10, complete: true, ttlSeconds: TTL }));
    expect(await quickly(cut.cache.get('token:1'))).toBeNull();
    await quickly(cut.cache.invalidate(['token:1']));
    expect(await quickly(cut.cache.fill('token:1', 'x', TTL))).toBe(false);
    await quickly(cut.cache.setVersioned([['status:2:v1', 'T']], TTL));
    await quickly(cut.pubsub.publish('test', 'dropped'));
    // Versioned values never go stale, so the near cache may still answer.
    expect(await quickly(cut.cache.getVersioned(['status:9:v1']))).toEqual([null]);
    // Logged once for the whole outage.
    expect(warnings).toHaveLength(1);

    proxy.restore();
    // Back: the feed written before (which missed an add) and the entry whose invalidation was
    // dropped are gone, in this process and in the other one.
    await expect
      .poll(async () => (await cut.feeds.read('home:1', { limit: 10 }, TTL)).present === false && (await cut.cache.fill('probe', 'p', TTL)), { timeout: 5000 })
      .toBe(true);
    await expect.poll(async () => await other.cache.get('token:1'), { timeout: 2000 }).toBeNull();
    expect((await other.feeds.read('home:1', { limit: 10 }, TTL)).present).toBe(false);
    expect(await cut.cache.get('token:1')).toBeNull();
    // The near cache was cleared with the old generation.
    expect(await cut.cache.getVersioned(['status:1:v1'])).toEqual([null]);
    // New writes work and are shared again.
    await cut.feeds.replace('home:1', ['5'], { cap: 10, complete: true, ttlSeconds: TTL });
    expect(await other.feeds.read('home:1', { limit: 10 }, TTL)).toEqual({ present: true, ids: ['5'], oldestKept: null });
    expect(await other.cache.fill('token:1', 'new viewer', TTL)).toBe(true);
    expect(await cut.cache.get('token:1')).toBe('new viewer');
    const seen: string[] = [];
    await other.pubsub.subscribe('test', (m) => void seen.push(m));
    await cut.pubsub.publish('test', 'after');
    await expect.poll(() => seen).toEqual(['after']);
  });
});
