import { describe, expect, it } from 'vitest';
import { computeInfluence, PER_ENGAGER_CAP, responsePoints, standingOf, type EngagerFacts, type InfluenceFacts } from './influence-formula.js';

/** The influence formula on small graphs whose answer is known. */

const patient = (id: string, over: Partial<EngagerFacts> = {}): EngagerFacts => ({
  accountId: id,
  likes: 0,
  replies: 0,
  reposts: 0,
  followsAccount: true,
  engagedBack: false,
  engagedByOtherEngagers: 0,
  verified: false,
  healthAccount: false,
  ageDays: 200,
  suspendedOrLimited: false,
  upheldActions: 0,
  ...over,
});

const facts = (over: Partial<InfluenceFacts> = {}): InfluenceFacts => ({
  accountId: 'me',
  engagers: [],
  acceptedAnswers: 0,
  helpfulVotesByVoter: [],
  helpfulAnswers: 0,
  endorsers: [],
  consultaMedianSeconds: null,
  careRequestMedianSeconds: null,
  complaintMedianSeconds: null,
  complaintShareAnswered: null,
  upheldActions: 0,
  ...over,
});

/** A ring of `size` accounts that like every one of the other members' `posts` posts, and nothing else. */
function ringMember(size: number, posts: number): InfluenceFacts {
  return facts({
    engagers: Array.from({ length: size - 1 }, (_, i) => patient(`ring${i}`, { likes: posts, engagedBack: true, engagedByOtherEngagers: size - 2 })),
  });
}

