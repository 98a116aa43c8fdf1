import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { type BenchStore, pgliteStore, postgresStore, withStore } from './databases.js';
import { failureShare, runLoad, type LoadResult, type RequestTemplate } from './load.js';
import { measureDelivery, measureFanOut, percentile } from './probes.js';
import { fmt, Report } from './report.js';
import { seedOlderPosts, seedWorld, type SeedSize } from './seed.js';
import { startServerProcess, type ServerProcess } from '../src/testing/server-process.js';
import { describeWorld, type WorldFacts } from './world.js';

/**
 * `npm run bench`: for PGlite and for PostgreSQL+Redis, seeds a synthetic network (bench/seed.ts),
 * runs the real server (`src/main.ts`) in a child process and measures it over HTTP with
 * concurrent keep-alive clients in a worker thread (bench/load.ts). Every figure of issue 7 is a
 * ratio measured in the same run, printed at the end as one table with its target
 * (also written to BENCH_OUTPUT, bench/last-run.md by default).
 *
 * Knobs (environment): BENCH_ACCOUNTS, BENCH_POSTS, BENCH_FIRST_POSTS (posts present for the first
 * home measurement; default a tenth), BENCH_FOLLOWS (average follows of an account),
 * BENCH_TOP_FOLLOWERS (followers of the big author), BENCH_HEAVY_READERS (follow counts of the
 * heavy readers), BENCH_READERS (typical readers), BENCH_SECONDS (per measurement),
 * BENCH_CONCURRENCY, BENCH_MAX_REQUESTS (per measurement), BENCH_WRITE_RATE and
 * BENCH_DELIVERY_SECONDS (background writer during the delivery probes), BENCH_DRIFT_MINUTES
 * (long mixed load; 0 skips it), BENCH_DATABASES (pglite,postgres), BENCH_POSTGRES_URL (server
 * to create the throw-away database on), BENCH_REDIS_URL, BENCH_OUTPUT.
 */
