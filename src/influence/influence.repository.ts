import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { ANSWERS_WINDOW_DAYS, ENGAGEMENT_WINDOW_DAYS, MAX_ENDORSERS, PENALTY_WINDOW_DAYS, type InfluenceBreakdown } from './influence-formula.js';

/**
 * The SQL of influence scores: the dirty queue the triggers of migration 20261204_2000 fill, the
 * facts the formula needs for one account (each query bounded: the newest posts and engagements
 * of the windows only), and the stored scores.
 */

/** Posts of the account whose engagement counts, newest first; more are not read. */
export const MAX_POSTS_READ = 2_000;
/** Engagers considered per account (the most engaged first). */
export const MAX_ENGAGERS = 500;
/** Newest outgoing engagements of the account read to find reciprocal pairs. */
const MAX_OWN_ENGAGEMENTS = 5_000;

/** Moderation actions that count against an account unless reverted. */
export const PENALISED_ACTIONS = ['hide', 'remove', 'label', 'warn', 'limit', 'suspend'] as const;

const since = (days: number) => sql<Date>`now() - make_interval(days => ${days})`;

/** Takes up to `limit` accounts off the dirty queue (oldest mark first); marks made meanwhile stay queued. */
export async function takeDirtyAccounts(db: Db, limit: number): Promise<string[]> {
  const result = await sql<{ account_id: string }>`
    DELETE FROM influence_dirty WHERE account_id IN (
      SELECT account_id FROM influence_dirty ORDER BY marked_at, account_id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING account_id`.execute(db);
  return result.rows.map((r) => String(r.account_id));
}

/** Puts accounts back on the queue (after a failed computation). */
export async function markDirty(db: Db, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await sql`SELECT influence_mark(${[...accountIds]}::bigint[])`.execute(db);
}

