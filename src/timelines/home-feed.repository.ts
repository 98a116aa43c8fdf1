import { sql, type SqlBool } from 'kysely';
import type { Db } from '../db/connect.js';
import { preparedQuery } from '../db/prepared.js';

/** The SQL behind precomputed home feeds (`home-feed.ts`). */

export interface FanOutSource {
  account_id: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  in_reply_to_account_id: string | null;
  reblog_of_id: string | null;
  followers_count: number;
  /** The author is limited by a moderator: no fan-out to hashtag followers. */
  silenced: boolean;
}

/** What fan-out needs to know about a status, or undefined when it is gone. */
export function findFanOutSource(db: Db, statusId: string): Promise<FanOutSource | undefined> {
  return db
    .selectFrom('statuses')
    .innerJoin('accounts', 'accounts.id', 'statuses.account_id')
    .select(['statuses.account_id', 'statuses.visibility', 'statuses.in_reply_to_account_id', 'statuses.reblog_of_id', 'accounts.followers_count', sql<boolean>`accounts.silenced_at IS NOT NULL`.as('silenced')])
    .where('statuses.id', '=', statusId)
    .executeTakeFirst();
}

/**
 * One batch of an author's followers, by follow id (keyset on `follows_followed_idx`). For a
 * reply to someone else, only the followers whose home shows it: those who are, or follow, the
 * account replied to (the home rule; the rest of the rules are applied when the feed is read).
 */
export function followersForFanOut(db: Db, authorId: string, replyToAccountId: string | null, afterFollowId: string, limit: number) {
  return db
    .selectFrom('follows')
    .select(['follows.id', 'follows.follower_id'])
    .where('follows.followed_id', '=', authorId)
    .where('follows.id', '>', afterFollowId)
    .$if(replyToAccountId !== null && replyToAccountId !== authorId, (q) =>
      q.where((eb) =>
        eb.or([
          eb('follows.follower_id', '=', replyToAccountId!),
          eb.exists(eb.selectFrom('follows as rf').select('rf.id').whereRef('rf.follower_id', '=', 'follows.follower_id').where('rf.followed_id', '=', replyToAccountId!)),
        ]),
      ),
    )
    .orderBy('follows.id')
    .limit(limit)
    .execute();
}

/** An author's newest statuses that can appear in a home (not direct), newest first. */
export async function recentAuthorStatusIds(db: Db, authorId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('statuses')
    .select('id')
    .where('account_id', '=', authorId)
    .where('visibility', '<>', 'direct')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

const bigFollowed = preparedQuery<{ me: string; min: number }, { id: string }>('home_big_followed', (db, p) =>
  db
    .selectFrom('follows')
    .innerJoin('accounts', 'accounts.id', 'follows.followed_id')
    .select('accounts.id')
    .where('follows.follower_id', '=', p.me)
    .where(sql<SqlBool>`accounts.followers_count >= ${p.min}::int`),
);

/** The accounts `me` follows that have at least `minFollowers` followers. */
export async function findBigFollowed(db: Db, me: string, minFollowers: number): Promise<string[]> {
  return (await bigFollowed(db, { me, min: minFollowers })).map((r) => r.id);
}

/**
 * One batch of the accounts following a hashtag of the status (by tag follow id, keyset on
 * `tag_follows_tag_idx`), the author left out. An account following several of its tags may come
 * twice; adding an id to a feed twice is harmless.
 */
export function tagFollowersForFanOut(db: Db, statusId: string, authorId: string, afterId: string, limit: number) {
  return db
    .selectFrom('tag_follows')
    .innerJoin('status_tags', 'status_tags.tag_id', 'tag_follows.tag_id')
    .select(['tag_follows.id', 'tag_follows.account_id'])
    .where('status_tags.status_id', '=', statusId)
    .where('tag_follows.account_id', '<>', authorId)
    .where('tag_follows.id', '>', afterId)
    .orderBy('tag_follows.id')
    .limit(limit)
    .execute();
}