const knobs = z
  .object({
    BENCH_ACCOUNTS: z.coerce.number().int().min(100).default(60_000),
    BENCH_POSTS: z.coerce.number().int().min(1_000).default(1_000_000),
    BENCH_FIRST_POSTS: z.coerce.number().int().min(100).optional(),
    BENCH_FOLLOWS: z.coerce.number().int().min(2).default(40),
    BENCH_TOP_FOLLOWERS: z.coerce.number().int().min(1).default(50_000),
    BENCH_HEAVY_READERS: z
      .string()
      .default('3000,3000,3000,1000,1000,1000')
      .transform((s) => s.split(',').map((x) => Number(x.trim())))
      .pipe(z.array(z.number().int().min(1)).min(1)),
    BENCH_READERS: z.coerce.number().int().min(10).default(500),
    BENCH_SECONDS: z.coerce.number().min(1).max(600).default(15),
    BENCH_CONCURRENCY: z.coerce.number().int().min(1).max(1024).default(50),
    BENCH_MAX_REQUESTS: z.coerce.number().int().min(10).default(1_000_000),
    BENCH_WRITE_RATE: z.coerce.number().min(1).default(50),
    BENCH_DELIVERY_SECONDS: z.coerce.number().min(2).default(30),
    BENCH_DRIFT_MINUTES: z.coerce.number().int().min(0).default(10),
    BENCH_DATABASES: z
      .string()
      .default('pglite,postgres')
      .transform((s) => s.split(',').map((x) => x.trim()))
      .pipe(z.array(z.enum(['pglite', 'postgres'])).min(1)),
    BENCH_POSTGRES_URL: z.string().regex(/^postgres(ql)?:\/\//).default('postgres://postgres@127.0.0.1:5432/postgres'),
    BENCH_REDIS_URL: z.string().regex(/^rediss?:\/\//).default('redis://127.0.0.1:6379'),
    BENCH_OUTPUT: z.string().default('bench/last-run.md'),
  })
  .parse(process.env);

const size: SeedSize = {
  accounts: knobs.BENCH_ACCOUNTS,
  posts: knobs.BENCH_POSTS,
  firstPosts: Math.min(knobs.BENCH_POSTS, knobs.BENCH_FIRST_POSTS ?? Math.ceil(knobs.BENCH_POSTS / 10)),
  follows: knobs.BENCH_FOLLOWS,
  topFollowers: Math.min(knobs.BENCH_TOP_FOLLOWERS, knobs.BENCH_ACCOUNTS - 1),
  heavyReaders: knobs.BENCH_HEAVY_READERS.map((n) => Math.min(n, knobs.BENCH_ACCOUNTS - 10)),
  readers: knobs.BENCH_READERS,
};

const log = (line: string) => console.log(line);
const report = new Report();
const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`;
const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const token = (id: string) => `bench-token-${id}`;
const SERVER_ENV = { NODE_ENV: 'production', SEED_DEMO: 'false', RATE_LIMIT_FACTOR: '0', LOG_LEVEL: 'error' };
const NO_DATABASE_ROUTE = '/api/v1/custom_emojis';

function line(label: string, r: LoadResult): string {
  const failures = Object.entries(r.statuses).filter(([code]) => !code.startsWith('2'));
  const failed = failures.length ? `  non-2xx: ${failures.map(([c, n]) => `${c}×${n}`).join(', ')}` : '';
  return `  ${label.padEnd(52)} ${fmt(r.perSecond, 1).padStart(9)} req/s   p50 ${fmt(r.p50, 1).padStart(7)} ms   p99 ${fmt(r.p99, 1).padStart(7)} ms   (${fmt(r.ok)} ok in ${fmt(r.seconds, 1)} s)${failed}`;
}

const latency = (r: LoadResult) => `p50 ${fmt(r.p50, 1)} ms, p99 ${fmt(r.p99, 1)} ms`;
/** A ratio only counts when the measured route answered (almost) only 2xx. */
const healthy = (...rs: LoadResult[]) => rs.every((r) => r.ok > 0 && failureShare(r) <= 0.01);
const errorNote = (...rs: LoadResult[]) => (healthy(...rs) ? '' : ' (non-2xx answers)');

/** Measures one list of requests (or several side by side) against `server`. */
function measure(server: { baseUrl: string }, groups: RequestTemplate[][], options: { seconds?: number; maxRequests?: number; concurrency?: number } = {}): Promise<LoadResult[]> {
  return runLoad({
    baseUrl: server.baseUrl,
    groups,
    concurrency: options.concurrency ?? knobs.BENCH_CONCURRENCY,
    seconds: options.seconds ?? knobs.BENCH_SECONDS,
    maxRequests: options.maxRequests ?? knobs.BENCH_MAX_REQUESTS,
  });
}

async function measureOne(server: ServerProcess, label: string, requests: RequestTemplate[]): Promise<LoadResult> {
  const [r] = await measure(server, [requests]);
  log(line(label, r!));
  return r!;
}

/** Each request once, at full concurrency: fills whatever the server builds on first read. */
async function warmUp(server: ServerProcess, requests: RequestTemplate[], rounds = 1): Promise<void> {
  const started = performance.now();
  await measure(server, [requests], { seconds: 300, maxRequests: requests.length * rounds });
  log(`  warm-up: ${fmt(requests.length * rounds)} requests in ${fmt((performance.now() - started) / 1000, 1)} s`);
}

const homeOf = (ids: string[]): RequestTemplate[] => ids.map((id) => ({ method: 'GET', path: '/api/v1/timelines/home?limit=20', token: token(id) }));

function startMedired(store: BenchStore): Promise<ServerProcess> {
  return startServerProcess(path.resolve('src/main.ts'), { ...SERVER_ENV, ...store.serverEnv }, NO_DATABASE_ROUTE);
}

function logWorld(w: WorldFacts): void {
  log(
    `  world: ${fmt(size.accounts)} accounts, ${fmt(w.statuses)} statuses, ${fmt(w.follows)} follows; five most followed: ${w.topFollowers.map((n) => fmt(n)).join(', ')}; ` +
      `${fmt(w.accountsOver1000)} accounts have 1,000+ followers, median ${fmt(w.medianFollowers)}; ${w.readers.length} typical readers follow a median ${fmt(w.medianReaderFollowing)}; ` +
      `heavy readers follow ${w.heavyReaders.map((h) => fmt(h.following)).join(', ')}`,
  );
}

async function benchStore(store: BenchStore): Promise<void> {
  const S = store.label;
  const add = (name: string, value: string, target: string, pass: boolean | null) => report.add({ store: S, name, value, target, pass });
  log(`\n=== ${S} ===`);
  let server: ServerProcess | null = null;
  try {
    // Phase one: the newest tenth of the posts; home measured with the same readers as later.
    log(`seeding ${fmt(size.accounts)} accounts and the newest ${fmt(size.firstPosts)} of ${fmt(size.posts)} posts:`);
    let t0 = performance.now();
    const first = await withStore(store, async (handle) => {
      await seedWorld(handle, size, log);
      return describeWorld(handle.db, size);
    });
    const seedFirst = (performance.now() - t0) / 1000;
    logWorld(first);
    const readers = first.readers;
    server = await startMedired(store);
    log(`server pid ${server.pid} at ${server.baseUrl}, RSS ${mb(server.rss())}; load average ${load()}`);
    await warmUp(server, homeOf(readers), 2);
    const homeFirst = await measureOne(server, `home, ${fmt(size.firstPosts)} posts, ${readers.length} readers`, homeOf(readers));
    await server.stop();
    server = null;

    // Phase two: the older posts, then everything else at full size.
    log(`seeding the older ${fmt(size.posts - size.firstPosts)} posts:`);
    t0 = performance.now();
    const world = await withStore(store, async (handle) => {
      await seedOlderPosts(handle, size, log);
      return describeWorld(handle.db, size);
    });
    const seedSeconds = seedFirst + (performance.now() - t0) / 1000;
    logWorld(world);
    add('seeding time', `${fmt(seedSeconds, 1)} s (${fmt(world.statuses)} statuses, ${fmt(world.follows)} follows)`, 'minutes', null);

    server = await startMedired(store);
    const contentType = (await fetch(server.baseUrl + NO_DATABASE_ROUTE)).headers.get('content-type') ?? 'application/json';
    const plainServer = await startServerProcess(path.resolve('bench/plain-server.ts'), { BENCH_PLAIN_CONTENT_TYPE: contentType }, '/');
    const rssIdle = server.rss();
    log(`server pid ${server.pid} at ${server.baseUrl}, idle RSS ${mb(rssIdle)}; ${knobs.BENCH_CONCURRENCY} connections, ${knobs.BENCH_SECONDS} s per measurement; load average ${load()}`);

    await measure(plainServer, [[{ method: 'GET', path: '/' }]], { seconds: 2 });
    const [plainResult] = await measure(plainServer, [[{ method: 'GET', path: '/' }]]);
    log(line('plain node:http answering []', plainResult!));
    await plainServer.stop();
    await measure(server, [[{ method: 'GET', path: NO_DATABASE_ROUTE }]], { seconds: 2 });
    const ceiling = await measureOne(server, `no-database route: GET ${NO_DATABASE_ROUTE}`, [{ method: 'GET', path: NO_DATABASE_ROUTE }]);
    add('no-database route', `${fmt(ceiling.perSecond)} req/s (${latency(ceiling)})`, '—', null);
    add('plain node:http / no-database route', `${fmt(plainResult!.perSecond)} / ${fmt(ceiling.perSecond)} = ${fmt(ratio(plainResult!.perSecond, ceiling.perSecond), 2)}×`, '≤ 2×', ratio(plainResult!.perSecond, ceiling.perSecond) <= 2);

    // Requests of every measured route, warmed up once each before measuring.
    const heavy3000 = world.heavyReaders.filter((h) => h.following >= 2000).map((h) => h.id);
    const heavy1000 = world.heavyReaders.filter((h) => h.following < 2000).map((h) => h.id);
    const pick = <T>(items: T[], k: number) => items[k % items.length]!;
    const routes: { name: string; requests: RequestTemplate[]; target: number }[] = [
      { name: 'public timeline (local)', target: 0.25, requests: readers.map((id) => ({ method: 'GET', path: '/api/v1/timelines/public?local=true&limit=20', token: token(id) })) },
      { name: `tag timeline #${world.tag}`, target: 0.25, requests: readers.map((id) => ({ method: 'GET', path: `/api/v1/timelines/tag/${world.tag}?limit=20`, token: token(id) })) },
      { name: 'account statuses', target: 0.25, requests: readers.map((id, k) => ({ method: 'GET', path: `/api/v1/accounts/${pick(world.prolificAuthors, k)}/statuses?limit=20`, token: token(id) })) },
      { name: 'notifications', target: 0.25, requests: readers.map((id) => ({ method: 'GET', path: '/api/v1/notifications?limit=20', token: token(id) })) },
      { name: `status context (${world.threadStatusId})`, target: 0.25, requests: readers.map((id) => ({ method: 'GET', path: `/api/v1/statuses/${world.threadStatusId}/context`, token: token(id) })) },
      { name: 'web home page / (signed in)', target: 0.15, requests: readers.map((id) => ({ method: 'GET', path: '/', cookie: `medired_session=bench-session-${id}` })) },
      { name: 'web profile page /@username (anonymous)', target: 0.15, requests: world.prolificAuthors.map((id) => ({ method: 'GET', path: `/@bench${id}` })) },
      { name: 'GET /api/v1/instance', target: 0.5, requests: [{ method: 'GET', path: '/api/v1/instance' }] },
    ];
    await sanityChecks(server, readers[0]!);
    log('warm-up:');
    await warmUp(server, homeOf([...readers, ...world.heavyReaders.map((h) => h.id)]), 2);
    for (const r of routes) await warmUp(server, r.requests);

    const home = await measureOne(server, `home, ${fmt(world.statuses)} posts, ${readers.length} readers`, homeOf(readers));
    const homeRatio = ratio(home.perSecond, ceiling.perSecond);
    const homeTarget = store.kind === 'pglite' ? 0.25 : 0.4;
    add(`home / no-database route (${knobs.BENCH_CONCURRENCY} conns)`, `${fmt(home.perSecond)} / ${fmt(ceiling.perSecond)} = ${fmt(homeRatio, 3)}${errorNote(home)}`, `≥ ${homeTarget}`, healthy(home) && homeRatio >= homeTarget);
    add('home latency', latency(home), 'p99 < 50 ms', healthy(home) && home.p99 < 50);
    const growth = ratio(homeFirst.perSecond, home.perSecond);
    add(`home req/s at ${fmt(size.firstPosts)} / at ${fmt(world.statuses)} posts`, `${fmt(homeFirst.perSecond)} / ${fmt(home.perSecond)} = ${fmt(growth, 2)}${errorNote(homeFirst, home)}`, '≤ 1.2', healthy(homeFirst, home) && growth <= 1.2);
    for (const [group, label] of [
      [heavy3000, 'heavy reader'],
      [heavy1000, 'reader'],
    ] as const) {
      if (!group.length) continue;
      const following = world.heavyReaders.find((h) => h.id === group[0])!.following;
      const r = await measureOne(server, `home of ${group.length} ${label}s following ~${fmt(following)}`, homeOf(group));
      const cost = ratio(home.perSecond, r.perSecond);
      add(
        `home cost, reader following ~${fmt(following)} / typical (~${fmt(world.medianReaderFollowing)})`,
        `${fmt(r.perSecond)} vs ${fmt(home.perSecond)} req/s = ${fmt(cost, 2)}× (p50 ${fmt(r.p50, 1)} vs ${fmt(home.p50, 1)} ms)${errorNote(r)}`,
        following >= 2000 ? '≤ 2×' : '—',
        following >= 2000 ? healthy(r) && cost <= 2 : null,
      );
    }
    for (const route of routes) {
      const r = await measureOne(server, route.name, route.requests);
      const value = ratio(r.perSecond, ceiling.perSecond);
      add(`${route.name} / no-database route`, `${fmt(r.perSecond)} req/s = ${fmt(value, 3)} (${latency(r)})${errorNote(r)}`, `≥ ${route.target}`, healthy(r) && value >= route.target);
    }

    await measurePosting(server, world, add);
    await measureFanOutAndDelivery(server, world, readers, add);

    const rssAfter = server.rss();
    add('server RSS idle → after load', `${mb(rssIdle)} → ${mb(rssAfter)}`, '—', null);
    log(`  server RSS after load ${mb(rssAfter)}; load average ${load()}`);
    await measureDrift(server, world, readers, add);
  } finally {
    if (server) await server.stop();
    log(`  cleanup: ${await store.cleanup()}`);
  }
}

