import { serve } from '@hono/node-server';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { z } from 'zod';
import { viewerFromAccessToken } from '../src/auth/viewer.js';
import { buildAppContext } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { createApp } from '../src/app.js';
import { loadStatuses } from '../src/posts/status-views.js';
import { homeTimelineIds, homeTimelineQuery } from '../src/timelines/timelines.repository.js';
import { idRange } from '../src/timelines/timeline-page.js';
import { runLoad, type LoadResult, type RequestTemplate } from './load.js';
import { seedNetwork, type SeedReport } from './seed.js';

/**
 * `npm run bench`: for PGlite and for PostgreSQL, seeds a synthetic network (bench/seed.ts), starts
 * the real HTTP server on a free localhost port and measures it with concurrent HTTP clients
 * (bench/load.ts): the trivial-route ceiling, home-timeline page reads and posting by the most
 * followed account and by a small one. The headline is home-timeline reads / ceiling.
 *
 * Knobs (environment): BENCH_ACCOUNTS, BENCH_POSTS, BENCH_SECONDS (per measurement),
 * BENCH_CONCURRENCY, BENCH_MAX_REQUESTS (per measurement), BENCH_DATABASES (pglite,postgres),
 * BENCH_POSTGRES_URL (server to create the throw-away database on).
 */
const knobs = z
  .object({
    BENCH_ACCOUNTS: z.coerce.number().int().min(100).default(25_000),
    BENCH_POSTS: z.coerce.number().int().min(1_000).default(1_000_000),
    BENCH_SECONDS: z.coerce.number().min(1).max(600).default(15),
    BENCH_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(32),
    BENCH_MAX_REQUESTS: z.coerce.number().int().min(10).default(200_000),
    BENCH_DATABASES: z
      .string()
      .default('pglite,postgres')
      .transform((s) => s.split(',').map((x) => x.trim()))
      .pipe(z.array(z.enum(['pglite', 'postgres'])).min(1)),
    BENCH_POSTGRES_URL: z.string().regex(/^postgres(ql)?:\/\//).default('postgres://postgres@127.0.0.1:5432/postgres'),
  })
  .parse(process.env);

const log = (line: string) => console.log(line);
const fmt = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });

