import type { DatabaseHandle, ScriptRunner } from '../src/db/connect.js';
import {
  arrayLiteral,
  CITIES_SQL,
  CITY_COUNT,
  DROP_FRACTION_FUNCTIONS,
  FRACTION_FUNCTION,
  SPECIALTIES_SQL,
  SPECIALTY_COUNT,
  statusesChunk,
  TAGS,
} from './seed-statuses.js';

/**
 * Seeds a synthetic health network with a few big set-based statements (INSERT ... SELECT
 * generate_series), never row by row, in two phases so that home timelines can be measured at a
 * tenth of the posts and again at all of them:
 *
 * - `seedWorld`: `accounts` accounts (ids 1..n), each with a user and a bearer token
 *   `bench-token-<id>`; typical readers also get a web session (cookie `bench-session-<id>`) and
 *   30 notifications. Follows: account 1 is followed by accounts 2..`topFollowers`+1 (the big
 *   author); every other account follows `follows`/2..3·`follows`/2 others drawn as
 *   2 + floor((n-1) · random()³), so a few accounts get tens of thousands of followers and most a
 *   few dozen; the heavy readers (the highest ids) follow exactly `heavyReaders[i]` accounts
 *   spread over the whole network. Then the NEWEST `firstPosts` statuses (ids p-firstPosts+1..p).
 * - `seedOlderPosts`: the remaining, OLDER statuses (ids 1..p-firstPosts). Adding history below
 *   the newest posts leaves every home page as it was, so a server that builds feeds on first
 *   read is not left with stale feeds between the two measurements.
 *
 * Foreign-key triggers are skipped during the load (`session_replication_role = replica`): every
 * reference is generated valid by construction. Counters and statistics are refreshed after each
 * phase.
 */
export interface SeedSize {
  accounts: number;
  posts: number;
  /** Posts seeded by `seedWorld` (the newest); the rest come from `seedOlderPosts`. */
  firstPosts: number;
  /** Average number of accounts a typical account follows. */
  follows: number;
  /** Followers of the big author, account 1. */
  topFollowers: number;
  /** How many accounts each heavy reader follows (one heavy reader per entry). */
  heavyReaders: number[];
  /** How many typical readers get sessions and notifications (see `typicalReaderIds`). */
  readers: number;
}

/** The heavy readers are the highest account ids, one per entry of `heavyReaders`. */
export function heavyReaderIds(size: SeedSize): string[] {
  return size.heavyReaders.map((_, i) => String(size.accounts - i));
}

/** Typical readers: accounts spread over the id range, neither the big author nor a heavy reader. */
export function typicalReaderIds(size: SeedSize): string[] {
  const span = size.accounts - size.heavyReaders.length - 1;
  const ids = new Set<string>();
  for (let i = 1; ids.size < Math.min(size.readers, span); i++) ids.add(String(2 + ((i * 7919) % span)));
  return [...ids];
}