/** Scored accounts whose score is older than `hours`, oldest first: the rolling refresh. */
export async function staleScoredAccounts(db: Db, hours: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('account_influence')
    .select('account_id')
    .where('computed_at', '<', sql<Date>`now() - make_interval(hours => ${hours})`)
    .orderBy('computed_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.account_id);
}

/** The account's kind and standing, or undefined when it is gone. */
export function findScoredAccount(db: Db, accountId: string) {
  return db.selectFrom('accounts').select(['id', 'kind', 'suspended_at']).where('id', '=', accountId).executeTakeFirst();
}

export interface EngagementRow {
  engager: string;
  likes: number;
  replies: number;
  reposts: number;
}

/** Who liked, replied to and reposted the account's recent posts in the window, the most engaged first. */
export async function engagementOf(db: Db, accountId: string): Promise<EngagementRow[]> {
  const from = since(ENGAGEMENT_WINDOW_DAYS);
  const result = await sql<{ engager: string; likes: string; replies: string; reposts: string }>`
    WITH posts AS (
      SELECT id FROM statuses
      WHERE account_id = ${accountId} AND reblog_of_id IS NULL AND visibility <> 'direct' AND hidden_at IS NULL AND created_at > ${from}
      ORDER BY id DESC LIMIT ${MAX_POSTS_READ}
    ), events AS (
      SELECT f.account_id AS engager, 1 AS likes, 0 AS replies, 0 AS reposts FROM favourites f JOIN posts p ON p.id = f.status_id WHERE f.created_at > ${from}
      UNION ALL
      SELECT r.account_id, 0, 1, 0 FROM statuses r JOIN posts p ON p.id = r.in_reply_to_id
      WHERE r.created_at > ${from} AND r.visibility <> 'direct' AND r.hidden_at IS NULL
      UNION ALL
      SELECT r.account_id, 0, 0, 1 FROM statuses r JOIN posts p ON p.id = r.reblog_of_id WHERE r.created_at > ${from}
    )
    SELECT engager, sum(likes) AS likes, sum(replies) AS replies, sum(reposts) AS reposts
    FROM events WHERE engager <> ${accountId}
    GROUP BY engager
    ORDER BY sum(likes) + 3 * sum(replies) + 2 * sum(reposts) DESC, engager
    LIMIT ${MAX_ENGAGERS}`.execute(db);
  return result.rows.map((r) => ({ engager: String(r.engager), likes: Number(r.likes), replies: Number(r.replies), reposts: Number(r.reposts) }));
}

export interface EngagerRow {
  id: string;
  kind: string;
  verified: boolean;
  age_days: number;
  suspended_or_limited: boolean;
  follows_account: boolean;
  upheld_actions: number;
}

/** What the formula needs to know about each engager: kind, verification, age, standing, whether it follows the account. */
export async function engagerDetails(db: Db, accountId: string, engagerIds: readonly string[]): Promise<EngagerRow[]> {
  if (engagerIds.length === 0) return [];
  const result = await sql<{ id: string; kind: string; verified: boolean; age_days: string; suspended_or_limited: boolean; follows_account: boolean; upheld_actions: string }>`
    SELECT a.id, a.kind, a.verification_status = 'verified' AS verified,
      extract(epoch FROM now() - a.created_at) / 86400 AS age_days,
      (a.suspended_at IS NOT NULL OR a.silenced_at IS NOT NULL) AS suspended_or_limited,
      EXISTS (SELECT 1 FROM follows f WHERE f.follower_id = a.id AND f.followed_id = ${accountId}) AS follows_account,
      (SELECT count(*) FROM moderation_actions m WHERE m.target_account_id = a.id AND m.reverted_at IS NULL
         AND m.action IN (${sql.join([...PENALISED_ACTIONS])}) AND m.created_at > ${since(PENALTY_WINDOW_DAYS)}) AS upheld_actions
    FROM accounts a WHERE a.id = ANY (${[...engagerIds]}::bigint[])`.execute(db);
  return result.rows.map((r) => ({ ...r, id: String(r.id), age_days: Number(r.age_days), upheld_actions: Number(r.upheld_actions) }));
}

/** Of `engagerIds`, those whose posts the account itself liked, replied to or reposted in the window. */
export async function engagedBackBy(db: Db, accountId: string, engagerIds: readonly string[]): Promise<Set<string>> {
  if (engagerIds.length === 0) return new Set();
  const from = since(ENGAGEMENT_WINDOW_DAYS);
  const ids = [...engagerIds];
  const result = await sql<{ target: string }>`
    SELECT DISTINCT target FROM (
      (SELECT s.account_id AS target FROM favourites f JOIN statuses s ON s.id = f.status_id
        WHERE f.account_id = ${accountId} AND f.created_at > ${from} ORDER BY f.id DESC LIMIT ${MAX_OWN_ENGAGEMENTS})
      UNION ALL
      (SELECT r.in_reply_to_account_id FROM statuses r
        WHERE r.account_id = ${accountId} AND r.in_reply_to_account_id IS NOT NULL AND r.created_at > ${from} ORDER BY r.id DESC LIMIT ${MAX_OWN_ENGAGEMENTS})
      UNION ALL
      (SELECT s.account_id FROM statuses r JOIN statuses s ON s.id = r.reblog_of_id
        WHERE r.account_id = ${accountId} AND r.created_at > ${from} ORDER BY r.id DESC LIMIT ${MAX_OWN_ENGAGEMENTS})
    ) own WHERE target = ANY (${ids}::bigint[])`.execute(db);
  return new Set(result.rows.map((r) => String(r.target)));
}

/**
 * For each engager, how many of the other engagers liked, replied to or reposted it in the
 * window: how closed the account's audience is.
 */
export async function engagementAmong(db: Db, engagerIds: readonly string[]): Promise<Map<string, number>> {
  if (engagerIds.length < 2) return new Map();
  const from = since(ENGAGEMENT_WINDOW_DAYS);
  const ids = [...engagerIds];
  const result = await sql<{ target: string; sources: string }>`
    SELECT target, count(DISTINCT source) AS sources FROM (
      SELECT s.account_id AS target, f.account_id AS source FROM favourites f JOIN statuses s ON s.id = f.status_id
        WHERE f.account_id = ANY (${ids}::bigint[]) AND s.account_id = ANY (${ids}::bigint[]) AND f.created_at > ${from}
      UNION ALL
      SELECT r.in_reply_to_account_id, r.account_id FROM statuses r
        WHERE r.account_id = ANY (${ids}::bigint[]) AND r.in_reply_to_account_id = ANY (${ids}::bigint[]) AND r.created_at > ${from}
      UNION ALL
      SELECT s.account_id, r.account_id FROM statuses r JOIN statuses s ON s.id = r.reblog_of_id
        WHERE r.account_id = ANY (${ids}::bigint[]) AND s.account_id = ANY (${ids}::bigint[]) AND r.created_at > ${from}
    ) edges WHERE target <> source GROUP BY target`.execute(db);
  return new Map(result.rows.map((r) => [String(r.target), Number(r.sources)]));
}

/** The account's answers in the consultas (window): accepted by someone else, helpful to someone else, and their median response time. */
export async function answerFacts(db: Db, accountId: string): Promise<{ answers: number; accepted: number; helpfulAnswers: number; medianSeconds: number | null; votesByVoter: number[] }> {
  const from = since(ANSWERS_WINDOW_DAYS);
  const summary = await sql<{ answers: string; accepted: string; helpful_answers: string; median: string | number | null }>`
    SELECT count(*) AS answers,
      count(*) FILTER (WHERE q.accepted_answer_id = a.id AND q.account_id <> ${accountId}) AS accepted,
      count(*) FILTER (WHERE (q.accepted_answer_id = a.id AND q.account_id <> ${accountId})
        OR EXISTS (SELECT 1 FROM consulta_helpful_votes v WHERE v.answer_id = a.id AND v.account_id <> ${accountId})) AS helpful_answers,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY a.response_seconds) AS median
    FROM consulta_answers a JOIN consulta_questions q ON q.id = a.question_id
    WHERE a.account_id = ${accountId} AND a.hidden_at IS NULL AND q.hidden_at IS NULL AND a.created_at > ${from}`.execute(db);
  const votes = await sql<{ votes: string }>`
    SELECT count(*) AS votes FROM consulta_helpful_votes v
    JOIN consulta_answers a ON a.id = v.answer_id
    JOIN accounts voter ON voter.id = v.account_id
    WHERE a.account_id = ${accountId} AND v.account_id <> ${accountId} AND a.hidden_at IS NULL AND a.created_at > ${from}
      AND voter.suspended_at IS NULL
    GROUP BY v.account_id`.execute(db);
  const row = summary.rows[0]!;
  return {
    answers: Number(row.answers),
    accepted: Number(row.accepted),
    helpfulAnswers: Number(row.helpful_answers),
    medianSeconds: row.median === null ? null : Math.round(Number(row.median)),
    votesByVoter: votes.rows.map((v) => Number(v.votes)),
  };
}

/** Verified professionals and organisations that endorse the account, and whether it endorses them back. */
export async function verifiedEndorsers(db: Db, accountId: string): Promise<{ reciprocal: boolean }[]> {
  const result = await sql<{ reciprocal: boolean }>`
    SELECT EXISTS (SELECT 1 FROM account_pins back WHERE back.account_id = ${accountId} AND back.target_account_id = p.account_id) AS reciprocal
    FROM account_pins p JOIN accounts e ON e.id = p.account_id
    WHERE p.target_account_id = ${accountId} AND p.account_id <> ${accountId}
      AND e.kind <> 'patient' AND e.verification_status = 'verified' AND e.suspended_at IS NULL
    ORDER BY p.id LIMIT ${MAX_ENDORSERS}`.execute(db);
  return result.rows.map((r) => ({ reciprocal: Boolean(r.reciprocal) }));
}

/** Upheld (not reverted) moderation actions against the account in the penalty window. */
export async function upheldActionsAgainst(db: Db, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('moderation_actions')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('target_account_id', '=', accountId)
    .where('reverted_at', 'is', null)
    .where('action', 'in', [...PENALISED_ACTIONS])
    .where('created_at', '>', since(PENALTY_WINDOW_DAYS))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface StoredInfluence {
  score: number;
  breakdown: InfluenceBreakdown;
  helpfulAnswers: number;
  responseSeconds: number | null;
}

export async function saveInfluence(db: Db, accountId: string, value: StoredInfluence): Promise<void> {
  const row = { score: value.score, breakdown: JSON.stringify(value.breakdown), helpful_answers: value.helpfulAnswers, response_seconds: value.responseSeconds, computed_at: new Date() };
  await db
    .insertInto('account_influence')
    .values({ account_id: accountId, ...row })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(row))
    .execute();
}

export async function deleteInfluence(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('account_influence').where('account_id', '=', accountId).execute();
}

export function findInfluence(db: Db, accountId: string) {
  return db.selectFrom('account_influence').select(['score', 'breakdown', 'helpful_answers', 'response_seconds', 'computed_at']).where('account_id', '=', accountId).executeTakeFirst();
}
