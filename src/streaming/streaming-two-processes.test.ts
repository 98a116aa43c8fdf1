import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMessageKeys, newMessageKey } from '../messages/message-keys.js';
import { registerAccount } from '../accounts/accounts.service.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { openPostgres } from '../db/connect.js';
import { startServerProcess, testProcessEnv, type ServerProcess } from '../testing/server-process.js';
import { createTestPostgresDatabase } from '../testing/test-database.js';
import { deleteRedisKeys, testRedisUrl, uniqueRedisPrefix } from '../testing/test-redis.js';
import { openSse } from './streaming-test-helpers.js';

/**
 * Two real app processes on one PostgreSQL and one Redis: a stream opened on B receives what is
 * posted through A, and a token revoked through A closes B's stream at once.
 */

const onPostgres = process.env.MEDIRED_TEST_DB === 'postgres';

let database: Awaited<ReturnType<typeof createTestPostgresDatabase>> | undefined;
let prefix: string;
let a: ServerProcess;
let b: ServerProcess;
const tokens = { author: '', reader: '', streaming: '' };
const ids = { author: '', reader: '' };

const call = (server: ServerProcess, method: string, url: string, token: string, json?: unknown) =>
  fetch(server.baseUrl + url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
    ...(json ? { body: JSON.stringify(json) } : {}),
  });

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestPostgresDatabase();
  prefix = uniqueRedisPrefix();
  const messageKeys = formatMessageKeys([newMessageKey('both')]);
  const env = () => testProcessEnv({ databaseUrl: database!.url, redisUrl: testRedisUrl(), redisPrefix: prefix, messageKeys });
  [a, b] = await Promise.all([startServerProcess('src/main.ts', env(), '/api/v1/instance'), startServerProcess('src/main.ts', env(), '/api/v1/instance')]);
  const db = await openPostgres(database.url, 2);
  try {
    for (const name of ['author', 'reader'] as const) {
      const user = await registerAccount(db.db, { username: `${name}_${prefix.slice(13, 19)}`, email: `${name}@example.test`, password: 'correct horse battery staple', agreement: true, locale: 'es', kind: 'patient' });
      tokens[name] = (await issueAccessToken(db.db, { userId: user.userId, applicationId: null, scopes: 'read write follow' })).access_token;
      if (name === 'author') ids.author = user.accountId;
      if (name === 'reader') ids.reader = user.accountId;
      if (name === 'reader') tokens.streaming = (await issueAccessToken(db.db, { userId: user.userId, applicationId: null, scopes: 'read' })).access_token;
    }
  } finally {
    await db.close();
  }
}, 240_000);

afterAll(async () => {
  if (!onPostgres) return;
  await Promise.all([a?.stop(), b?.stop()]);
  await deleteRedisKeys(testRedisUrl(), prefix);
  await database?.drop();
}, 60_000);

describe.runIf(onPostgres)('streaming across two app processes', () => {
  it('delivers a status posted through A to a stream on B, and closes it when the token is revoked through A', async () => {
    expect((await call(a, 'POST', `/api/v1/accounts/${ids.author}/follow`, tokens.reader)).status).toBe(200);
    const stream = await openSse(`${b.baseUrl}/api/v1/streaming/user`, { authorization: `Bearer ${tokens.streaming}` });
    expect(stream.status).toBe(200);
    const notes = await openSse(`${b.baseUrl}/api/v1/streaming/user/notification?access_token=${tokens.reader}`);

    const posted = (await (await call(a, 'POST', '/api/v1/statuses', tokens.author, { status: 'en directo desde A' })).json()) as { id: string };
    const update = await stream.next((e) => e.event === 'update');
    expect((JSON.parse(update.data) as { id: string; content: string }).id).toBe(posted.id);
    // A notification created inside a transaction on A (a mention) reaches B too.
    expect((await call(a, 'POST', '/api/v1/statuses', tokens.author, { status: `@reader_${prefix.slice(13, 19)} hola` })).status).toBe(200);
    expect(JSON.parse((await notes.next((e) => e.event === 'notification')).data)).toMatchObject({ type: 'mention' });

    const list = (await (await call(a, 'GET', '/api/v1/medired/tokens', tokens.reader)).json()) as { id: string; current: boolean; scopes: string[] }[];
    const target = list.find((x) => !x.current && x.scopes.join() === 'read')!;
    const revokedAt = Date.now();
    expect((await call(a, 'DELETE', `/api/v1/medired/tokens/${target.id}`, tokens.reader)).status).toBe(200);
    await stream.ended;
    expect(Date.now() - revokedAt).toBeLessThan(2_000);
    expect(notes.isEnded()).toBe(false);
    notes.close();
  }, 60_000);

  it('a private message sent through A arrives live, opened, on the recipient’s direct stream on B', async () => {
    const direct = await openSse(`${b.baseUrl}/api/v1/streaming/direct`, { authorization: `Bearer ${tokens.reader}` });
    expect(direct.status).toBe(200);
    const res = await call(a, 'POST', '/api/v1/medired/conversations', tokens.author, { account_ids: [ids.reader], status: 'Mensaje privado desde A' });
    expect(res.status).toBe(200);
    const conversation = (await res.json()) as { id: string };
    const event = JSON.parse((await direct.next((e) => e.event === 'conversation')).data) as { id: string; last_status: { content: string }; medired: { request: boolean } };
    expect(event.id).toBe(conversation.id);
    expect(event.last_status.content).toContain('Mensaje privado desde A');
    // The reader follows the author (the test above), so it went straight into her conversations.
    expect(event.medired.request).toBe(false);
    direct.close();
  }, 60_000);
});