async function timed<T>(label: string, fn: () => Promise<T>, log: (line: string) => void): Promise<T> {
  const started = performance.now();
  const result = await fn();
  log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

const idList = (ids: string[]) => `ARRAY[${ids.join(',')}]::bigint[]`;

function accountsScript(n: number, readers: string[]): string {
  return `
INSERT INTO accounts (id, username, display_name, kind, profession, specialty, city, country)
OVERRIDING SYSTEM VALUE
SELECT i, 'bench' || i,
  (${arrayLiteral(['Dra. Ana', 'Dr. Luis', 'María', 'José', 'Lucía', 'Carmen', 'Pablo', 'Elena'])})[1 + i % 8] || ' ' ||
  (${arrayLiteral(['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Fernández', 'Ruiz'])})[1 + (i / 8) % 8],
  CASE WHEN i % 10 < 3 THEN 'professional' WHEN i % 10 = 3 THEN 'organization' ELSE 'patient' END,
  CASE WHEN i % 10 < 3 THEN 'doctor' END,
  CASE WHEN i % 10 < 3 THEN (${SPECIALTIES_SQL})[1 + i % ${SPECIALTY_COUNT}] END,
  (${CITIES_SQL})[1 + i % ${CITY_COUNT}], 'ES'
FROM generate_series(1, ${n}) AS i;
SELECT setval(pg_get_serial_sequence('accounts', 'id'), ${n});
INSERT INTO users (account_id, email, password_hash)
SELECT i, 'bench' || i || '@bench.invalid', 'no-login' FROM generate_series(1, ${n}) AS i;
INSERT INTO oauth_access_tokens (token_hash, user_id, scopes)
SELECT encode(sha256(convert_to('bench-token-' || u.account_id, 'UTF8')), 'hex'), u.id, 'read write follow'
FROM users u;
INSERT INTO sessions (token_hash, user_id, csrf_token, mfa_passed, expires_at)
SELECT encode(sha256(convert_to('bench-session-' || u.account_id, 'UTF8')), 'hex'), u.id, 'bench-csrf-' || u.account_id, true, now() + interval '30 days'
FROM users u WHERE u.account_id = ANY (${idList(readers)});
INSERT INTO tags (name) SELECT unnest(${arrayLiteral(TAGS)});`;
}

function followsChunk(from: number, to: number, size: SeedSize): string {
  // Duplicate draws are dropped by ON CONFLICT, so an account follows slightly fewer than drawn.
  const n = size.accounts;
  const min = Math.max(1, Math.floor(size.follows / 2));
  return `
INSERT INTO follows (follower_id, followed_id)
SELECT a, target FROM (
  SELECT a, 2 + floor(${n - 1} * power(random(), 3.0))::bigint AS target
  FROM generate_series(${from}, ${Math.min(to, n - size.heavyReaders.length)}) AS a
  CROSS JOIN LATERAL generate_series(1, ${min} + ((a * 37) % ${size.follows + 1})::int) AS k
) draws
WHERE target <> a
ON CONFLICT DO NOTHING;`;
}

function crowdAndHeavyReadersScript(size: SeedSize): string {
  const n = size.accounts;
  const heavy = size.heavyReaders.map((count, i) => {
    const id = n - i;
    return `
INSERT INTO follows (follower_id, followed_id)
SELECT ${id}, 2 + ((k * 7907 + ${i * 104_729}) % ${n - 1})
FROM generate_series(1, ${Math.min(count, n - 2)}) AS k
WHERE 2 + ((k * 7907 + ${i * 104_729}) % ${n - 1}) <> ${id}
ON CONFLICT DO NOTHING;`;
  });
  return `
INSERT INTO follows (follower_id, followed_id)
SELECT a, 1 FROM generate_series(2, ${Math.min(n, size.topFollowers + 1)}) AS a
ON CONFLICT DO NOTHING;
${heavy.join('\n')}`;
}

/** 30 notifications per typical reader (follows, favourites, reblogs, mentions) about statuses `from..to`. */
function notificationsScript(readers: string[], from: number, to: number, n: number): string {
  return `
INSERT INTO notifications (account_id, type, from_account_id, status_id, created_at)
SELECT r, (ARRAY['follow','favourite','reblog','mention'])[1 + k % 4],
  2 + floor(${n - 2} * bench_frac(r * 31 + k, 9))::bigint,
  CASE WHEN k % 4 = 0 THEN NULL ELSE s.id END,
  now() - k * interval '7 minutes'
FROM unnest(${idList(readers)}) AS r
CROSS JOIN generate_series(1, 30) AS k
JOIN statuses s ON s.id = ${from} + floor(${to - from} * bench_frac(r * 31 + k, 8))::bigint
WHERE s.reblog_of_id IS NULL AND s.visibility = 'public';`;
}

function countersScript(posts: number): string {
  return `
SELECT setval(pg_get_serial_sequence('statuses', 'id'), ${posts});
DELETE FROM statuses s WHERE reblog_of_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM statuses o WHERE o.id = s.reblog_of_id);
UPDATE statuses s SET in_reply_to_id = NULL, in_reply_to_account_id = NULL
  WHERE in_reply_to_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM statuses o WHERE o.id = s.in_reply_to_id);
UPDATE accounts SET followers_count = c FROM (SELECT followed_id, count(*)::int AS c FROM follows GROUP BY followed_id) x WHERE accounts.id = x.followed_id;
UPDATE accounts SET following_count = c FROM (SELECT follower_id, count(*)::int AS c FROM follows GROUP BY follower_id) x WHERE accounts.id = x.follower_id;
UPDATE accounts SET statuses_count = c, last_status_at = now() FROM (SELECT account_id, count(*)::int AS c FROM statuses GROUP BY account_id) x WHERE accounts.id = x.account_id;
UPDATE statuses SET replies_count = c FROM (SELECT in_reply_to_id, count(*)::int AS c FROM statuses WHERE in_reply_to_id IS NOT NULL GROUP BY in_reply_to_id) x WHERE statuses.id = x.in_reply_to_id;`;
}

async function seedStatuses(run: ScriptRunner, from: number, to: number, size: SeedSize, log: (line: string) => void): Promise<void> {
  const chunk = Math.max(1, Math.min(100_000, Math.ceil((to - from + 1) / 10)));
  for (let start = from; start <= to; start += chunk) {
    const end = Math.min(to, start + chunk - 1);
    const label = `statuses ${start.toLocaleString('en')}–${end.toLocaleString('en')} of ${size.posts.toLocaleString('en')}`;
    await timed(label, () => run(statusesChunk(start, end, from, size.posts, size.accounts)), log);
  }
}

async function finish(run: ScriptRunner, size: SeedSize, log: (line: string) => void): Promise<void> {
  await timed('counters and sequences', () => run(`${countersScript(size.posts)}\n${DROP_FRACTION_FUNCTIONS}\nSET session_replication_role = origin;`), log);
  await timed('VACUUM ANALYZE', () => run('VACUUM ANALYZE'), log);
}

/** Phase one: accounts, relations, sessions, notifications and the newest `firstPosts` statuses. */
export async function seedWorld(handle: DatabaseHandle, size: SeedSize, log: (line: string) => void): Promise<void> {
  const n = size.accounts;
  const readers = typicalReaderIds(size);
  const firstId = size.posts - size.firstPosts + 1;
  await handle.exclusive(async (run: ScriptRunner) => {
    await run(`SET session_replication_role = replica; ${FRACTION_FUNCTION}`);
    await timed(`${n.toLocaleString('en')} accounts, users, tokens; ${readers.length} web sessions`, () => run(accountsScript(n, readers)), log);
    const chunk = Math.max(1, Math.ceil(n / 10));
    for (let from = 1; from <= n; from += chunk) {
      const to = Math.min(n, from + chunk - 1);
      await timed(`follows of accounts ${from.toLocaleString('en')}–${to.toLocaleString('en')}`, () => run(followsChunk(from, to, size)), log);
    }
    await timed(`followers of the big author and follows of ${size.heavyReaders.length} heavy readers`, () => run(crowdAndHeavyReadersScript(size)), log);
    await seedStatuses(run, firstId, size.posts, size, log);
    await timed('notifications of typical readers', () => run(notificationsScript(readers, firstId, size.posts, n)), log);
    await finish(run, size, log);
  });
}

/** Phase two: the older statuses, ids 1..posts-firstPosts. */
export async function seedOlderPosts(handle: DatabaseHandle, size: SeedSize, log: (line: string) => void): Promise<void> {
  const lastId = size.posts - size.firstPosts;
  if (lastId < 1) return;
  await handle.exclusive(async (run: ScriptRunner) => {
    await run(`SET session_replication_role = replica; ${FRACTION_FUNCTION}`);
    await seedStatuses(run, 1, lastId, size, log);
    await finish(run, size, log);
  });
}
