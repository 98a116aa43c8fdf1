import { formatMessageKeys, newMessageKey } from '../src/messages/message-keys.js';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { buildAppContext } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import type { DatabaseHandle } from '../src/db/connect.js';

/**
 * A throw-away store for one bench run: a fresh PGlite folder, or a fresh PostgreSQL database
 * plus a Redis key prefix of its own. `serverEnv` is what the server process gets; `seedEnv` is
 * what the bench itself opens to seed (no Redis: seeding is plain SQL).
 */
export interface BenchStore {
  kind: 'pglite' | 'postgres';
  label: string;
  serverEnv: Record<string, string>;
  seedEnv: Record<string, string>;
  cleanup(): Promise<string>;
}

export function pgliteStore(): BenchStore {
  const dir = path.resolve('bench/data', `pglite-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return {
    kind: 'pglite',
    label: 'PGlite',
    serverEnv: { DATA_DIR: dir },
    seedEnv: { DATA_DIR: dir },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
      return `removed ${dir}`;
    },
  };
}

/** Deletes the keys under `prefix` with SCAN + DEL (never FLUSHDB: the Redis may be shared). */
async function deleteRedisPrefix(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length) deleted += await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

export async function postgresStore(postgresUrl: string, redisUrl: string): Promise<BenchStore> {
  const name = `medired_bench_${randomBytes(4).toString('hex')}`;
  const prefix = `medired-bench-${randomBytes(4).toString('hex')}:`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  const dir = path.resolve('bench/data', `postgres-media-${Date.now()}`);
  const keys = formatMessageKeys([newMessageKey('bench')]);
  mkdirSync(dir, { recursive: true });
  return {
    kind: 'postgres',
    label: 'PostgreSQL+Redis',
    serverEnv: { DATABASE_URL: url.toString(), DATA_DIR: dir, REDIS_URL: redisUrl, REDIS_PREFIX: prefix, MESSAGE_KEYS: keys },
    seedEnv: { DATABASE_URL: url.toString(), DATA_DIR: dir, MESSAGE_KEYS: keys },
    async cleanup() {
      const dropper = new pg.Client({ connectionString: postgresUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      rmSync(dir, { recursive: true, force: true });
      const keys = await deleteRedisPrefix(redisUrl, prefix);
      return `dropped database ${name}, deleted ${keys} Redis keys under ${prefix}`;
    },
  };
}

/**
 * Opens the store in this process (migrating it as the server would) for seeding, and closes it
 * again: PGlite allows one process at a time, so the server is never running meanwhile.
 */
export async function withStore<T>(store: BenchStore, fn: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const config = loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'false', LOG_LEVEL: 'error', PUBLIC_URL: 'http://127.0.0.1', ...store.seedEnv });
  const app = await buildAppContext(config);
  try {
    return await fn(app.database);
  } finally {
    await app.close();
  }
}
