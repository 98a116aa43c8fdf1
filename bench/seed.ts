import type { DatabaseHandle, ScriptRunner } from '../src/db/connect.js';

/**
 * Seeds a synthetic health network with a few big set-based statements (INSERT ... SELECT
 * generate_series), never row by row:
 *
 * - `accounts` accounts (ids 1..n), each with a user and a bearer token `bench-token-<id>`;
 * - follows with a power-law skew: each account follows 50–150 others, drawn as
 *   1 + floor(n · random()³), so account 1 is followed by nearly everyone, the first few by tens
 *   of thousands (with ≥ 25,000 accounts) and most accounts by a few dozen;
 * - `posts` statuses (ids 1..p), authors skewed towards popular accounts, 85 % public, 8 %
 *   unlisted, 7 % followers-only, 10 % replies, 3 % reblogs, 1 % articles, 85 % Spanish, words
 *   from a health vocabulary (so the full-text vectors are realistic), 15 % carrying hashtags.
 *
 * Foreign-key triggers are skipped during the load (`session_replication_role = replica`): every
 * reference is generated valid by construction. Statistics are refreshed at the end.
 */
export interface SeedSize {
  accounts: number;
  posts: number;
}

export interface SeedReport {
  follows: number;
  statuses: number;
  maxFollowers: number;
  /** Follower counts of the five most followed accounts. */
  topFollowers: number[];
  /** How many accounts have at least 1,000 followers. */
  accountsOver1000: number;
  medianFollowers: number;
  topAccountId: string;
  smallAccountId: string;
  seconds: number;
}

const WORDS_ES = [
  'salud', 'nutrición', 'corazón', 'vacuna', 'vacunas', 'diabetes', 'hipertensión', 'ejercicio', 'sueño', 'ansiedad',
  'depresión', 'alimentación', 'colesterol', 'prevención', 'pediatría', 'embarazo', 'lactancia', 'dolor', 'espalda',
  'rodilla', 'fisioterapia', 'medicación', 'antibióticos', 'gripe', 'alergia', 'asma', 'piel', 'cáncer', 'cribado',
  'análisis', 'consulta', 'paciente', 'enfermería', 'cuidados', 'hospital', 'urgencias', 'atención', 'primaria',
  'hábitos', 'tabaco', 'alcohol', 'estrés', 'memoria', 'visión', 'dientes', 'farmacia', 'receta', 'síntomas', 'fiebre',
  'hidratación', 'verano', 'invierno', 'mayores', 'niños', 'adolescentes', 'mujer', 'hombre', 'estudio', 'evidencia',
];
const WORDS_EN = [
  'health', 'nutrition', 'heart', 'vaccine', 'vaccines', 'diabetes', 'hypertension', 'exercise', 'sleep', 'anxiety',
  'screening', 'prevention', 'pregnancy', 'pain', 'physiotherapy', 'medication', 'antibiotics', 'flu', 'allergy', 'asthma',
  'skin', 'cancer', 'patients', 'nursing', 'care', 'study', 'evidence', 'children', 'elderly', 'stress',
];
const TAGS = [
  'salud', 'nutricion', 'corazon', 'vacunas', 'diabetes', 'saludmental', 'pediatria', 'fisioterapia', 'enfermeria',
  'prevencion', 'cancer', 'ejercicio', 'sueno', 'farmacia', 'atencionprimaria', 'health', 'nutrition', 'vaccines',
];
const CITIES = ['Madrid', 'Barcelona', 'Valencia', 'Sevilla', 'Bilbao', 'Zaragoza', 'Málaga', 'Granada', 'A Coruña', 'Murcia'];
const SPECIALTY_CODES = ['family_medicine', 'cardiology', 'pediatrics', 'dermatology', 'psychiatry', 'endocrinology', 'neurology', 'oncology'];

const arrayLiteral = (items: string[]) => `ARRAY[${items.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]::text[]`;

/** A deterministic value in [0, 1) from an integer and a salt (multiplicative hashing). */
const FRACTION_FUNCTION = `
CREATE OR REPLACE FUNCTION bench_frac(i bigint, salt bigint) RETURNS double precision
  LANGUAGE sql IMMUTABLE AS $$ SELECT (((i + salt * 7919) * 2654435761) % 4294967296)::double precision / 4294967296.0 $$;
CREATE OR REPLACE FUNCTION bench_author(i bigint, n bigint) RETURNS bigint
  LANGUAGE sql IMMUTABLE AS $$ SELECT 1 + floor(n * power(bench_frac(i, 1), 2.0))::bigint $$;
CREATE OR REPLACE FUNCTION bench_visibility(i bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN bench_frac(i, 2) < 0.85 THEN 'public' WHEN bench_frac(i, 2) < 0.93 THEN 'unlisted' ELSE 'private' END $$;
`;

