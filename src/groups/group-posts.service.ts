import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../errors.js';
import type { PostInput } from './groups.js';
import { mayModerateGroup, revealsOnlyAsStaff } from './groups.policy.js';
import { assertModerates, assertReadable, assertTakesPart, groupById, type GroupAccess } from './groups.service.js';
import {
  bumpRepliesCount,
  deleteGroupPost,
  deleteLike,
  findFeedPage,
  findGroupPost,
  findPinnedPosts,
  findReplies,
  insertGroupPost,
  insertLike,
  markPostRemoved,
  setGroupPostSealed,
  setPinned,
  settleOpenReportsOf,
  type GroupPostRow,
} from './group-posts.repository.js';
import { notifyReply } from './group-notices.js';
import { attachUploads } from '../attachments/attachments.service.js';
import { findGroupPostMedia } from '../attachments/attachments.repository.js';
import { openMediaRow } from '../media/media.service.js';
import type { MediaRow } from '../media/media-entity.js';

import { groupPostPlace } from './group-post-place.js';

export { groupPostPlace };

/** A post's text as its readers see it: opened from its seal in private groups. */
export function postText(app: AppContext, row: Pick<GroupPostRow, 'id' | 'text' | 'sealed'>): string {
  return row.sealed ? app.sealer.open(row.sealed, groupPostPlace(row.id)) : row.text;
}

/** A post with its group and the viewer's access; 404 for unknown ids and for posts the viewer may not read. */
export async function postWithAccess(app: AppContext, viewer: Viewer | null, postId: string): Promise<{ post: GroupPostRow; access: GroupAccess }> {
  const post = await findGroupPost(app.db, postId);
  if (!post) throw notFound('Post', 'groups.error.postNotFound');
  const access = await groupById(app, viewer, post.group_id);
  assertReadable(access);
  if (post.removed_at && !mayModerateGroup(access.viewer, access.membership)) throw notFound('Post', 'groups.error.postNotFound');
  return { post, access };
}

export interface FeedPage {
  pinned: GroupPostRow[];
  posts: GroupPostRow[];
  replies: Map<string, GroupPostRow[]>;
  nextMaxId: string | null;
}

/** The group's feed: pinned posts (on the first page), then posts newest first, each with its replies. */
export async function groupFeed(app: AppContext, access: GroupAccess, page: { maxId?: string | undefined; minId?: string | undefined; limit: number }): Promise<FeedPage> {
  assertReadable(access);
  const rows = await findFeedPage(app.db, access.group.id, page);
  const posts = rows.slice(0, page.limit);
  const first = !page.maxId && !page.minId;
  const pinned = first ? await findPinnedPosts(app.db, access.group.id) : [];
  const pinnedIds = new Set(pinned.map((p) => p.id));
  const shown = posts.filter((p) => !pinnedIds.has(p.id));
  const replies = new Map<string, GroupPostRow[]>();
  for (const r of await findReplies(app.db, [...pinned, ...shown].map((p) => p.id))) {
    const list = replies.get(r.parent_id!) ?? [];
    list.push(r);
    replies.set(r.parent_id!, list);
  }
  return { pinned, posts: shown, replies, nextMaxId: rows.length > page.limit ? (posts[posts.length - 1]?.id ?? null) : null };
}

/** Replies of one post, oldest first. */
export async function repliesOf(app: AppContext, viewer: Viewer | null, postId: string): Promise<{ post: GroupPostRow; access: GroupAccess; replies: GroupPostRow[] }> {
  const { post, access } = await postWithAccess(app, viewer, postId);
  return { post, access, replies: await findReplies(app.db, [post.id]) };
}

/**
 * A member posts (or replies) in the group, under the account or under the pseudonym set for
 * the group. The text of a private group's post is sealed at rest.
 */
export async function createGroupPost(app: AppContext, access: GroupAccess, input: PostInput, parentId: string | null = null): Promise<GroupPostRow> {
  assertTakesPart(access);
  const { group, membership, viewer } = access;
  if (input.pseudonymous && !membership.pseudonym) throw forbidden('Set a pseudonym for this group first', 'groups.error.noPseudonym');
  const underPseudonym = input.pseudonymous ?? membership.pseudonym !== null;
  let parent: GroupPostRow | undefined;
  if (parentId) {
    parent = await findGroupPost(app.db, parentId);
    if (!parent || parent.group_id !== group.id || parent.removed_at) throw notFound('Post', 'groups.error.postNotFound');
    // Replies are one level deep: a reply to a reply joins the same thread.
    if (parent.parent_id) parent = await findGroupPost(app.db, parent.parent_id);
    if (!parent) throw notFound('Post', 'groups.error.postNotFound');
  }
  const sealed = group.visibility === 'private';
  return app.db.transaction().execute(async (trx) => {
    let row = await insertGroupPost(trx, {
      group_id: group.id,
      account_id: viewer.accountId,
      parent_id: parent?.id ?? null,
      text: sealed ? '' : input.text,
      sealed: null,
      pseudonym: underPseudonym ? membership.pseudonym : null,
    });
    if (sealed) row = await setGroupPostSealed(trx, row.id, app.sealer.seal(input.text, groupPostPlace(row.id)));
    await attachUploads(trx, app.sealer, { owner: 'group_post', ownerId: row.id, accountId: viewer.accountId, ids: input.media_ids ?? [], keepSealed: sealed, imagesOnly: true });
    if (parent) {
      await bumpRepliesCount(trx, parent.id, 1);
      await notifyReply(trx, group, parent, row);
    }
    return row;
  });
}