/** Warns when a route does not answer as a measurement assumes (so a ratio would mean nothing). */
async function sanityChecks(server: ServerProcess, readerId: string): Promise<void> {
  const home = await fetch(`${server.baseUrl}/api/v1/timelines/home?limit=20`, { headers: { authorization: `Bearer ${token(readerId)}` } });
  const page = (await home.json()) as unknown[];
  if (!home.ok || !Array.isArray(page) || page.length === 0) log(`  WARNING: home of reader ${readerId} answered ${home.status} with ${Array.isArray(page) ? page.length : 'no'} statuses`);
  const signedIn = await (await fetch(`${server.baseUrl}/`, { headers: { cookie: `medired_session=bench-session-${readerId}` } })).text();
  const anonymous = await (await fetch(`${server.baseUrl}/`)).text();
  if (signedIn === anonymous || !signedIn.includes(`bench${readerId}`)) log('  WARNING: the web home page with the bench session cookie does not look signed in');
}

type Add = (name: string, value: string, target: string, pass: boolean | null) => void;

/** Posts by the big author and by a small one, side by side in the same window. */
async function measurePosting(server: ServerProcess, world: WorldFacts, add: Add): Promise<void> {
  const salt = randomBytes(3).toString('hex');
  const post = (id: string): RequestTemplate[] => [
    { method: 'POST', path: '/api/v1/statuses', token: token(id), body: JSON.stringify({ status: `Consejo ${salt} número {n}: bebe agua y camina cada día #salud`, visibility: 'public' }) },
  ];
  const { bigAuthor: big, smallAuthor: small } = world;
  const [top, low] = await measure(server, [post(big.id), post(small.id)]);
  log(line(`post by @bench${big.id} (${fmt(big.followers)} followers)`, top!));
  log(line(`post by @bench${small.id} (${fmt(small.followers)} followers)`, low!));
  const p99 = ratio(top!.p99, low!.p99);
  add(
    `POST /statuses p99, ${fmt(big.followers)} / ${fmt(small.followers)} followers`,
    `${fmt(top!.p99, 1)} / ${fmt(low!.p99, 1)} ms = ${fmt(p99, 2)}× (${fmt(top!.perSecond + low!.perSecond, 1)} posts/s in all)${errorNote(top!, low!)}`,
    '≤ 1.2×',
    healthy(top!, low!) && p99 <= 1.2,
  );
}

