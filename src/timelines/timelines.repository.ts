import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import { readerOf } from '../auth/reader.js';
import type { Db } from '../db/connect.js';
import { preparedQueries, preparedQuery } from '../db/prepared.js';
import type { Database } from '../db/database.js';
import { mutedByViewer, notLimitedFor, readerKind, standInReader, visibleToViewer, type ReaderKind } from '../posts/visibility.js';
import { notBlockedOrMutedBy } from '../relations/relations.repository.js';
import { newestFirst, type IdRange } from './timeline-page.js';
import { inExclusiveListOf } from '../lists/lists.repository.js';

/**
 * The SQL of every timeline. Each function returns one page of status ids, newest first, read by
 * keyset on `statuses.id` (see `timeline-page.ts`); hydration into entities happens elsewhere.
 * Visibility always comes from `posts/visibility.ts`, so timelines never disagree with threads.
 */

type StatusesEb = ExpressionBuilder<Database, 'statuses'>;

/** Narrows an expression builder of a wider scope (joins, laterals) to the `statuses` rules. */
const onStatuses = (eb: unknown) => eb as StatusesEb;

function inRange(eb: StatusesEb, range: IdRange): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (range.below) conditions.push(eb('statuses.id', '<', range.below));
  if (range.above) conditions.push(eb('statuses.id', '>', range.above));
  return eb.and(conditions);
}

const direction = (range: IdRange) => (range.ascending ? 'asc' : 'desc');

/** Mastodon's public feeds leave out replies to other people (self-threads stay). */
function notReplyToOthers(eb: StatusesEb): Expression<SqlBool> {
  return eb.or([eb('statuses.in_reply_to_id', 'is', null), eb('statuses.in_reply_to_account_id', '=', eb.ref('statuses.account_id'))]);
}

function withMedia(eb: StatusesEb): Expression<SqlBool> {
  return eb.exists(eb.selectFrom('media_attachments').select('media_attachments.id').whereRef('media_attachments.status_id', '=', 'statuses.id'));
}

/**
 * The home rules for one status row, for the home of account `me`: the one authority on what
 * enters a home timeline, applied to every page whether it was read from the database
 * (`homeTimelineQuery`) or from a precomputed feed (`posts/status-facts.repository.ts`).
 *
 * - the author is `me`, or an active account `me` follows and neither blocks nor mutes (either
 *   way for blocks);
 * - never direct statuses (they belong to conversations); hidden ones only for their author;
 * - a reply shows when it answers its author, `me`, or someone `me` follows (Mastodon's rule);
 * - a reblog shows unless `me` blocks or mutes the original's author.
 * Visibility itself (`visibleToViewer`) is checked beside these rules.
 */
export function homeRules(eb: StatusesEb, me: string): Expression<SqlBool> {
  const followsAuthor = eb.exists(
    eb
      .selectFrom('follows')
      .innerJoin('accounts as author', 'author.id', 'follows.followed_id')
      .select('follows.id')
      .where('follows.follower_id', '=', me)
      .whereRef('follows.followed_id', '=', 'statuses.account_id')
      .where('author.suspended_at', 'is', null),
  );
  const fromFollowed = eb.and([
    eb.or([
      eb('statuses.account_id', '=', me),
      eb.and([followsAuthor, notBlockedOrMutedBy(me, 'statuses.account_id'), eb.not(inExclusiveListOf(eb, me))]),
    ]),
    eb('statuses.visibility', '<>', 'direct'),
    eb.or([eb('statuses.hidden_at', 'is', null), eb('statuses.account_id', '=', me)]),
    eb.or([
      eb('statuses.in_reply_to_account_id', 'is', null),
      eb('statuses.in_reply_to_account_id', '=', eb.ref('statuses.account_id')),
      eb('statuses.in_reply_to_account_id', '=', me),
      eb.exists(eb.selectFrom('follows as rf').select('rf.id').where('rf.follower_id', '=', me).whereRef('rf.followed_id', '=', 'statuses.in_reply_to_account_id')),
    ]),
    sql<SqlBool>`(statuses.reblog_of_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM statuses AS original
      WHERE original.id = statuses.reblog_of_id AND NOT ${notBlockedOrMutedBy(me, 'original.account_id')}))`,
  ]);
  return eb.or([fromFollowed, withFollowedTag(eb, me)]);
}

