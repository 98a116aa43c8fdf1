import { formatMessageKeys, newMessageKey } from '../messages/message-keys.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../accounts/accounts.service.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { openPostgres } from '../db/connect.js';
import { startServerProcess, testProcessEnv, type ServerProcess } from '../testing/server-process.js';
import { createTestPostgresDatabase } from '../testing/test-database.js';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy.js';
import { deleteRedisKeys, testRedisUrl, uniqueRedisPrefix } from '../testing/test-redis.js';

/**
 * Two real app processes (`src/main.ts`, job workers included) on one PostgreSQL database and
 * one Redis, as a scaled-out deployment runs: what is written through one is read through the
 * other at once — feeds, cached entities, revoked tokens — and when Redis goes away from one of
 * them it answers from the database, correctly, and recovers when Redis returns.
 */

const onPostgres = process.env.MEDIRED_TEST_DB === 'postgres';

let database: Awaited<ReturnType<typeof createTestPostgresDatabase>> | undefined;
let databaseUrl: string;
let prefix: string;
let proxy: TcpProxy;
let a: ServerProcess;
let b: ServerProcess;
const tokens: Record<'author' | 'reader' | 'second' | 'spare', string> = { author: '', reader: '', second: '', spare: '' };
const ids: Record<'author' | 'reader', string> = { author: '', reader: '' };

async function call(server: ServerProcess, method: string, url: string, token: string, json?: unknown): Promise<Response> {
  return fetch(server.baseUrl + url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
    ...(json ? { body: JSON.stringify(json) } : {}),
  });
}

async function homeIds(server: ServerProcess): Promise<string[]> {
  const res = await call(server, 'GET', '/api/v1/timelines/home', tokens.reader);
  expect(res.status).toBe(200);
  return ((await res.json()) as { id: string }[]).map((s) => s.id);
}

async function eventually(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestPostgresDatabase();
  databaseUrl = database.url;
  prefix = uniqueRedisPrefix();
  const messageKeys = formatMessageKeys([newMessageKey('two')]);
  const redis = new URL(testRedisUrl());
  proxy = await startTcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
  const env = (redisUrl: string) => testProcessEnv({ databaseUrl, redisUrl, redisPrefix: prefix, messageKeys });
  a = await startServerProcess('src/main.ts', env(testRedisUrl()), '/api/v1/instance');
  b = await startServerProcess('src/main.ts', env(`redis://127.0.0.1:${proxy.port}`), '/api/v1/instance');
  const db = await openPostgres(databaseUrl, 2);
  try {
    for (const name of ['author', 'reader'] as const) {
      const user = await registerAccount(db.db, { username: `${name}_${prefix.slice(13, 19)}`, email: `${name}@example.test`, password: 'correct horse battery staple', agreement: true, locale: 'es', kind: 'patient' });
      ids[name] = user.accountId;
      tokens[name] = (await issueAccessToken(db.db, { userId: user.userId, applicationId: null, scopes: 'read write follow' })).access_token;
      if (name === 'reader') tokens.second = (await issueAccessToken(db.db, { userId: user.userId, applicationId: null, scopes: 'read write follow' })).access_token;
      if (name === 'author') tokens.spare = (await issueAccessToken(db.db, { userId: user.userId, applicationId: null, scopes: 'read write follow' })).access_token;
    }
  } finally {
    await db.close();
  }
}, 240_000);

afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all([a?.stop(), b?.stop()]);
  await proxy?.close();
  await deleteRedisKeys(testRedisUrl(), prefix);
  await database?.drop();
}, 60_000);