function statusesChunk(from: number, to: number, accounts: number): string {
  // Kind of row by one hash: < 0.03 reblog (of an earlier public status), < 0.13 reply, < 0.14 article.
  return `
INSERT INTO statuses (id, account_id, kind, in_reply_to_id, in_reply_to_account_id, reblog_of_id, title,
                      content_source, content_html, visibility, language, reading_time_minutes, created_at)
OVERRIDING SYSTEM VALUE
SELECT i, bench_author(i, ${accounts}),
  CASE WHEN r >= 0.13 AND r < 0.14 THEN 'article' ELSE 'note' END,
  CASE WHEN r >= 0.03 AND r < 0.13 AND i > 1 THEN parent END,
  CASE WHEN r >= 0.03 AND r < 0.13 AND i > 1 THEN bench_author(parent, ${accounts}) END,
  CASE WHEN r < 0.03 AND i > 1 AND bench_visibility(parent) = 'public' THEN parent END,
  CASE WHEN r >= 0.13 AND r < 0.14 THEN initcap(words[1 + (i % wl)]) || ' y ' || words[1 + ((i * 7) % wl)] || ': lo que dice la evidencia' ELSE '' END,
  CASE WHEN r < 0.03 AND i > 1 AND bench_visibility(parent) = 'public' THEN '' ELSE body END,
  CASE WHEN r < 0.03 AND i > 1 AND bench_visibility(parent) = 'public' THEN '' ELSE '<p>' || body || '</p>' END,
  CASE WHEN r < 0.03 AND i > 1 AND bench_visibility(parent) = 'public' THEN 'public' ELSE bench_visibility(i) END,
  lang,
  CASE WHEN r >= 0.13 AND r < 0.14 THEN 4 END,
  now() - ((${to} - i) * interval '20 seconds')
FROM (
  SELECT i, r, parent, lang, words, wl,
    words[1 + (i % wl)] || ' ' || words[1 + ((i * 3) % wl)] || ' ' || words[1 + ((i * 11) % wl)] || ' ' ||
    words[1 + ((i * 17) % wl)] || ' ' || words[1 + ((i * 29) % wl)] || ' ' || words[1 + ((i * 41) % wl)] || ' ' ||
    words[1 + ((i * 53) % wl)] || ' ' || words[1 + ((i * 71) % wl)] AS body
  FROM (
    SELECT i, bench_frac(i, 3) AS r, 1 + floor((i - 1) * bench_frac(i, 4))::bigint AS parent,
      CASE WHEN bench_frac(i, 5) < 0.85 THEN 'es' ELSE 'en' END AS lang,
      CASE WHEN bench_frac(i, 5) < 0.85 THEN ${arrayLiteral(WORDS_ES)} ELSE ${arrayLiteral(WORDS_EN)} END AS words,
      CASE WHEN bench_frac(i, 5) < 0.85 THEN ${WORDS_ES.length} ELSE ${WORDS_EN.length} END AS wl
    FROM generate_series(${from}, ${to}) AS i
  ) base
) generated
ON CONFLICT DO NOTHING;
INSERT INTO status_tags (status_id, tag_id)
SELECT i, 1 + floor(${TAGS.length} * power(bench_frac(i, 7), 2.0))::bigint
FROM generate_series(${from}, ${to}) AS i
WHERE bench_frac(i, 6) < 0.15 AND EXISTS (SELECT 1 FROM statuses WHERE id = i AND reblog_of_id IS NULL)
ON CONFLICT DO NOTHING;`;
}

function followsChunk(from: number, to: number, accounts: number): string {
  // Duplicate draws are dropped by ON CONFLICT, so an account follows slightly fewer than drawn.
  return `
INSERT INTO follows (follower_id, followed_id)
SELECT a, target FROM (
  SELECT a, 1 + floor(${accounts} * power(random(), 3.0))::bigint AS target
  FROM generate_series(${from}, ${to}) AS a
  CROSS JOIN LATERAL generate_series(1, 50 + ((a * 37) % 101)::int) AS k
) draws
WHERE target <> a
ON CONFLICT DO NOTHING;`;
}

async function timed<T>(label: string, fn: () => Promise<T>, log: (line: string) => void): Promise<T> {
  const started = performance.now();
  const result = await fn();
  log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return result;
}