/**
 * A public original status carrying a hashtag `me` follows (Mastodon's followed tags), by an
 * active author `me` neither blocks nor mutes nor is blocked by, and not limited by a moderator
 * unless `me` follows them: the second way into a home timeline.
 */
function withFollowedTag(eb: StatusesEb, me: string): Expression<SqlBool> {
  return eb.and([
    eb('statuses.visibility', '=', 'public'),
    eb('statuses.reblog_of_id', 'is', null),
    eb('statuses.hidden_at', 'is', null),
    notBlockedOrMutedBy(me, 'statuses.account_id'),
    eb.exists(
      eb
        .selectFrom('status_tags as ft')
        .innerJoin('tag_follows', 'tag_follows.tag_id', 'ft.tag_id')
        .select('ft.tag_id')
        .whereRef('ft.status_id', '=', 'statuses.id')
        .where('tag_follows.account_id', '=', me),
    ),
    eb.not(
      eb.exists(
        eb
          .selectFrom('accounts as tag_author')
          .select('tag_author.id')
          .whereRef('tag_author.id', '=', 'statuses.account_id')
          .where((a) => a.or([a('tag_author.suspended_at', 'is not', null), a('tag_author.silenced_at', 'is not', null)]))
          .where((a) => a.not(a.exists(a.selectFrom('follows as tf').select('tf.id').where('tf.follower_id', '=', me).whereRef('tf.followed_id', '=', 'tag_author.id')))),
      ),
    ),
  ]);
}

/**
 * Home timeline: the viewer's own statuses and those of the accounts they follow, reblogs
 * included, newest first.
 *
 * The database's pull query, used to build a reader's precomputed feed and for pages older than
 * the feed holds (`home-feed.ts`): for each followed account (and the viewer) a LATERAL probe
 * reads at most `limit` ids from `statuses_account_idx (account_id, id DESC)`, and the probes are
 * merged by id. The cost is O(accounts followed × limit) index reads: it does not grow with the
 * total number of statuses, nor with how many followers an author has.
 *
 * Author-level rules are applied once per followed account (suspended, blocked either way,
 * muted); inside each probe the row-level ones, so pages come out full. `visibleToViewer` and
 * `homeRules` then check the merged page itself: they stay the one authority, at the cost of
 * `limit` rows rather than of every probed row.
 */
export async function homeTimelineIds(db: Db, viewer: Viewer, range: IdRange): Promise<string[]> {
  const rows = await homeTimelineQuery(db, viewer, range).execute();
  return newestFirst(
    rows.map((r) => r.id),
    range,
  );
}