describe('the influence formula', () => {
  it('is zero without anything, and grows towards 100 without reaching it', () => {
    expect(computeInfluence(facts()).score).toBe(0);
    const huge = computeInfluence(facts({ acceptedAnswers: 1000 }));
    expect(huge.score).toBeGreaterThan(98);
    expect(huge.score).toBeLessThan(100);
  });

  it('ignores the account\'s own likes, replies and reposts', () => {
    const alone = computeInfluence(facts({ engagers: [patient('me', { likes: 50, replies: 50, reposts: 50 })] }));
    expect(alone.score).toBe(0);
    expect(alone.breakdown.engagement.engagers).toBe(0);
  });

  it('weighs replies and reposts more than likes, and counts each engager at most once up to the cap', () => {
    const like = computeInfluence(facts({ engagers: [patient('a', { likes: 1 })] })).breakdown.engagement.points;
    const reply = computeInfluence(facts({ engagers: [patient('a', { replies: 1 })] })).breakdown.engagement.points;
    const repost = computeInfluence(facts({ engagers: [patient('a', { reposts: 1 })] })).breakdown.engagement.points;
    expect(reply).toBeGreaterThan(repost);
    expect(repost).toBeGreaterThan(like);
    const superfan = computeInfluence(facts({ engagers: [patient('a', { likes: 500, replies: 100 })] })).breakdown.engagement.points;
    expect(superfan).toBe(0.5 * PER_ENGAGER_CAP);
    // Five people who each like once are worth more than one who likes five hundred times.
    const five = computeInfluence(facts({ engagers: ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => patient(id, { likes: 1 })) })).breakdown.engagement.points;
    expect(five).toBeGreaterThan(superfan);
  });

  it('a ring of accounts that only like each other does not win against a genuinely engaged account', () => {
    // Ten accounts, each liking all 30 posts of each of the other nine: 270 likes per member.
    const ring = computeInfluence(ringMember(10, 30));
    // A cardiologist whose posts four patients replied to and liked a few times, who never engage each other.
    const genuine = computeInfluence(facts({ engagers: ['p1', 'p2', 'p3', 'p4'].map((id) => patient(id, { likes: 2, replies: 1 })) }));
    expect(ring.breakdown.engagement.likes).toBe(270);
    expect(genuine.breakdown.engagement.likes).toBe(8);
    expect(genuine.score).toBeGreaterThan(ring.score);
    expect(ring.breakdown.engagement.reciprocal).toBe(9);
    expect(ring.breakdown.engagement.clustered).toBe(9);
  });

  it('the same ring without the discounts would have won: they are what stops it', () => {
    const undiscounted = computeInfluence(facts({ engagers: Array.from({ length: 9 }, (_, i) => patient(`r${i}`, { likes: 30 })) }));
    const genuine = computeInfluence(facts({ engagers: ['p1', 'p2', 'p3', 'p4'].map((id) => patient(id, { likes: 2, replies: 1 })) }));
    expect(undiscounted.score).toBeGreaterThan(genuine.score);
  });

  it('weighs engagers by standing: verified professionals 1, new accounts little, suspended ones nothing', () => {
    expect(standingOf({ verified: true, healthAccount: true, ageDays: 1, suspendedOrLimited: false, upheldActions: 0 })).toBe(1);
    expect(standingOf({ verified: false, healthAccount: false, ageDays: 400, suspendedOrLimited: false, upheldActions: 0 })).toBe(0.5);
    expect(standingOf({ verified: false, healthAccount: false, ageDays: 0, suspendedOrLimited: false, upheldActions: 0 })).toBe(0.05);
    expect(standingOf({ verified: true, healthAccount: true, ageDays: 400, suspendedOrLimited: true, upheldActions: 0 })).toBe(0);
    expect(standingOf({ verified: false, healthAccount: false, ageDays: 400, suspendedOrLimited: false, upheldActions: 1 })).toBe(0.25);
    // Fifty accounts made today are worth less than five established ones.
    const sockpuppets = computeInfluence(facts({ engagers: Array.from({ length: 50 }, (_, i) => patient(`s${i}`, { likes: 1, ageDays: 0 })) }));
    const established = computeInfluence(facts({ engagers: Array.from({ length: 5 }, (_, i) => patient(`e${i}`, { likes: 1, replies: 1 })) }));
    expect(established.score).toBeGreaterThan(sockpuppets.score);
  });

  it('rewards reach beyond followers', () => {
    const followers = computeInfluence(facts({ engagers: [patient('a', { reposts: 1 }), patient('b', { reposts: 1 })] }));
    const strangers = computeInfluence(facts({ engagers: [patient('a', { reposts: 1, followsAccount: false }), patient('b', { reposts: 1, followsAccount: false })] }));
    expect(strangers.breakdown.reach).toEqual({ points: 2, nonFollowers: 2 });
    expect(strangers.score).toBeGreaterThan(followers.score);
  });

  it('counts accepted answers and helpful votes, at most three votes from one voter', () => {
    const r = computeInfluence(facts({ acceptedAnswers: 2, helpfulVotesByVoter: [1, 1, 10], helpfulAnswers: 3 }));
    expect(r.breakdown.answers).toEqual({ points: 2 * 3 + 1 + 1 + 3, accepted: 2, helpfulVotes: 5, helpfulAnswers: 3 });
  });

  it('counts endorsements by verified professionals, halved when returned', () => {
    const r = computeInfluence(facts({ endorsers: [{ reciprocal: false }, { reciprocal: true }] }));
    expect(r.breakdown.endorsements).toEqual({ points: 4.5, verifiedEndorsers: 2 });
  });

  it('rewards answering quickly: full points within a day, none from a week', () => {
    expect(responsePoints(3600)).toBe(4);
    expect(responsePoints(4 * 86_400)).toBe(2);
    expect(responsePoints(8 * 86_400)).toBe(0);
    const r = computeInfluence(facts({ consultaMedianSeconds: 7200, careRequestMedianSeconds: 4 * 86_400, complaintMedianSeconds: 3600, complaintShareAnswered: 0.5 }));
    expect(r.breakdown.responsiveness.points).toBe(4 + 2 + 2);
    expect(r.responseSeconds).toBe(Math.round((7200 + 4 * 86_400 + 3600) / 3));
  });

  it('halves the score for each upheld moderation action, at most four times', () => {
    const clean = computeInfluence(facts({ acceptedAnswers: 10 }));
    const once = computeInfluence(facts({ acceptedAnswers: 10, upheldActions: 1 }));
    const many = computeInfluence(facts({ acceptedAnswers: 10, upheldActions: 9 }));
    expect(once.score).toBeCloseTo(clean.score / 2, 0);
    expect(many.breakdown.penalty.factor).toBe(1 / 16);
  });
});