interface DatabaseTarget {
  kind: 'pglite' | 'postgres';
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

async function pgliteTarget(): Promise<DatabaseTarget> {
  const dir = path.resolve('bench/data', `pglite-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return {
    kind: 'pglite',
    env: { DATA_DIR: dir },
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresTarget(): Promise<DatabaseTarget> {
  const name = `medired_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: knobs.BENCH_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(knobs.BENCH_POSTGRES_URL);
  url.pathname = `/${name}`;
  const dir = path.resolve('bench/data', `postgres-media-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return {
    kind: 'postgres',
    env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
    async cleanup() {
      const dropper = new pg.Client({ connectionString: knobs.BENCH_POSTGRES_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function line(label: string, r: LoadResult): string {
  const failures = Object.entries(r.statuses).filter(([code]) => !code.startsWith('2'));
  const failed = failures.length ? `  non-2xx: ${failures.map(([c, n]) => `${c}×${n}`).join(', ')}` : '';
  return `  ${label.padEnd(44)} ${fmt(r.perSecond, 1).padStart(9)} req/s   p50 ${fmt(r.p50, 1).padStart(7)} ms   p99 ${fmt(r.p99, 1).padStart(7)} ms   (${fmt(r.ok)} ok in ${fmt(r.seconds, 1)} s)${failed}`;
}

async function benchDatabase(target: DatabaseTarget): Promise<void> {
  log(`\n=== ${target.kind} ===`);
  const config = loadConfig({
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    SEED_DEMO: 'false',
    RATE_LIMIT_FACTOR: '0',
    LOG_LEVEL: 'error',
    PUBLIC_URL: 'http://127.0.0.1',
    ...target.env,
  });
  const app = await buildAppContext(config);
  let server: ReturnType<typeof serve> | null = null;
  try {
    log(`seeding ${fmt(knobs.BENCH_ACCOUNTS)} accounts and ${fmt(knobs.BENCH_POSTS)} posts:`);
    const seed: SeedReport = await seedNetwork(app.database, { accounts: knobs.BENCH_ACCOUNTS, posts: knobs.BENCH_POSTS }, log);
    log(
      `seeded in ${fmt(seed.seconds, 1)} s: ${fmt(seed.statuses)} statuses, ${fmt(seed.follows)} follows; ` +
        `most followed account ${seed.topAccountId} has ${fmt(seed.maxFollowers)} followers, median ${fmt(seed.medianFollowers)}; ` +
        `top five: ${seed.topFollowers.map((n) => fmt(n)).join(', ')}; ${fmt(seed.accountsOver1000)} accounts have 1,000+ followers`,
    );

    const readerIds = Array.from({ length: 500 }, (_, i) => String(1 + Math.floor(((i * 7919) % knobs.BENCH_ACCOUNTS))));
    await explainHome(app, readerIds[1]!);
    await timeHomeParts(app, readerIds.slice(0, 100));

    const hono = createApp(app);
    const address = await new Promise<AddressInfo>((resolve) => {
      server = serve({ fetch: hono.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(info));
    });
    const baseUrl = `http://127.0.0.1:${address.port}`;
    const job = (groups: RequestTemplate[][], seconds = knobs.BENCH_SECONDS) => ({
      baseUrl,
      groups,
      concurrency: knobs.BENCH_CONCURRENCY,
      seconds,
      maxRequests: knobs.BENCH_MAX_REQUESTS,
    });
    const token = (id: string) => `bench-token-${id}`;
    const homeRequests: RequestTemplate[] = readerIds.map((id) => ({ method: 'GET', path: '/api/v1/timelines/home?limit=20', token: token(id) }));
    const post = (id: string): RequestTemplate[] => [
      { method: 'POST', path: '/api/v1/statuses', token: token(id), body: JSON.stringify({ status: 'Consejo de salud número {n}: bebe agua y camina cada día #salud', visibility: 'public' }) },
    ];
    const [top, small] = await app.db
      .selectFrom('accounts')
      .select(['id', 'followers_count'])
      .where('id', 'in', [seed.topAccountId, seed.smallAccountId])
      .orderBy('followers_count', 'desc')
      .execute();

    log(`machine: ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} (other processes share them)`);
    log(`load: ${knobs.BENCH_CONCURRENCY} concurrent clients, ${knobs.BENCH_SECONDS} s or ${fmt(knobs.BENCH_MAX_REQUESTS)} requests per measurement`);
    await runLoad(job([[{ method: 'GET', path: '/api/v1/custom_emojis' }, ...homeRequests.slice(0, 50)]], 2)); // warm-up
    const [ceiling] = await runLoad(job([[{ method: 'GET', path: '/api/v1/custom_emojis' }]]));
    log(line('ceiling: GET /api/v1/custom_emojis', ceiling!));
    const [authed] = await runLoad(job([readerIds.map((id) => ({ method: 'GET', path: '/api/v1/accounts/verify_credentials', token: token(id) }))]));
    log(line('authenticated: GET verify_credentials', authed!));
    const [home] = await runLoad(job([homeRequests]));
    log(line('home timeline: GET /api/v1/timelines/home', home!));
    // Both authors post side by side in the same window (half the clients each), so the machine's
    // load at that moment affects them alike.
    const [postTop, postSmall] = await runLoad(job([post(top!.id), post(small!.id)]));
    log(line(`post by @bench${top!.id} (${fmt(top!.followers_count)} followers)`, postTop!));
    log(line(`post by @bench${small!.id} (${fmt(small!.followers_count)} followers)`, postSmall!));
    log(`  posts per second, all clients: ${fmt(postTop!.perSecond + postSmall!.perSecond, 1)}; small / most-followed account: ${fmt(postSmall!.perSecond / Math.max(postTop!.perSecond, 0.001), 2)}`);
    log(`  load average after the run: ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
    log(`  HEADLINE ${target.kind}: home-timeline reads / ceiling = ${fmt(home!.perSecond, 1)} / ${fmt(ceiling!.perSecond, 1)} = ${fmt(home!.perSecond / ceiling!.perSecond, 3)}`);
  } finally {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    await app.close();
    await target.cleanup();
  }
}

/** Prints the plan of one home-timeline page (it must probe statuses_account_idx per followed account). */
async function explainHome(app: Awaited<ReturnType<typeof buildAppContext>>, readerId: string): Promise<void> {
  const viewer = await viewerFromAccessToken(app.db, `bench-token-${readerId}`);
  if (!viewer) throw new Error('bench token not found');
  const following = await app.db.selectFrom('accounts').select('following_count').where('id', '=', readerId).executeTakeFirstOrThrow();
  const compiled = homeTimelineQuery(app.db, viewer, idRange({ limit: 20 })).compile();
  const result = await sql<{ 'QUERY PLAN': string }>`EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY ON) ${sql.raw(inline(compiled.sql, compiled.parameters))}`.execute(app.db);
  const plan = result.rows.map((r) => r['QUERY PLAN']);
  const usesIndex = plan.some((l) => l.includes('statuses_account_idx'));
  log(`home timeline plan for @bench${readerId} (follows ${following.following_count}): ${usesIndex ? 'uses statuses_account_idx' : 'DOES NOT use statuses_account_idx'}`);
  for (const l of plan) log(`    ${l}`);
}

/** Sequential, in-process: how a home page's time splits between selecting ids and hydrating them. */
async function timeHomeParts(app: Awaited<ReturnType<typeof buildAppContext>>, readerIds: string[]): Promise<void> {
  let select = 0;
  let hydrate = 0;
  let statuses = 0;
  for (const id of readerIds) {
    const viewer = (await viewerFromAccessToken(app.db, `bench-token-${id}`))!;
    const t0 = performance.now();
    const ids = await homeTimelineIds(app.db, viewer, idRange({ limit: 20 }));
    const t1 = performance.now();
    statuses += (await loadStatuses(app, ids, viewer)).length;
    hydrate += performance.now() - t1;
    select += t1 - t0;
  }
  const n = readerIds.length;
  log(`home page, sequential in-process over ${n} readers: select ids ${fmt(select / n, 2)} ms, hydrate ${fmt(hydrate / n, 2)} ms, ${fmt(statuses / n, 1)} statuses per page`);
}

/** Inlines bind parameters for EXPLAIN (values come from our own code: ids and dates). */
function inline(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, i: string) => {
    const v = parameters[Number(i) - 1];
    if (v instanceof Date) return `'${v.toISOString()}'::timestamptz`;
    if (typeof v === 'number') return String(v);
    return `'${String(v).replace(/'/g, "''")}'`;
  });
}

log(`Medired bench — ${new Date().toISOString()}, Node ${process.version}`);
for (const kind of knobs.BENCH_DATABASES) {
  const target = kind === 'pglite' ? await pgliteTarget() : await postgresTarget();
  await benchDatabase(target);
}