/** The home timeline's query, unexecuted (the bench prints its EXPLAIN). */
export function homeTimelineQuery(db: Db, viewer: Viewer, range: IdRange) {
  const me = viewer.accountId;
  const followed = db
    .selectFrom('follows')
    .innerJoin('accounts as author', 'author.id', 'follows.followed_id')
    .select('follows.followed_id as author_id')
    .where('follows.follower_id', '=', me)
    .where('author.suspended_at', 'is', null)
    .where(notBlockedOrMutedBy(me, 'author.id'))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('list_accounts as xl').innerJoin('lists as xlist', 'xlist.id', 'xl.list_id').select('xl.list_id').whereRef('xl.account_id', '=', 'author.id').where('xlist.account_id', '=', me).where('xlist.exclusive', '=', true))));
  const sources = followed.unionAll(db.selectNoFrom(sql<string>`${me}::bigint`.as('author_id')));
  const candidates = db
    .selectFrom(sources.as('f'))
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('statuses')
          .select('statuses.id')
          .whereRef('statuses.account_id', '=', 'f.author_id')
          .where((w) => inRange(onStatuses(w), range))
          .where('statuses.visibility', '<>', 'direct')
          .where((w) => w.or([w('statuses.hidden_at', 'is', null), w('statuses.account_id', '=', me)]))
          .where((w) =>
            w.or([
              w('statuses.in_reply_to_account_id', 'is', null),
              w('statuses.in_reply_to_account_id', '=', w.ref('statuses.account_id')),
              w('statuses.in_reply_to_account_id', '=', me),
              w.exists(
                w.selectFrom('follows as rf').select('rf.id').where('rf.follower_id', '=', me).whereRef('rf.followed_id', '=', 'statuses.in_reply_to_account_id'),
              ),
            ]),
          )
          .where(
            sql<SqlBool>`(statuses.reblog_of_id IS NULL OR NOT EXISTS (
              SELECT 1 FROM statuses AS original
              WHERE original.id = statuses.reblog_of_id AND NOT ${notBlockedOrMutedBy(me, 'original.account_id')}))`,
          )
          .orderBy('statuses.id', direction(range))
          .limit(range.limit)
          .as('s'),
      (join) => join.onTrue(),
    )
    .select('s.id')
    .orderBy('s.id', direction(range))
    .limit(range.limit);
  // Followed hashtags: for each, a probe along status_tags' primary key (tag_id, status_id).
  const tagged = db
    .selectFrom('tag_follows')
    .innerJoinLateral(
      (eb) =>
        eb
          .selectFrom('status_tags')
          .innerJoin('statuses', 'statuses.id', 'status_tags.status_id')
          .select('status_tags.status_id as id')
          .whereRef('status_tags.tag_id', '=', 'tag_follows.tag_id')
          .where('statuses.visibility', '=', 'public')
          .where('statuses.reblog_of_id', 'is', null)
          .$if(range.below !== null, (q) => q.where('status_tags.status_id', '<', range.below!))
          .$if(range.above !== null, (q) => q.where('status_tags.status_id', '>', range.above!))
          .orderBy('status_tags.status_id', direction(range))
          .limit(range.limit)
          .as('t'),
      (join) => join.onTrue(),
    )
    .select('t.id')
    .where('tag_follows.account_id', '=', me)
    .orderBy('t.id', direction(range))
    .limit(range.limit);
  const merged = db
    .selectFrom(candidates.as('a'))
    .select('a.id')
    .union(db.selectFrom(tagged.as('b')).select('b.id'));
  const page = db.selectFrom(merged.as('m')).select('m.id').orderBy('m.id', direction(range)).limit(range.limit);
  return db
    .selectFrom(page.as('page'))
    .innerJoin('statuses', 'statuses.id', 'page.id')
    .select('statuses.id')
    .where((eb) => visibleToViewer(onStatuses(eb), viewer))
    .where((eb) => homeRules(onStatuses(eb), me))
    .orderBy('statuses.id', direction(range));
}

export interface PublicTimelineFilter {
  /** Mastodon's `remote=true`: statuses from other servers. Medired has no federation yet. */
  remoteOnly: boolean;
  onlyMedia: boolean;
}

/**
 * What varies the text of a prepared timeline query besides its parameters: the kind of reader
 * and which bounds the page has (see `db/prepared.ts`).
 */
interface PageVariant {
  reader: ReaderKind;
  asc: boolean;
  below: boolean;
  above: boolean;
  /** In the text, not a parameter: a generic plan with `LIMIT $n` assumes a large share of rows. */
  limit: number;
}

interface PageParams extends Record<string, unknown> {
  me: string;
  below: string;
  above: string;
}

const pageVariant = (viewer: Viewer | null, range: IdRange): PageVariant => ({
  reader: readerKind(viewer),
  asc: range.ascending,
  below: range.below !== null,
  above: range.above !== null,
  limit: range.limit,
});

const pageParams = (viewer: Viewer | null, range: IdRange): PageParams => ({
  me: readerOf(viewer)?.accountId ?? '0',
  below: range.below ?? '0',
  above: range.above ?? '0',
});

function inPage(eb: StatusesEb, v: PageVariant, p: PageParams): Expression<SqlBool> {
  const conditions: Expression<SqlBool>[] = [];
  if (v.below) conditions.push(eb('statuses.id', '<', p.below));
  if (v.above) conditions.push(eb('statuses.id', '>', p.above));
  return eb.and(conditions);
}

const publicIds = preparedQueries<PageVariant & { media: boolean }, PageParams, { id: string }>('public_timeline', (db, p, v) => {
  const viewer = standInReader(v.reader, p.me);
  return db
    .selectFrom('statuses')
    .select('statuses.id')
    .where('statuses.visibility', '=', 'public')
    .where('statuses.reblog_of_id', 'is', null)
    .where((eb) => inPage(eb, v, p))
    .where((eb) => notReplyToOthers(eb))
    .where((eb) => visibleToViewer(eb, viewer))
    .where((eb) => eb.not(mutedByViewer(eb, viewer)))
    .where((eb) => notLimitedFor(eb, viewer))
    .$if(v.media, (q) => q.where((eb) => withMedia(eb)))
    .orderBy('statuses.id', v.asc ? 'asc' : 'desc')
    .limit(v.limit);
});

