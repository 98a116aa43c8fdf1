import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis the infrastructure contract tests run against (in every test project). */
export const testRedisUrl = (): string => process.env.MEDIRED_TEST_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test file or run shares, so parallel tests never see each other's keys. */
export const uniqueRedisPrefix = (): string => `medired-test-${randomBytes(6).toString('hex')}:`;

/** Deletes every key under `prefix` (a test's leftovers). */
export async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
