import type { AppContext } from '../app-context.js';
import { invalid, notFound } from '../errors.js';
import { homeFollowsChanged } from '../timelines/home-feed.js';
import {
  countFeaturedTags,
  deleteFeaturedTag,
  deleteFeaturedTagOf,
  deleteTagFollow,
  findOrCreateTag,
  featuredTagIdsAmong,
  findTagByName,
  insertFeaturedTag,
  insertTagFollow,
  type TagRow,
} from './tags.repository.js';

/**
 * Following a hashtag puts its public statuses in the follower's home timeline (the home rules
 * and fan-out read `tag_follows`): after a follow or unfollow the follower's precomputed feed is
 * dropped and rebuilt on the next read, as after following an account.
 */

/** Mastodon's hashtag names: letters, digits and underscores (a leading # is ignored). */
const HASHTAG = /^[\p{L}\p{N}_]{1,100}$/u;

/** The normalised name, or a 404 as Mastodon answers for something that cannot be a hashtag. */
export function hashtagNameOrNotFound(raw: string): string {
  const name = raw.replace(/^#/, '');
  if (!HASHTAG.test(name)) throw notFound('Tag');
  return name;
}

/** The tag as it is known, or an unsaved one (Mastodon shows a never-used hashtag with an empty id). */
export async function tagByName(app: AppContext, raw: string): Promise<TagRow> {
  const name = hashtagNameOrNotFound(raw);
  return (await findTagByName(app.db, name)) ?? { id: '', name: name.toLowerCase() };
}

export async function followTag(app: AppContext, me: string, raw: string): Promise<TagRow> {
  const tag = await findOrCreateTag(app.db, hashtagNameOrNotFound(raw));
  await insertTagFollow(app.db, me, tag.id);
  await homeFollowsChanged(app, [me]);
  return tag;
}

export async function unfollowTag(app: AppContext, me: string, raw: string): Promise<TagRow> {
  const tag = await tagByName(app, raw);
  if (tag.id) {
    await deleteTagFollow(app.db, me, tag.id);
    await homeFollowsChanged(app, [me]);
  }
  return tag;
}

/** Mastodon's limit of featured tags per profile. */
export const MAX_FEATURED_TAGS = 10;

export async function featureTag(app: AppContext, me: string, name: string): Promise<string> {
  if (!HASHTAG.test(name.replace(/^#/, ''))) throw invalid('Name is not a valid hashtag', 'name');
  if ((await countFeaturedTags(app.db, me)) >= MAX_FEATURED_TAGS) throw invalid(`You can feature at most ${MAX_FEATURED_TAGS} hashtags`, 'name');
  const tag = await findOrCreateTag(app.db, name.replace(/^#/, ''));
  if (!(await insertFeaturedTag(app.db, me, tag.id))) throw invalid('Name has already been taken', 'name');
  return tag.id;
}

export async function unfeatureTag(app: AppContext, me: string, id: string): Promise<void> {
  if (!(await deleteFeaturedTag(app.db, me, id))) throw notFound('Featured tag');
}

/**
 * Mastodon 4.4's `POST /api/v1/tags/:name/feature`: features the hashtag on the viewer's profile
 * (idempotent; at most MAX_FEATURED_TAGS). Returns the tag.
 */
export async function featureTagByName(app: AppContext, me: string, raw: string): Promise<TagRow> {
  const name = hashtagNameOrNotFound(raw);
  const known = await findTagByName(app.db, name);
  if (known && (await featuredTagIdsAmong(app.db, me, [known.id])).has(known.id)) return known;
  if ((await countFeaturedTags(app.db, me)) >= MAX_FEATURED_TAGS) throw invalid(`You can feature at most ${MAX_FEATURED_TAGS} hashtags`, 'name');
  const tag = known ?? (await findOrCreateTag(app.db, name));
  await insertFeaturedTag(app.db, me, tag.id);
  return tag;
}

/** `POST /api/v1/tags/:name/unfeature`: idempotent. */
export async function unfeatureTagByName(app: AppContext, me: string, raw: string): Promise<TagRow> {
  const tag = await tagByName(app, raw);
  if (tag.id) await deleteFeaturedTagOf(app.db, me, tag.id);
  return tag;
}
