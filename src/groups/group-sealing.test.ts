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
import { createTestPostgresDatabase } from '../testing/test-database.js';
import { rotateMessageKey } from '../messages/key-rotation.js';
import { createMessageSealer } from '../messages/message-sealer.js';
import { formatMessageKeys, keyFilePath, newMessageKey, readKeyFile } from '../messages/message-keys.js';
import { createGroupPost, postText } from './group-posts.service.js';
import { createGroup, groupById } from './groups.service.js';

const run = promisify(execFile);
const onPostgres = process.env.MEDIRED_TEST_DB === 'postgres';
const SECRET = 'Mi bebé nació sin latido, informe FET-88123';
const PUBLIC_TEXT = 'Consejo público de grupo GLU-40077';

/** A whole app on its own database, whose files (PGlite) or dump (PostgreSQL) are searched byte by byte. */
describe("a private group's posts at rest", () => {
  let dataDir: string;
  let config: Config;
  let app: AppContext & { close(): Promise<void> };
  let drop: (() => Promise<void>) | undefined;
  let postId: string;

  const viewerOf = (registered: { userId: string; accountId: string }, username: string): Viewer => ({
    userId: registered.userId, accountId: registered.accountId, username, staffRole: 'user', locale: 'es', scopes: ['read', 'write'], via: 'token',
    tokenId: null, sessionId: null, csrfToken: null, applicationId: null, mfaPending: false, mfaEnabled: false, suspended: false,
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'medired-group-sealing-'));
    const env: Record<string, string> = { NODE_ENV: 'test', DATA_DIR: dataDir, SEED_DEMO: 'false', RATE_LIMIT_FACTOR: '0', LOG_LEVEL: 'silent' };
    if (onPostgres) {
      const database = await createTestPostgresDatabase();
      drop = database.drop;
      env.DATABASE_URL = database.url;
      env.MESSAGE_KEYS = formatMessageKeys([newMessageKey('first')]);
    }
    config = loadConfig(env);
    app = await buildAppContext(config, { log: createLogger('silent') });
    const a = await registerAccount(app.db, { username: 'duena', email: 'duena@example.test', password: 'correct horse battery staple', agreement: true, locale: 'es', kind: 'patient' });
    const owner = viewerOf(a, 'duena');
    const closed = await createGroup(app, owner, { name: 'Duelo perinatal', description: '', rules: '', tags: [], visibility: 'private', organisation: false });
    postId = (await createGroupPost(app, await groupById(app, owner, closed.id), { text: SECRET, pseudonymous: false })).id;
    const open = await createGroup(app, owner, { name: 'Diabetes', description: '', rules: '', tags: [], visibility: 'public', organisation: false });
    await createGroupPost(app, await groupById(app, owner, open.id), { text: PUBLIC_TEXT, pseudonymous: false });
  });

  afterAll(async () => {
    await app?.close();
    await drop?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('are sealed: neither the data files nor a dump hold their text (a public group’s post is plain)', async () => {
    if (onPostgres) {
      const [{ db }] = (await sql<{ db: string }>`SELECT current_database() AS db`.execute(app.db)).rows as [{ db: string }];
      const { stdout } = await run('pg_dump', ['-h', '127.0.0.1', '-U', 'postgres', '--no-owner', db], { maxBuffer: 256 * 1024 * 1024 });
      expect(stdout).toContain('CREATE TABLE public.group_posts');
      expect(stdout).toContain('GLU-40077');
      expect(stdout).not.toContain('FET-88123');
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
    expect(files.some((f) => readFileSync(f).includes('GLU-40077'))).toBe(true);
    expect(files.filter((f) => readFileSync(f).includes('FET-88123'))).toEqual([]);
  });

  it('are re-sealed when the key rotates, and open with the new key alone', async () => {
    const rotateConfig = onPostgres ? loadConfig({ ...process.env, DATA_DIR: dataDir, DATABASE_URL: config.databaseUrl!, MESSAGE_KEYS: `second:${Buffer.alloc(32, 7).toString('base64')},${formatMessageKeys(config.messageKeys!)}` }) : config;
    const result = await rotateMessageKey(app.db, rotateConfig);
    expect(result.resealed).toBeGreaterThanOrEqual(1);
    const onlyNewKey = onPostgres ? [rotateConfig.messageKeys![0]!] : (await readKeyFile(keyFilePath(config)))!;
    const row = await app.db.selectFrom('group_posts').select(['id', 'text', 'sealed']).where('id', '=', postId).executeTakeFirstOrThrow();
    expect(postText({ ...app, sealer: createMessageSealer(onlyNewKey) }, row)).toBe(SECRET);
  });
});
