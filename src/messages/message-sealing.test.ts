import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../accounts/accounts.service.js';
import type { AppContext } from '../app-context.js';
import { buildAppContext } from '../bootstrap.js';
import { loadConfig, type Config } from '../config.js';
import type { Viewer } from '../auth/viewer.js';
import { createLogger } from '../log.js';
import { getVisibleStatus } from '../posts/status-views.js';
import { createTestPostgresDatabase } from '../testing/test-database.js';
import { rotateMessageKey } from './key-rotation.js';
import { createMessageSealer, SealedValueError } from './message-sealer.js';
import { formatMessageKeys, keyFilePath, newMessageKey, readKeyFile } from './message-keys.js';
import { sealPlaintextMessages } from './resealing.js';
import { startConversation } from './send-message.service.js';

const run = promisify(execFile);
const onPostgres = process.env.MEDIRED_TEST_DB === 'postgres';
const SECRET = 'Resultado de la biopsia: benigno, referencia BX-55173';

describe('the sealer', () => {
  const key = newMessageKey('k1');
  const sealer = createMessageSealer([key]);

  it('opens what it sealed, only at the same place and with an unchanged value', () => {
    const sealed = sealer.seal('hola', 'status:1');
    expect(sealer.open(sealed, 'status:1')).toBe('hola');
    expect(() => sealer.open(sealed, 'status:2')).toThrow(SealedValueError);
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1]! ^= 1;
    expect(() => sealer.open(tampered, 'status:1')).toThrow(SealedValueError);
    expect(() => createMessageSealer([newMessageKey('k2')]).open(sealed, 'status:1')).toThrow(/No configured message key is named k1/);
  });

  it('uses a fresh nonce for every value', () => {
    expect(sealer.seal('igual', 'status:1').equals(sealer.seal('igual', 'status:1'))).toBe(false);
  });
});

/**
 * A whole app on its own database, as it runs: PGlite in a data folder (whose files are then
 * searched byte by byte), or a PostgreSQL database (searched with pg_dump).
 */
describe('at rest', () => {
  let dataDir: string;
  let config: Config;
  let app: AppContext & { close(): Promise<void> };
  let drop: (() => Promise<void>) | undefined;
  let sender: Viewer;
  let statusId: string;

  const viewerOf = (registered: { userId: string; accountId: string }, username: string): Viewer => ({
    userId: registered.userId, accountId: registered.accountId, username, staffRole: 'user', locale: 'es', scopes: ['read', 'write'], via: 'token',
    tokenId: null, sessionId: null, csrfToken: null, applicationId: null, mfaPending: false, mfaEnabled: false, suspended: false,
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'medired-sealing-'));
    const env: Record<string, string> = { NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', RATE_LIMIT_FACTOR: '0', LOG_LEVEL: 'silent' };
    if (onPostgres) {
      const database = await createTestPostgresDatabase();
      drop = database.drop;
      env.DATABASE_URL = database.url;
      env.MESSAGE_KEYS = formatMessageKeys([newMessageKey('first')]);
    }
    config = loadConfig(env);
    app = await buildAppContext(config, { log: createLogger('silent') });
    const a = await registerAccount(app.db, { username: 'remite', email: 'remite@example.test', password: 'correct horse battery staple', agreement: true, locale: 'es', kind: 'professional' });
    const b = await registerAccount(app.db, { username: 'recibe', email: 'recibe@example.test', password: 'correct horse battery staple', agreement: true, locale: 'es', kind: 'patient' });
    sender = viewerOf(a, 'remite');
    statusId = (await startConversation(app, sender, { account_ids: [b.accountId], status: SECRET })).statusId;
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('without MESSAGE_KEYS the embedded database gets a key file of its own (owner-only), and a PostgreSQL server refuses to start', async () => {
    if (onPostgres) {
      await expect(buildAppContext(loadConfig({ DATA_DIR: dataDir, DATABASE_URL: 'postgres://127.0.0.1/none' }))).rejects.toThrow(/MESSAGE_KEYS: required with DATABASE_URL/);
      return;
    }
    const file = keyFilePath(config);
    expect((await readKeyFile(file))!.length).toBe(1);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a database dump holds no message text', async () => {
    if (onPostgres) {
      const [{ db }] = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(app.db)).rows as [{ db: string }];
      const { stdout } = await run('pg_dump', ['-h', '127.0.0.1', '-U', 'postgres', '--no-owner', db], { maxBuffer: 256 * 1024 * 1024 });
      expect(stdout).toContain('CREATE TABLE public.conversations');
      expect(stdout).not.toContain('BX-55173');
      return;
    }
    await sql`CHECKPOINT`.execute(app.db);
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files.push(full);
      }
    };
    walk(path.join(dataDir, 'pgdata'));
    expect(files.length).toBeGreaterThan(10);
    const leaking = files.filter((f) => readFileSync(f).includes('BX-55173'));
    expect(leaking).toEqual([]);
  });

  it('rotating the key re-seals every message; the old key is no longer needed', async () => {
    const before = await app.db.selectFrom('statuses').select('sealed').where('id', '=', statusId).executeTakeFirstOrThrow();
    const rotateConfig = onPostgres ? loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: config.databaseUrl!, MESSAGE_KEYS: `second:${Buffer.alloc(32, 7).toString('base64')},${formatMessageKeys(config.messageKeys!)}` }) : config;
    const result = await rotateMessageKey(app.db, rotateConfig);
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    const after = await app.db.selectFrom('statuses').select('sealed').where('id', '=', statusId).executeTakeFirstOrThrow();
    expect(Buffer.from(after.sealed!).equals(Buffer.from(before.sealed!))).toBe(false);
    const onlyNewKey = onPostgres ? [rotateConfig.messageKeys![0]!] : (await readKeyFile(keyFilePath(config)))!;
    expect(onlyNewKey).toHaveLength(1);
    expect(onlyNewKey[0]!.id).toBe(result.currentKeyId);
    const reader = { ...app, sealer: createMessageSealer(onlyNewKey) };
    expect((await getVisibleStatus(reader, statusId, sender)).content).toContain('BX-55173');
  });

  it('seals at start-up what was written in plaintext before messages were sealed', async () => {
    await sql`ALTER TABLE statuses DROP CONSTRAINT statuses_direct_sealed`.execute(app.db);
    const conversationId = (await app.db.selectFrom('statuses').select('conversation_id').where('id', '=', statusId).executeTakeFirstOrThrow()).conversation_id!;
    const legacy = await app.db
      .insertInto('statuses')
      .values({ account_id: sender.accountId, visibility: 'direct', content_source: 'antiguo BX-00001', content_html: '<p>antiguo BX-00001</p>', conversation_id: conversationId, in_reply_to_id: null, in_reply_to_account_id: null, reblog_of_id: null, cover_media_id: null, reading_time_minutes: null, application_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const keys = onPostgres ? [newMessageKey('legacy')] : (await readKeyFile(keyFilePath(config)))!;
    const sealer = createMessageSealer(keys);
    expect(await sealPlaintextMessages(app.db, sealer)).toBe(1);
    const row = await app.db.selectFrom('statuses').select(['content_source', 'content_html', 'sealed']).where('id', '=', legacy.id).executeTakeFirstOrThrow();
    expect(row.content_source).toBe('');
    expect(row.content_html).toBe('');
    expect(JSON.parse(sealer.open(row.sealed!, `status:${legacy.id}`)).s).toBe('antiguo BX-00001');
    expect(await sealPlaintextMessages(app.db, sealer)).toBe(0);
  });
});
