import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { buildAppContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { createApp } from '../app.js';
import type { HonoEnv } from '../http/hono-env.js';
import { createLogger } from '../log.js';
import { openTestDatabase } from './test-database.js';
import { deleteRedisKeys, uniqueRedisPrefix } from './test-redis.js';
import { registerAccount } from '../accounts/accounts.service.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { viewerChanged } from '../auth/viewer-cache.js';
import type { RegistrationInput } from '../accounts/accounts.js';

export interface TestUser {
  userId: string;
  accountId: string;
  username: string;
  token: string;
}

export interface RequestOptions {
  token?: string | undefined;
  /** JSON body. */
  json?: unknown;
  /** Form body (urlencoded), or FormData for multipart. */
  form?: Record<string, string | string[]> | FormData;
  headers?: Record<string, string>;
  ip?: string;
}

/**
 * A complete app on a fresh database for one test file: the real HTTP stack driven in memory
 * (`app.request`), PGlite or the PostgreSQL server (MEDIRED_TEST_DB=postgres). When
 * MEDIRED_TEST_REDIS_URL is set (the postgres project), the cache, feeds and pub/sub are Redis,
 * under a prefix of this app's own; its keys are deleted by `close`.
 */
export async function createTestApp(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medired-test-'));
  const redisUrl = process.env.MEDIRED_TEST_REDIS_URL;
  const redisEnv = redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: uniqueRedisPrefix() } : {};
  const config = loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    SEED_DEMO: 'false',
    PUBLIC_URL: 'http://medired.test',
    RATE_LIMIT_FACTOR: '0',
    ...redisEnv,
    ...env,
  });
  const database = await openTestDatabase();
  const ctx = await buildAppContext(config, { database, log: createLogger((process.env.MEDIRED_TEST_LOG as 'debug') ?? 'silent') });
  const hono: Hono<HonoEnv> = createApp(ctx);
  let counter = 0;

  async function request(method: string, url: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { 'x-test-client-ip': options.ip ?? '203.0.113.1', ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.form instanceof FormData) {
      body = options.form;
    } else if (options.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(options.form)) for (const item of Array.isArray(v) ? v : [v]) params.append(k, item);
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = params.toString();
    }
    return hono.request(url, { method, headers, ...(body !== undefined ? { body } : {}) });
  }

  /** Creates an account directly through the service and a full-scope token for it. */
  async function createUser(overrides: Partial<RegistrationInput> = {}): Promise<TestUser> {
    counter += 1;
    const username = overrides.username ?? `user${counter}_${Math.random().toString(36).slice(2, 7)}`;
    const registered = await registerAccount(ctx.db, {
      username,
      email: `${username}@example.test`,
      password: 'correct horse battery staple',
      agreement: true,
      locale: 'es',
      kind: 'patient',
      ...overrides,
    });
    const token = await issueAccessToken(ctx.db, { userId: registered.userId, applicationId: null, scopes: 'read write follow push' });
    return { userId: registered.userId, accountId: registered.accountId, username, token: token.access_token };
  }

  /**
   * Makes a user a moderator or admin. Staff routes require TOTP, so staff get TOTP enabled (with
   * a fixed test secret) unless `{ totp: false }` is passed to test that refusal.
   */
  async function setStaffRole(user: TestUser, role: 'user' | 'moderator' | 'admin', options: { totp?: boolean } = {}): Promise<void> {
    const totp = role !== 'user' && options.totp !== false;
    await ctx.db
      .updateTable('users')
      .set({ staff_role: role, ...(totp ? { totp_secret: 'JBSWY3DPEHPK3PXP', totp_enabled_at: new Date() } : {}) })
      .where('id', '=', user.userId)
      .execute();
    await viewerChanged(ctx, user.userId);
  }

  /** After a test changed a user's or account's rows directly: their tokens' cached viewers go. */
  async function viewerRowsChanged(user: Pick<TestUser, 'userId'>): Promise<void> {
    await viewerChanged(ctx, user.userId);
  }

  return {
    ctx: ctx as AppContext,
    hono,
    request,
    createUser,
    setStaffRole,
    viewerRowsChanged,
    async close() {
      await ctx.close();
      if (config.redisUrl && config.redisPrefix !== 'medired:') await deleteRedisKeys(config.redisUrl, config.redisPrefix);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
