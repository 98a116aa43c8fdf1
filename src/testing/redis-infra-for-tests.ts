import { afterAll } from 'vitest';
import { createLogger } from '../log.js';
import { connectRedisInfra, type RedisInfra } from '../infra/redis-infra.js';
import { deleteRedisKeys, testRedisUrl, uniqueRedisPrefix } from './test-redis.js';

/**
 * Redis adapters for a contract test file: every `open()` is another process's view of one
 * deployment (one prefix of the file's own); all are closed and their keys deleted after the file.
 */
export function redisInfraForTests(options: { tombstoneMs?: number } = {}): { open: () => Promise<RedisInfra> } {
  const url = testRedisUrl();
  const prefix = uniqueRedisPrefix();
  const opened: RedisInfra[] = [];
  afterAll(async () => {
    for (const infra of opened) await infra.close();
    await deleteRedisKeys(url, prefix);
  });
  return {
    open: async () => {
      const infra = await connectRedisInfra(url, { prefix, log: createLogger('silent'), ...options });
      opened.push(infra);
      return infra;
    },
  };
}