/**
 * Public (local) timeline: public, original (not reblog) statuses, no replies to others, read
 * along `statuses_public_idx`. Silenced authors appear only to their followers.
 */
export async function publicTimelineIds(db: Db, viewer: Viewer | null, range: IdRange, filter: PublicTimelineFilter): Promise<string[]> {
  if (filter.remoteOnly) return [];
  const rows = await publicIds(db, { ...pageVariant(viewer, range), media: filter.onlyMedia }, pageParams(viewer, range));
  return newestFirst(
    rows.map((r) => r.id),
    range,
  );
}

export interface TagFilter {
  /** Statuses with at least one of these tags (the path's tag plus `any[]`). */
  any: string[];
  /** ... and with every one of these. */
  all: string[];
  /** ... and with none of these. */
  none: string[];
  remoteOnly: boolean;
  onlyMedia: boolean;
}

const tagIdsByName = preparedQuery<{ names: string[] }, { id: string }>('tag_ids', (db, p) =>
  db.selectFrom('tags').select('id').where(sql<SqlBool>`lower(name) = any(${p.names}::text[])`),
);

async function tagIds(db: Db, names: string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const rows = await tagIdsByName(db, { names: names.map((n) => n.toLowerCase()) });
  return rows.map((r) => r.id);
}

const taggedWith = (eb: StatusesEb, ids: unknown) =>
  eb('statuses.id', 'in', eb.selectFrom('status_tags').select('status_tags.status_id').where(sql<SqlBool>`status_tags.tag_id = any(${ids}::bigint[])`));

const tagTimelineRows = preparedQueries<PageVariant & { media: boolean; all: number; none: boolean; single: boolean }, PageParams & { anyIds: string[]; noneIds: string[] }, { id: string }>(
  'tag_timeline',
  (db, p, v) => {
    const viewer = standInReader(v.reader, p.me);
    // One parameter per group of `all[]`: the placeholders are named all0, all1, …
    const groups = Array.from({ length: v.all }, (_, i) => (p as unknown as Record<string, unknown>)[`all${i}`]);
    const rules = (eb: StatusesEb): Expression<SqlBool> =>
      eb.and([
        eb('statuses.visibility', '=', 'public'),
        eb('statuses.reblog_of_id', 'is', null),
        ...groups.map((ids) => taggedWith(eb, ids)),
        ...(v.none ? [eb.not(taggedWith(eb, p.noneIds))] : []),
        visibleToViewer(eb, viewer),
        eb.not(mutedByViewer(eb, viewer)),
        notLimitedFor(eb, viewer),
        ...(v.media ? [withMedia(eb)] : []),
      ]);
    if (v.single) {
      // One tag (the usual case): walk that tag's entries newest first along the primary key
      // (tag_id, status_id) instead of every public status.
      return db
        .selectFrom('status_tags')
        .innerJoin('statuses', 'statuses.id', 'status_tags.status_id')
        .select('statuses.id')
        .where(sql<SqlBool>`status_tags.tag_id = (${p.anyIds}::bigint[])[1]`)
        .$if(v.below, (w) => w.where('status_tags.status_id', '<', p.below))
        .$if(v.above, (w) => w.where('status_tags.status_id', '>', p.above))
        .where((eb) => rules(onStatuses(eb)))
        .orderBy('status_tags.status_id', v.asc ? 'asc' : 'desc')
        .limit(v.limit);
    }
    return db
      .selectFrom('statuses')
      .select('statuses.id')
      .where((eb) => inPage(eb, v, p))
      .where((eb) => taggedWith(eb, p.anyIds))
      .where((eb) => rules(eb))
      .orderBy('statuses.id', v.asc ? 'asc' : 'desc')
      .limit(v.limit);
  },
);

/** Hashtag timeline: public, original statuses carrying the tags, with Mastodon's any/all/none. */
export async function tagTimelineIds(db: Db, viewer: Viewer | null, range: IdRange, filter: TagFilter): Promise<string[]> {
  if (filter.remoteOnly) return [];
  const anyIds = await tagIds(db, filter.any);
  if (anyIds.length === 0) return [];
  const allGroups = await Promise.all(filter.all.map((name) => tagIds(db, [name])));
  if (allGroups.some((ids) => ids.length === 0)) return [];
  const noneIds = await tagIds(db, filter.none);
  const groupParams = Object.fromEntries(allGroups.map((ids, i) => [`all${i}`, ids]));
  const rows = await tagTimelineRows(
    db,
    { ...pageVariant(viewer, range), media: filter.onlyMedia, all: allGroups.length, none: noneIds.length > 0, single: anyIds.length === 1 },
    { ...pageParams(viewer, range), anyIds, noneIds, ...groupParams },
  );
  return newestFirst(
    rows.map((r) => r.id),
    range,
  );
}