describe.runIf(onPostgres)('two app processes on one PostgreSQL and Redis', () => {
  it('agree at once after writes through either: feeds, edits, deletions, revoked tokens', async () => {
    expect((await call(a, 'POST', `/api/v1/accounts/${ids.author}/follow`, tokens.reader)).status).toBe(200);
    expect(await homeIds(b)).toEqual([]); // B builds the reader's feed in Redis

    const first = ((await (await call(a, 'POST', '/api/v1/statuses', tokens.author, { status: 'hola desde A' })).json()) as { id: string }).id;
    // Fanned out by whichever process's worker takes the job, read through the other.
    await eventually(async () => (await homeIds(b)).includes(first));
    expect(await homeIds(a)).toEqual([first]);

    // Cached by B, edited through A, seen through B at once.
    expect(((await (await call(b, 'GET', `/api/v1/statuses/${first}`, tokens.reader)).json()) as { content: string }).content).toContain('hola desde A');
    expect((await call(a, 'PUT', `/api/v1/statuses/${first}`, tokens.author, { status: 'editado en A' })).status).toBe(200);
    expect(((await (await call(b, 'GET', `/api/v1/statuses/${first}`, tokens.reader)).json()) as { content: string }).content).toContain('editado en A');

    // Deleted through B, gone through A.
    expect((await call(b, 'DELETE', `/api/v1/statuses/${first}`, tokens.author)).status).toBe(200);
    expect((await call(a, 'GET', `/api/v1/statuses/${first}`, tokens.reader)).status).toBe(404);
    expect(await homeIds(a)).toEqual([]);

    // A token used (and cached) through B, revoked by a password change through A.
    expect((await call(b, 'GET', '/api/v1/accounts/verify_credentials', tokens.second)).status).toBe(200);
    const change = await call(a, 'POST', '/api/v1/medired/password', tokens.reader, { current_password: 'correct horse battery staple', password: 'another horse battery staple 2026' });
    expect(change.status).toBe(200);
    expect((await call(b, 'GET', '/api/v1/accounts/verify_credentials', tokens.second)).status).toBe(401);
    expect((await call(b, 'GET', '/api/v1/accounts/verify_credentials', tokens.reader)).status).toBe(200);
  }, 60_000);

  it('answers from the database while its Redis is away, and recovers when it returns', async () => {
    const before = ((await (await call(a, 'POST', '/api/v1/statuses', tokens.author, { status: 'antes del corte' })).json()) as { id: string }).id;
    await eventually(async () => (await homeIds(b)).includes(before));

    proxy.cut();
    const during = ((await (await call(a, 'POST', '/api/v1/statuses', tokens.author, { status: 'durante el corte' })).json()) as { id: string }).id;
    expect((await call(a, 'PUT', `/api/v1/statuses/${before}`, tokens.author, { status: 'editado durante el corte' })).status).toBe(200);
    const started = Date.now();
    expect((await homeIds(b)).slice(0, 2)).toEqual([during, before]);
    const status = (await (await call(b, 'GET', `/api/v1/statuses/${before}`, tokens.reader)).json()) as { content: string };
    expect(status.content).toContain('editado durante el corte');
    expect(Date.now() - started).toBeLessThan(5_000);

    proxy.restore();
    const after = ((await (await call(a, 'POST', '/api/v1/statuses', tokens.author, { status: 'después del corte' })).json()) as { id: string }).id;
    await eventually(async () => (await homeIds(b)).slice(0, 3).join() === [after, during, before].join(), 20_000);
  }, 60_000);

  it('a revocation through a process cut off from Redis holds on the others at once (relayed through the database)', async () => {
    expect((await call(a, 'GET', '/api/v1/accounts/verify_credentials', tokens.spare)).status).toBe(200); // cached in Redis by A
    const list = (await (await call(b, 'GET', '/api/v1/medired/tokens', tokens.author)).json()) as { id: string; current: boolean }[];
    proxy.cut();
    try {
      // The spare token is the one that is neither current nor used through B.
      const spare = list.filter((x) => !x.current);
      for (const token of spare) expect((await call(b, 'DELETE', `/api/v1/medired/tokens/${token.id}`, tokens.author)).status).toBe(200);
      const revokedAt = Date.now();
      await eventually(async () => (await call(a, 'GET', '/api/v1/accounts/verify_credentials', tokens.spare)).status === 401, 1_000);
      expect(Date.now() - revokedAt).toBeLessThan(1_000);
    } finally {
      proxy.restore();
    }
  }, 60_000);

  it('does not wait for a Redis that hangs: requests fall back to the database at once', async () => {
    proxy.pause();
    try {
      const times: number[] = [];
      for (let i = 0; i < 6; i++) {
        const started = Date.now();
        expect((await call(b, 'GET', '/api/v1/timelines/home', tokens.reader)).status).toBe(200);
        times.push(Date.now() - started);
      }
      // The first request may wait for one command timeout (500 ms) per Redis call it makes; after
      // that Redis is left alone until it answers again.
      expect(Math.max(...times.slice(2))).toBeLessThan(300);
    } finally {
      proxy.resume();
    }
    const after = ((await (await call(a, 'POST', '/api/v1/statuses', tokens.author, { status: 'tras la espera' })).json()) as { id: string }).id;
    await eventually(async () => (await homeIds(b)).includes(after), 20_000);
  }, 60_000);
});
