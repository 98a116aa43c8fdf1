/**
 * The influence score of a professional or organisation: what people do with what it publishes,
 * not how many likes it collects. One pure function of the facts `influence.repository.ts`
 * gathers, so it can be explained (README "Influence instead of likes", the profile's breakdown)
 * and tested on small graphs.
 *
 *   score = 100 · total / (total + HALF_SCORE_POINTS) · penalty      (0 … 100)
 *   total = engagement + reach + answers + endorsements + responsiveness
 *
 * - Engagement: each DISTINCT account that liked (1 point per post), replied (3) or reposted (2)
 *   the account's posts in the last 90 days contributes at most PER_ENGAGER_CAP points, times its
 *   standing, times the ring discounts below. The account's own likes, replies and reposts never
 *   count.
 * - Standing of an engager: verified professionals and organisations 1; other accounts 0.5, from
 *   0.05 on their first day up to 0.5 at 30 days old; suspended or limited accounts 0; halved for
 *   each upheld moderation action against them in the last year.
 * - Ring discounts: an engager the account itself engages with (a reciprocal pair) counts 0.3;
 *   an engager whose engagement is returned by the account's other engagers (a closed cluster)
 *   loses up to 60 % more, in proportion to the share of the account's other engagers who also
 *   engage with it. A group of accounts that only like each other is reciprocal and closed, so
 *   each of its members is worth about a tenth of one genuinely engaged reader.
 * - Reach: every engager who does not follow the account adds 2 points (same standing and
 *   discounts): the posts travel beyond the account's own audience.
 * - Answers (consultas, last 365 days): 3 points per accepted answer, plus 1 point per helpful
 *   vote from another account, at most 3 votes from any one voter.
 * - Endorsements: 3 points per verified professional or organisation that endorses the account
 *   (Mastodon's "feature on profile"), at most 10; 1.5 if the account endorses it back.
 * - Responsiveness: up to 4 points for each median response time the account has (answers to
 *   consultas, care requests, complaints): 4 within a day, falling to 0 at a week; the complaints
 *   points are multiplied by the share of complaints answered.
 * - Penalty: each upheld moderation action against the account in the last year (a hidden,
 *   removed or labelled post, a warning, a limit, a suspension, not reverted) halves the score,
 *   at most four times.
 */

export const FORMULA_VERSION = 1;
export const ENGAGEMENT_WINDOW_DAYS = 90;
export const ANSWERS_WINDOW_DAYS = 365;
export const PENALTY_WINDOW_DAYS = 365;

export const WEIGHTS = { like: 1, reply: 3, repost: 2 } as const;
export const PER_ENGAGER_CAP = 6;
export const REACH_POINTS = 2;
export const RECIPROCAL_FACTOR = 0.3;
export const CLUSTER_MAX_DISCOUNT = 0.6;
export const ACCEPTED_POINTS = 3;
export const HELPFUL_VOTE_POINTS = 1;
export const HELPFUL_VOTES_PER_VOTER = 3;
export const ENDORSEMENT_POINTS = 3;
export const MAX_ENDORSERS = 10;
export const RESPONSE_POINTS = 4;
export const RESPONSE_FULL_SECONDS = 86_400;
export const RESPONSE_ZERO_SECONDS = 7 * 86_400;
export const HALF_SCORE_POINTS = 40;
export const MAX_PENALTIES = 4;

/** What one other account did with the account's posts in the window, and who it is. */
export interface EngagerFacts {
  accountId: string;
  likes: number;
  replies: number;
  reposts: number;
  followsAccount: boolean;
  /** The account liked, replied to or reposted this engager in the window. */
  engagedBack: boolean;
  /** How many of the account's other engagers also engaged with this engager. */
  engagedByOtherEngagers: number;
  verified: boolean;
  /** Professional or organisation (verified ones weigh 1). */
  healthAccount: boolean;
  ageDays: number;
  suspendedOrLimited: boolean;
  upheldActions: number;
}

export interface InfluenceFacts {
  /** Other accounts' engagement; the account itself must not be among them (it is ignored if it is). */
  accountId: string;
  engagers: EngagerFacts[];
  acceptedAnswers: number;
  /** Helpful votes by voter (other accounts only), on the account's answers. */
  helpfulVotesByVoter: number[];
  /** Answers accepted or voted helpful by someone else. */
  helpfulAnswers: number;
  /** Verified professionals and organisations endorsing the account; `reciprocal` when it endorses them too. */
  endorsers: { reciprocal: boolean }[];
  consultaMedianSeconds: number | null;
  careRequestMedianSeconds: number | null;
  complaintMedianSeconds: number | null;
  /** 0..1, with `complaintMedianSeconds`. */
  complaintShareAnswered: number | null;
  upheldActions: number;
}

export interface InfluenceBreakdown {
  version: number;
  total: number;
  engagement: { points: number; engagers: number; likes: number; replies: number; reposts: number; reciprocal: number; clustered: number };
  reach: { points: number; nonFollowers: number };
  answers: { points: number; accepted: number; helpfulVotes: number; helpfulAnswers: number };
  endorsements: { points: number; verifiedEndorsers: number };
  responsiveness: { points: number; consultaMedianSeconds: number | null; careRequestMedianSeconds: number | null; complaintMedianSeconds: number | null; complaintShareAnswered: number | null };
  penalty: { upheldActions: number; factor: number };
}