export interface AccountStatusesFilter {
  excludeReplies: boolean;
  excludeReblogs: boolean;
  onlyMedia: boolean;
  /** A hashtag name the statuses must carry. */
  tagged: string | null;
  /** Medired: only articles (the blog) or only short notes. */
  kind: 'article' | 'note' | null;
}

type AccountVariant = PageVariant & { replies: boolean; reblogs: boolean; media: boolean; tagged: boolean; kind: 'article' | 'note' | null };

const accountRows = preparedQueries<AccountVariant, PageParams & { account: string; tagIds: string[] }, { id: string }>('account_statuses', (db, p, v) => {
  const viewer = standInReader(v.reader, p.me);
  return db
    .selectFrom('statuses')
    .select('statuses.id')
    .where('statuses.account_id', '=', p.account)
    // Private messages live in their conversations, never on a profile (not even its author's).
    .where('statuses.visibility', '<>', 'direct')
    .where((eb) => inPage(eb, v, p))
    .where((eb) => visibleToViewer(eb, viewer, { asStaff: true }))
    .$if(!v.replies, (q) => q.where((eb) => notReplyToOthers(eb)))
    .$if(!v.reblogs || v.kind !== null, (q) => q.where('statuses.reblog_of_id', 'is', null))
    .$if(v.kind !== null, (q) => q.where('statuses.kind', '=', v.kind!))
    .$if(v.media, (q) => q.where((eb) => withMedia(eb)))
    .$if(v.tagged, (q) =>
      q.where((eb) =>
        eb.exists(eb.selectFrom('status_tags').select('status_tags.tag_id').whereRef('status_tags.status_id', '=', 'statuses.id').where(sql<SqlBool>`status_tags.tag_id = any(${p.tagIds}::bigint[])`)),
      ),
    )
    .orderBy('statuses.id', v.asc ? 'asc' : 'desc')
    .limit(v.limit);
});

/**
 * A profile's statuses as `viewer` may see them (followers-only ones only for followers; none at
 * all when a block stands between them; staff see everything, as for a single status), along `statuses_account_idx` or, for articles,
 * `statuses_account_articles_idx`. Replies to oneself stay when replies are excluded, as in Mastodon.
 */
export async function accountStatusIds(db: Db, viewer: Viewer | null, accountId: string, range: IdRange, filter: AccountStatusesFilter): Promise<string[]> {
  let tagId: string[] = [];
  if (filter.tagged) {
    tagId = await tagIds(db, [filter.tagged]);
    if (tagId.length === 0) return [];
  }
  const rows = await accountRows(
    db,
    { ...pageVariant(viewer, range), replies: !filter.excludeReplies, reblogs: !filter.excludeReblogs, media: filter.onlyMedia, tagged: tagId.length > 0, kind: filter.kind },
    { ...pageParams(viewer, range), account: accountId, tagIds: tagId },
  );
  return newestFirst(
    rows.map((r) => r.id),
    range,
  );
}

/**
 * Mastodon's (deprecated) direct timeline: the private messages the viewer wrote or reads in
 * their conversations, newest first, by the visibility rules of `visibility.ts` (staff see no more).
 */
export async function directTimelineIds(db: Db, viewer: Viewer, range: IdRange): Promise<string[]> {
  const rows = await db
    .selectFrom('statuses')
    .select('statuses.id')
    .where('statuses.visibility', '=', 'direct')
    .where((eb) => visibleToViewer(eb, viewer, { asStaff: false }))
    .$if(range.below !== null, (q) => q.where('statuses.id', '<', range.below!))
    .$if(range.above !== null, (q) => q.where('statuses.id', '>', range.above!))
    .orderBy('statuses.id', range.ascending ? 'asc' : 'desc')
    .limit(range.limit)
    .execute();
  return newestFirst(
    rows.map((r) => r.id),
    range,
  );
}