export async function likeGroupPost(app: AppContext, viewer: Viewer, postId: string, like: boolean): Promise<GroupPostRow> {
  const { post, access } = await postWithAccess(app, viewer, postId);
  assertTakesPart(access);
  if (post.removed_at) throw notFound('Post', 'groups.error.postNotFound');
  if (like) await insertLike(app.db, post.id, viewer.accountId);
  else await deleteLike(app.db, post.id, viewer.accountId);
  return (await findGroupPost(app.db, post.id))!;
}

export async function pinGroupPost(app: AppContext, viewer: Viewer, postId: string, pinned: boolean): Promise<GroupPostRow> {
  const { post, access } = await postWithAccess(app, viewer, postId);
  assertModerates(access);
  if (post.parent_id || post.removed_at) throw forbidden('Only posts, not replies, can be pinned', 'groups.error.pinReply');
  await setPinned(app.db, post.id, pinned);
  return (await findGroupPost(app.db, post.id))!;
}

/** The group's moderators remove a post, with a reason (kept for the record; the author is not shown it). */
export async function removeGroupPost(app: AppContext, viewer: Viewer, postId: string, reason: string): Promise<GroupPostRow> {
  const { post, access } = await postWithAccess(app, viewer, postId);
  assertModerates(access);
  await app.db.transaction().execute(async (trx) => {
    await markPostRemoved(trx, post.id, viewer.accountId, reason);
    if (post.parent_id && !post.removed_at) await bumpRepliesCount(trx, post.parent_id, -1);
    await settleOpenReportsOf(trx, post.id, 'removed', viewer.accountId);
  });
  return (await findGroupPost(app.db, post.id))!;
}

/**
 * The author deletes their own post (its replies go with it) — always, even after being removed
 * from or banned in the group: what one wrote stays one's own to take back. Anyone else learns
 * no more than reading allows (404 where the post cannot be read, 403 where it can).
 */
export async function deleteOwnGroupPost(app: AppContext, viewer: Viewer, postId: string): Promise<void> {
  const own = await findGroupPost(app.db, postId);
  const post = own && !viewer.suspended && own.account_id === viewer.accountId ? own : (await postWithAccess(app, viewer, postId)).post;
  if (post.account_id !== viewer.accountId || viewer.suspended) throw forbidden('Only the author can delete this post', 'groups.error.notAuthor');
  await app.db.transaction().execute(async (trx) => {
    await deleteGroupPost(trx, post.id);
    if (post.parent_id && !post.removed_at) await bumpRepliesCount(trx, post.parent_id, -1);
  });
}

/**
 * Staff who are not the group's moderators see the accounts behind pseudonyms: each time they
 * do, the audit log says whose and where.
 */
export async function auditStaffReveal(app: AppContext, access: GroupAccess, posts: GroupPostRow[]): Promise<void> {
  if (!revealsOnlyAsStaff(access.viewer, access.membership)) return;
  const revealed = posts.filter((p) => p.pseudonym);
  if (revealed.length === 0) return;
  await recordAudit(app.db, {
    actorAccountId: access.viewer!.accountId,
    action: 'group.reveal_pseudonym',
    targetType: 'group',
    targetId: access.group.id,
    data: { post_ids: revealed.map((p) => p.id), account_ids: [...new Set(revealed.map((p) => p.account_id))] },
  });
}

/**
 * One image of a group post, for whoever may read the post (the group's read rules; a removed
 * post only for its moderators): 404 otherwise, as for the post itself.
 */
export async function groupPostImage(app: AppContext, viewer: Viewer | null, postId: string, mediaId: string): Promise<{ media: MediaRow; access: GroupAccess }> {
  const { access } = await postWithAccess(app, viewer, postId);
  const media = await findGroupPostMedia(app.db, postId, mediaId);
  if (!media) throw notFound('Media');
  return { media: openMediaRow(app, media), access };
}
