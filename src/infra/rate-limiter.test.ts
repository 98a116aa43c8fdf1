import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { uniqueRedisPrefix } from '../testing/test-redis.js';
import { createMemoryRateLimiter, createRedisRateLimiter, type RateLimiter } from './rate-limiter.js';
import { startTcpProxy } from '../testing/tcp-proxy.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
let redis: Redis;
beforeAll(() => {
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
});
afterAll(async () => {
  await redis.quit();
});

function behavesAsAFixedWindow(make: () => RateLimiter) {
  it('allows up to the limit in a window, then refuses, counting each key apart', async () => {
    const limiter = make();
    const key = `test:${randomUUID()}`;
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.hit(key, 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3]!.resetAt.getTime()).toBeGreaterThan(Date.now());
    expect((await limiter.hit(`${key}:other`, 3, 60)).allowed).toBe(true);
  });
}

describe('in-process rate limiter', () => {
  behavesAsAFixedWindow(() => createMemoryRateLimiter());

  it('opens a new window once the old one has passed', async () => {
    let now = 1_000_000;
    const limiter = createMemoryRateLimiter(() => now);
    await limiter.hit('k', 1, 10);
    expect((await limiter.hit('k', 1, 10)).allowed).toBe(false);
    now += 10_001;
    expect((await limiter.hit('k', 1, 10)).allowed).toBe(true);
  });
});

describe('Redis rate limiter', () => {
  behavesAsAFixedWindow(() => createRedisRateLimiter(redis, `medired-test:${randomUUID()}:`));

  it('is shared by two app instances pointing at the same Redis', async () => {
    const apps: TestApp[] = [];
    // A client address no other test or run uses, so concurrent runs cannot share its counter.
    const ip = `redis-shared-${randomUUID()}`;
    // Both instances are one deployment: the same prefix.
    const REDIS_PREFIX = uniqueRedisPrefix();
    try {
      for (let i = 0; i < 2; i++) apps.push(await createTestApp({ REDIS_URL, REDIS_PREFIX, RATE_LIMIT_FACTOR: '0.01' }));
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await apps[i % 2]!.request('GET', '/api/v2/instance', { ip })).status);
      // The API-wide limit becomes 3 per window at this factor: the 4th request, wherever it lands, is refused.
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      for (const app of apps) await app.close();
      await redis.del(`${REDIS_PREFIX}rl:api:ip:${ip}`);
    }
  });

  it('counts in process while Redis is unreachable, so requests are limited but never fail', async () => {
    const target = new URL(REDIS_URL);
    const proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 6379) });
    const viaProxy = new Redis(`redis://127.0.0.1:${proxy.port}`, { enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 500 });
    viaProxy.on('error', () => undefined);
    let failures = 0;
    try {
      await new Promise((resolve) => viaProxy.once('ready', resolve));
      await viaProxy.ping();
      const limiter = createRedisRateLimiter(viaProxy, `medired-test:${randomUUID()}:`, createMemoryRateLimiter(), () => (failures += 1));
      proxy.cut();
      const started = Date.now();
      const results = [];
      for (let i = 0; i < 3; i++) results.push(await limiter.hit('k', 2, 60));
      expect(results.map((r) => r.allowed)).toEqual([true, true, false]);
      // One failure opens the breaker: the next hits do not wait for Redis again.
      expect(failures).toBe(1);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      viaProxy.disconnect();
      await proxy.close();
    }
  });
});