async function measureFanOutAndDelivery(server: ServerProcess, world: WorldFacts, readers: string[], add: Add): Promise<void> {
  const fanOut = await measureFanOut(server.baseUrl, world.fanOutAuthors);
  const authors = world.fanOutAuthors.map((a) => fmt(a.followers)).join(' + ');
  const reached = fanOut.seconds === null ? `${fanOut.missed} of ${fanOut.sampled} sampled followers never saw it` : `all ${fanOut.sampled} sampled followers saw it after ${fmt(fanOut.seconds, 2)} s`;
  log(`  fan-out burst: ${world.fanOutAuthors.length} posts by authors with ${authors} followers; ${reached}`);
  add(
    'fan-out: followers reached / s after a burst',
    fanOut.entriesPerSecond === null ? `not reached (${reached})` : `${fmt(fanOut.entriesPerSecond)} entries/s (${fmt(fanOut.entries)} followers in ${fmt(fanOut.seconds!, 2)} s; upper bound set by polling)`,
    '—',
    fanOut.entriesPerSecond === null ? false : null,
  );

  // A background writer at BENCH_WRITE_RATE posts/s by varied authors while probes post and poll.
  const salt = randomBytes(3).toString('hex');
  const writers: RequestTemplate[] = readers.map((id) => ({
    method: 'POST',
    path: '/api/v1/statuses',
    token: token(id),
    body: JSON.stringify({ status: `Escritura de fondo ${salt} {n}: duerme ocho horas`, visibility: 'public' }),
  }));
  const [[written], delivery] = await Promise.all([
    runLoad({ baseUrl: server.baseUrl, groups: [writers], concurrency: 32, seconds: knobs.BENCH_DELIVERY_SECONDS, maxRequests: knobs.BENCH_MAX_REQUESTS, ratePerSecond: knobs.BENCH_WRITE_RATE }),
    measureDelivery(server.baseUrl, world.probeAuthors, knobs.BENCH_DELIVERY_SECONDS),
  ]);
  log(line(`background writer at ${knobs.BENCH_WRITE_RATE} posts/s`, written!));
  // Requests started on schedule over the window (perSecond also counts the last answers' tail).
  const writeRate = written!.ok / knobs.BENCH_DELIVERY_SECONDS;
  const delays = [...delivery.delays, ...Array<number>(delivery.missed).fill(Number.POSITIVE_INFINITY)];
  const p50 = percentile(delays, 0.5);
  const p99 = percentile(delays, 0.99);
  const show = (ms: number) => (Number.isFinite(ms) ? `${fmt(ms, 0)} ms` : 'never (30 s timeout)');
  log(`  delivery: ${delivery.probes} probes, ${delays.length} follower polls, ${delivery.missed} missed; p50 ${show(p50)}, p99 ${show(p99)}`);
  add(
    `post → followers' home while writing ${fmt(writeRate, 1)} posts/s`,
    `p50 ${show(p50)}, p99 ${show(p99)} (${delays.length} polls${delivery.missed ? `, ${delivery.missed} missed` : ''})${errorNote(written!)}`,
    'p99 ≤ 5 s',
    healthy(written!) && p99 <= 5000 && writeRate >= knobs.BENCH_WRITE_RATE * 0.9,
  );
}