export interface InfluenceResult {
  score: number;
  breakdown: InfluenceBreakdown;
  /** The mean of the medians the account has, for the directory's "fastest to respond" order. */
  responseSeconds: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const clamp01 = (n: number) => Math.min(1, Math.max(0, n));

/** How much one engager's engagement counts: 0 … 1. */
export function standingOf(e: Pick<EngagerFacts, 'verified' | 'healthAccount' | 'ageDays' | 'suspendedOrLimited' | 'upheldActions'>): number {
  if (e.suspendedOrLimited) return 0;
  const base = e.verified && e.healthAccount ? 1 : 0.5 * Math.max(0.1, Math.min(1, e.ageDays / 30));
  return base * 0.5 ** Math.min(e.upheldActions, MAX_PENALTIES);
}

/** Points for one median response time: full within a day, none from a week. */
export function responsePoints(seconds: number | null): number {
  if (seconds === null) return 0;
  return RESPONSE_POINTS * clamp01((RESPONSE_ZERO_SECONDS - seconds) / (RESPONSE_ZERO_SECONDS - RESPONSE_FULL_SECONDS));
}

/** The score and what it is made of (see the module comment). */
export function computeInfluence(facts: InfluenceFacts): InfluenceResult {
  const engagers = facts.engagers.filter((e) => e.accountId !== facts.accountId && e.likes + e.replies + e.reposts > 0);
  const others = Math.max(0, engagers.length - 1);
  let engagement = 0;
  let reach = 0;
  let nonFollowers = 0;
  let reciprocal = 0;
  let clustered = 0;
  for (const e of engagers) {
    const raw = WEIGHTS.like * e.likes + WEIGHTS.reply * e.replies + WEIGHTS.repost * e.reposts;
    const clusterShare = others > 0 ? clamp01(e.engagedByOtherEngagers / others) : 0;
    const weight = standingOf(e) * (e.engagedBack ? RECIPROCAL_FACTOR : 1) * (1 - CLUSTER_MAX_DISCOUNT * clusterShare);
    if (e.engagedBack) reciprocal += 1;
    if (clusterShare > 0) clustered += 1;
    engagement += weight * Math.min(raw, PER_ENGAGER_CAP);
    if (!e.followsAccount) {
      nonFollowers += 1;
      reach += weight * REACH_POINTS;
    }
  }
  const helpfulVotes = facts.helpfulVotesByVoter.reduce((sum, n) => sum + Math.min(n, HELPFUL_VOTES_PER_VOTER), 0);
  const answers = ACCEPTED_POINTS * facts.acceptedAnswers + HELPFUL_VOTE_POINTS * helpfulVotes;
  const endorsers = facts.endorsers.slice(0, MAX_ENDORSERS);
  const endorsements = endorsers.reduce((sum, e) => sum + ENDORSEMENT_POINTS * (e.reciprocal ? 0.5 : 1), 0);
  const responsiveness =
    responsePoints(facts.consultaMedianSeconds) +
    responsePoints(facts.careRequestMedianSeconds) +
    responsePoints(facts.complaintMedianSeconds) * (facts.complaintShareAnswered ?? 0);
  const total = engagement + reach + answers + endorsements + responsiveness;
  const penaltyCount = Math.min(facts.upheldActions, MAX_PENALTIES);
  const factor = 0.5 ** penaltyCount;
  const score = round1((100 * total) / (total + HALF_SCORE_POINTS) * factor);
  const medians = [facts.consultaMedianSeconds, facts.careRequestMedianSeconds, facts.complaintMedianSeconds].filter((m): m is number => m !== null);
  return {
    score,
    responseSeconds: medians.length ? Math.round(medians.reduce((a, b) => a + b, 0) / medians.length) : null,
    breakdown: {
      version: FORMULA_VERSION,
      total: round1(total),
      engagement: {
        points: round1(engagement),
        engagers: engagers.length,
        likes: engagers.reduce((s, e) => s + e.likes, 0),
        replies: engagers.reduce((s, e) => s + e.replies, 0),
        reposts: engagers.reduce((s, e) => s + e.reposts, 0),
        reciprocal,
        clustered,
      },
      reach: { points: round1(reach), nonFollowers },
      answers: { points: round1(answers), accepted: facts.acceptedAnswers, helpfulVotes, helpfulAnswers: facts.helpfulAnswers },
      endorsements: { points: round1(endorsements), verifiedEndorsers: endorsers.length },
      responsiveness: {
        points: round1(responsiveness),
        consultaMedianSeconds: facts.consultaMedianSeconds,
        careRequestMedianSeconds: facts.careRequestMedianSeconds,
        complaintMedianSeconds: facts.complaintMedianSeconds,
        complaintShareAnswered: facts.complaintShareAnswered,
      },
      penalty: { upheldActions: facts.upheldActions, factor },
    },
  };
}
