import type { Db } from '../src/db/connect.js';
import { heavyReaderIds, typicalReaderIds, type SeedSize } from './seed.js';

/** An author with its follower count and a few of its followers, spread over the follower ids. */
export interface Author {
  id: string;
  followers: number;
  sampleFollowers: string[];
}

/** What the measurements need to know about the seeded network, read once after seeding. */
export interface WorldFacts {
  statuses: number;
  follows: number;
  topFollowers: number[];
  accountsOver1000: number;
  medianFollowers: number;
  readers: string[];
  medianReaderFollowing: number;
  heavyReaders: { id: string; following: number }[];
  /** The most followed account and one with about ten followers, for posting side by side. */
  bigAuthor: Author;
  smallAuthor: Author;
  /** The five most followed accounts (the big one first), for the fan-out burst. */
  fanOutAuthors: Author[];
  /** Mid-sized authors that post the delivery probes. */
  probeAuthors: Author[];
  /** Accounts with the most statuses (account statuses and profile pages). */
  prolificAuthors: string[];
  /** A public status with replies, for its context. */
  threadStatusId: string;
  tag: string;
}

async function author(db: Db, id: string, followers: number, samples: number): Promise<Author> {
  const rows = await db.selectFrom('follows').select('follower_id').where('followed_id', '=', id).orderBy('follower_id').execute();
  const step = Math.max(1, Math.floor(rows.length / samples));
  const sampleFollowers = rows.filter((_, i) => i % step === Math.floor(step / 2)).slice(0, samples).map((r) => r.follower_id);
  return { id, followers, sampleFollowers };
}

export async function describeWorld(db: Db, size: SeedSize): Promise<WorldFacts> {
  const heavyIds = heavyReaderIds(size);
  const readers = typicalReaderIds(size);
  const totals = await db
    .selectFrom('accounts')
    .select((eb) => [eb.fn.sum<string>('following_count').as('follows'), eb.fn.sum<string>('statuses_count').as('statuses')])
    .executeTakeFirstOrThrow();
  const byFollowers = await db.selectFrom('accounts').select(['id', 'followers_count']).orderBy('followers_count', 'desc').orderBy('id').limit(40).execute();
  const median = await db.selectFrom('accounts').select('followers_count').orderBy('followers_count').offset(Math.floor(size.accounts / 2)).limit(1).executeTakeFirstOrThrow();
  const over1000 = await db.selectFrom('accounts').select((eb) => eb.fn.countAll<string>().as('n')).where('followers_count', '>=', 1000).executeTakeFirstOrThrow();
  const small = await db
    .selectFrom('accounts')
    .select(['id', 'followers_count'])
    .where('followers_count', '>=', 5)
    .where('followers_count', '<=', 15)
    .where('id', 'not in', heavyIds)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const readerFollowing = await db.selectFrom('accounts').select('following_count').where('id', 'in', readers).orderBy('following_count').execute();
  const heavy = await db.selectFrom('accounts').select(['id', 'following_count']).where('id', 'in', heavyIds).orderBy('following_count', 'desc').execute();
  const prolific = await db.selectFrom('accounts').select('id').orderBy('statuses_count', 'desc').limit(50).execute();
  const thread = await db
    .selectFrom('statuses')
    .select('id')
    .where('replies_count', '>=', 2)
    .where('visibility', '=', 'public')
    .where('reblog_of_id', 'is', null)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const big = byFollowers[0]!;
  return {
    statuses: Number(totals.statuses),
    follows: Number(totals.follows),
    topFollowers: byFollowers.slice(0, 5).map((r) => r.followers_count),
    accountsOver1000: Number(over1000.n),
    medianFollowers: median.followers_count,
    readers,
    medianReaderFollowing: readerFollowing[Math.floor(readerFollowing.length / 2)]?.following_count ?? 0,
    heavyReaders: heavy.map((r) => ({ id: r.id, following: r.following_count })),
    bigAuthor: await author(db, big.id, big.followers_count, 10),
    smallAuthor: await author(db, small.id, small.followers_count, 5),
    fanOutAuthors: await Promise.all(byFollowers.slice(0, 5).map((r) => author(db, r.id, r.followers_count, 8))),
    probeAuthors: await Promise.all(byFollowers.slice(20, 30).map((r) => author(db, r.id, r.followers_count, 3))),
    prolificAuthors: prolific.map((r) => r.id),
    threadStatusId: thread.id,
    tag: 'salud',
  };
}