export async function seedNetwork(handle: DatabaseHandle, size: SeedSize, log: (line: string) => void): Promise<SeedReport> {
  const started = performance.now();
  const n = size.accounts;
  const p = size.posts;
  await handle.exclusive(async (run: ScriptRunner) => {
    await run(`SET session_replication_role = replica; ${FRACTION_FUNCTION}`);
    await timed(
      `${n.toLocaleString('en')} accounts, users and tokens`,
      () =>
        run(`
INSERT INTO accounts (id, username, display_name, kind, profession, specialty, city, country)
OVERRIDING SYSTEM VALUE
SELECT i, 'bench' || i,
  (${arrayLiteral(['Dra. Ana', 'Dr. Luis', 'María', 'José', 'Lucía', 'Carmen', 'Pablo', 'Elena'])})[1 + i % 8] || ' ' ||
  (${arrayLiteral(['García', 'Martínez', 'López', 'Sánchez', 'Pérez', 'Gómez', 'Fernández', 'Ruiz'])})[1 + (i / 8) % 8],
  CASE WHEN i % 10 < 3 THEN 'professional' WHEN i % 10 = 3 THEN 'organization' ELSE 'patient' END,
  CASE WHEN i % 10 < 3 THEN 'doctor' END,
  CASE WHEN i % 10 < 3 THEN (${arrayLiteral(SPECIALTY_CODES)})[1 + i % ${SPECIALTY_CODES.length}] END,
  (${arrayLiteral(CITIES)})[1 + i % ${CITIES.length}], 'ES'
FROM generate_series(1, ${n}) AS i;
SELECT setval(pg_get_serial_sequence('accounts', 'id'), ${n});
INSERT INTO users (account_id, email, password_hash)
SELECT i, 'bench' || i || '@bench.invalid', 'no-login' FROM generate_series(1, ${n}) AS i;
INSERT INTO oauth_access_tokens (token_hash, user_id, scopes)
SELECT encode(sha256(convert_to('bench-token-' || u.account_id, 'UTF8')), 'hex'), u.id, 'read write follow'
FROM users u;
INSERT INTO tags (name) SELECT unnest(${arrayLiteral(TAGS)});`),
      log,
    );
    const chunk = Math.max(1, Math.ceil(n / 10));
    for (let from = 1; from <= n; from += chunk) {
      const to = Math.min(n, from + chunk - 1);
      await timed(`follows of accounts ${from.toLocaleString('en')}–${to.toLocaleString('en')}`, () => run(followsChunk(from, to, n)), log);
    }
    const postChunk = Math.max(1, Math.min(100_000, Math.ceil(p / 10)));
    for (let from = 1; from <= p; from += postChunk) {
      const to = Math.min(p, from + postChunk - 1);
      await timed(`statuses ${from.toLocaleString('en')}–${to.toLocaleString('en')} of ${p.toLocaleString('en')}`, () => run(statusesChunk(from, to, n)), log);
    }
    await timed(
      'counters and sequences',
      () =>
        run(`
SELECT setval(pg_get_serial_sequence('statuses', 'id'), ${p});
DELETE FROM statuses s WHERE reblog_of_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM statuses o WHERE o.id = s.reblog_of_id);
UPDATE statuses s SET in_reply_to_id = NULL, in_reply_to_account_id = NULL
  WHERE in_reply_to_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM statuses o WHERE o.id = s.in_reply_to_id);
UPDATE accounts SET followers_count = c FROM (SELECT followed_id, count(*)::int AS c FROM follows GROUP BY followed_id) x WHERE accounts.id = x.followed_id;
UPDATE accounts SET following_count = c FROM (SELECT follower_id, count(*)::int AS c FROM follows GROUP BY follower_id) x WHERE accounts.id = x.follower_id;
UPDATE accounts SET statuses_count = c, last_status_at = now() FROM (SELECT account_id, count(*)::int AS c FROM statuses GROUP BY account_id) x WHERE accounts.id = x.account_id;
UPDATE statuses SET replies_count = c FROM (SELECT in_reply_to_id, count(*)::int AS c FROM statuses WHERE in_reply_to_id IS NOT NULL GROUP BY in_reply_to_id) x WHERE statuses.id = x.in_reply_to_id;
DROP FUNCTION bench_visibility(bigint); DROP FUNCTION bench_author(bigint, bigint); DROP FUNCTION bench_frac(bigint, bigint);
SET session_replication_role = origin;`),
      log,
    );
    await timed('VACUUM ANALYZE', () => run('VACUUM ANALYZE'), log);
  });
  const db = handle.db;
  const stats = await db
    .selectFrom('accounts')
    .select((eb) => [
      eb.fn.max('followers_count').as('max'),
      eb.fn.sum<string>('following_count').as('follows'),
      eb.fn.sum<string>('statuses_count').as('statuses'),
    ])
    .executeTakeFirstOrThrow();
  const median = await db.selectFrom('accounts').select('followers_count').orderBy('followers_count').offset(Math.floor(n / 2)).limit(1).executeTakeFirstOrThrow();
  const top5 = await db.selectFrom('accounts').select(['id', 'followers_count']).orderBy('followers_count', 'desc').limit(5).execute();
  const top = top5[0]!;
  const over1000 = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('followers_count', '>=', 1000).executeTakeFirstOrThrow();
  const small = await db.selectFrom('accounts').select('id').where('followers_count', '<=', 10).orderBy('followers_count', 'asc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return {
    follows: Number(stats.follows),
    statuses: Number(stats.statuses),
    maxFollowers: Number(stats.max),
    topFollowers: top5.map((r) => r.followers_count),
    accountsOver1000: Number(over1000.n),
    medianFollowers: median.followers_count,
    topAccountId: top.id,
    smallAccountId: small?.id ?? String(n),
    seconds: (performance.now() - started) / 1000,
  };
}