/** A long mixed load, minute by minute; drift compares the last minute with the first after warm-up. */
async function measureDrift(server: ServerProcess, world: WorldFacts, readers: string[], add: Add): Promise<void> {
  const minutes = knobs.BENCH_DRIFT_MINUTES;
  if (minutes === 0) {
    add('drift over a long mixed load', 'skipped (BENCH_DRIFT_MINUTES=0)', '< 10%', null);
    return;
  }
  const mixed: RequestTemplate[] = readers.flatMap((id, k): RequestTemplate[] => [
    ...homeOf([id, id, id, id]),
    { method: 'GET', path: '/api/v1/timelines/public?local=true&limit=20', token: token(id) },
    { method: 'GET', path: '/api/v1/notifications?limit=20', token: token(id) },
    { method: 'GET', path: `/api/v1/accounts/${world.prolificAuthors[k % world.prolificAuthors.length]}/statuses?limit=20`, token: token(id) },
    ...(k % 4 === 0 ? [{ method: 'POST' as const, path: '/api/v1/statuses', token: token(id), body: JSON.stringify({ status: `Carga mixta {n}: lávate las manos`, visibility: 'public' }) }] : []),
  ]);
  const perMinute: { rate: number; rss: number }[] = [];
  for (let m = 1; m <= minutes; m++) {
    const [r] = await measure(server, [mixed], { seconds: 60 });
    perMinute.push({ rate: r!.perSecond, rss: server.rss() });
    log(`  drift minute ${m}: ${fmt(r!.perSecond, 1)} req/s (p99 ${fmt(r!.p99, 1)} ms), RSS ${mb(server.rss())}; load average ${load()}${errorNote(r!)}`);
  }
  if (perMinute.length < 3) {
    add('drift over a long mixed load', `${minutes} min: too short to compare (needs 3: warm-up, first, last)`, '< 10%', null);
    return;
  }
  const base = perMinute[1]!;
  const last = perMinute.at(-1)!;
  const rateDrift = (last.rate - base.rate) / base.rate;
  const rssDrift = (last.rss - base.rss) / base.rss;
  add(
    `drift over ${minutes} min of mixed load (minute 2 → ${minutes})`,
    `req/s ${fmt(base.rate)} → ${fmt(last.rate)} (${fmt(rateDrift * 100, 1)}%), RSS ${mb(base.rss)} → ${mb(last.rss)} (${fmt(rssDrift * 100, 1)}%)`,
    '< 10%',
    Math.abs(rateDrift) < 0.1 && Math.abs(rssDrift) < 0.1,
  );
}

const settings =
  `Settings: ${fmt(size.accounts)} accounts, ${fmt(size.posts)} posts (${fmt(size.firstPosts)} for the first home measurement), ` +
  `~${size.follows} follows per account, big author ${fmt(size.topFollowers)} followers, heavy readers ${size.heavyReaders.join(', ')}, ` +
  `${knobs.BENCH_CONCURRENCY} connections, ${knobs.BENCH_SECONDS} s per measurement, writer ${knobs.BENCH_WRITE_RATE} posts/s for ${knobs.BENCH_DELIVERY_SECONDS} s, drift ${knobs.BENCH_DRIFT_MINUTES} min.`;
log(`Medired bench — ${new Date().toISOString()}, Node ${process.version}`);
log(settings);
for (const kind of knobs.BENCH_DATABASES) {
  const store = kind === 'pglite' ? pgliteStore() : await postgresStore(knobs.BENCH_POSTGRES_URL, knobs.BENCH_REDIS_URL);
  try {
    await benchStore(store);
  } catch (err) {
    log(`\n${store.label} bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    report.add({ store: store.label, name: 'bench run', value: 'failed (see output)', target: '—', pass: false });
  }
}
log(`\n${report.write(knobs.BENCH_OUTPUT, settings)}`);
log(`(written to ${knobs.BENCH_OUTPUT})`);
