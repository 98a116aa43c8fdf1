import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zId } from '../http/schemas.js';
import { notFound } from '../errors.js';
import { storedImageResponse } from '../attachments/stored-file.js';
import { GROUP_CREATE_LIMITS, GROUP_INVITE_LIMITS, GROUP_POST_LIMITS, GROUP_REPORT_LIMITS } from './group-limits.js';
import { accountInput, directoryQuery, groupInput, groupUpdate, inviteInput, leaveInput, postInput, pseudonymInput, reasonInput, reportDecisionInput, reportInput, resourceInput, roleInput } from './groups.js';
import { findMembers, findMembershipsOf } from './groups.repository.js';
import { findGroupPost } from './group-posts.repository.js';
import {
  actOnMember,
  addResource,
  answerInvitation,
  assertModerates,
  assertReadable,
  createGroup,
  groupById,
  inviteToGroup,
  joinGroup,
  leaveGroup,
  listDirectory,
  listResources,
  removeResource,
  setMemberRole,
  setPseudonym,
  transferOwnership,
  updateGroup,
  type MemberAction,
} from './groups.service.js';
import { createGroupPost, deleteOwnGroupPost, groupFeed, groupPostImage, likeGroupPost, pinGroupPost, postWithAccess, removeGroupPost, repliesOf } from './group-posts.service.js';
import { groupReportQueue, readReportedGroupPost, reportGroupPost, resolveGroupReport } from './group-reports.service.js';
import { toFeedEntities, toGroupEntities, toGroupEntity, toMemberEntities, toMembershipEntity, toPostEntities, toResourceEntity } from './groups.serializer.js';

const tags = ['groups'];
const base = '/api/v1/medired/groups';
const posts = '/api/v1/medired/group_posts';

async function groupEntity(app: AppContext, viewer: Viewer | null, id: string) {
  return toGroupEntity(app, await groupById(app, viewer, id));
}

/** The one post, as its reader sees it (with its replies). */
async function postEntity(app: AppContext, viewer: Viewer | null, postId: string) {
  const { post, access, replies } = await repliesOf(app, viewer, postId);
  return (await toPostEntities(app, access, [post], new Map([[post.id, replies]])))[0]!;
}

const list = defineRoute({
  method: 'get',
  path: base,
  summary: 'The group directory: public and private groups (name, description, rules and tags only), by tag and by words of the name',
  tags,
  auth: 'optional',
  query: directoryQuery,
  handler: async ({ c, app, viewer, query }) => {
    const page = await listDirectory(app, query);
    if (page.nextMaxId) {
      const url = new URL(c.req.url);
      url.searchParams.set('max_id', page.nextMaxId);
      c.header('Link', `<${url.toString()}>; rel="next"`);
    }
    const memberships = viewer ? new Map((await findMembershipsOf(app.db, viewer.accountId, page.groups.map((g) => g.id))).map((m) => [m.group_id, m])) : new Map();
    return toGroupEntities(app, page.groups, memberships);
  },
});

const create = defineRoute({
  method: 'post',
  path: base,
  summary: 'Create a support group (you become its owner); `organisation: true` runs it from your organisation\u2019s page',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: groupInput,
  errors: ['forbidden'],
  rateLimits: GROUP_CREATE_LIMITS,
  handler: async ({ app, viewer, body }) => {
    const group = await createGroup(app, viewer!, body);
    return groupEntity(app, viewer, group.id);
  },
});

const show = defineRoute({
  method: 'get',
  path: `${base}/:id`,
  summary: 'One group as the directory shows it, with your membership',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => groupEntity(app, viewer, params.id),
});

const update = defineRoute({
  method: 'put',
  path: `${base}/:id`,
  summary: "Change the group's name, description, rules, tags or visibility (owner)",
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: groupUpdate,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params, body }) => {
    await updateGroup(app, viewer!, params.id, body);
    return groupEntity(app, viewer, params.id);
  },
});

const membershipRoute = (path: string, summary: string, act: (app: AppContext, viewer: Viewer, id: string) => Promise<unknown>) =>
  defineRoute({
    method: 'post',
    path: `${base}/:id/${path}`,
    summary,
    tags,
    auth: 'user',
    scope: 'write:follows',
    params: idParams,
    errors: ['not_found', 'forbidden', 'conflict'],
    handler: async ({ app, viewer, params }) => {
      await act(app, viewer!, params.id);
      return groupEntity(app, viewer, params.id);
    },
  });

const join = membershipRoute('join', 'Join a public group, ask to join a private one, or accept an invitation', (app, v, id) => joinGroup(app, v, id));
const acceptInvite = membershipRoute('accept_invite', 'Accept an invitation to the group', (app, v, id) => answerInvitation(app, v, id, true));
const declineInvite = membershipRoute('decline_invite', 'Decline an invitation to the group', (app, v, id) => answerInvitation(app, v, id, false));

const leave = defineRoute({
  method: 'post',
  path: `${base}/:id/leave`,
  summary: 'Leave the group (or withdraw a request), keeping (`posts=keep`) or deleting (`posts=delete`) your posts; the owner hands the group over first',
  tags,
  auth: 'user',
  scope: 'write:follows',
  params: idParams,
  body: leaveInput,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params, body }) => {
    await leaveGroup(app, viewer!, params.id, body.posts);
    return groupEntity(app, viewer, params.id);
  },
});

const members = defineRoute({
  method: 'get',
  path: `${base}/:id/members`,
  summary: "The group's members (`state=pending|invited|banned`: for its moderators); members with a pseudonym appear under it alone",
  tags,
  auth: 'optional',
  params: idParams,
  query: z.object({ state: z.enum(['active', 'pending', 'invited', 'banned']).default('active') }),
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params, query }) => {
    const access = await groupById(app, viewer, params.id);
    if (query.state === 'active') assertReadable(access);
    else assertModerates(access);
    return toMemberEntities(app, access, await findMembers(app.db, params.id, query.state, 500));
  },
});

const memberAction = (action: MemberAction, summary: string) =>
  defineRoute({
    method: 'post',
    path: `${base}/:id/${action}`,
    summary,
    tags,
    auth: 'user',
    scope: 'write:follows',
    params: idParams,
    body: accountInput,
    errors: ['not_found', 'forbidden', 'conflict'],
    handler: async ({ app, viewer, params, body }) => toMembershipEntity(await actOnMember(app, viewer!, params.id, body.account_id, action)),
  });

const approve = memberAction('approve', 'Approve a request to join (moderators)');
const refuse = memberAction('refuse', 'Refuse a request to join (moderators)');
const remove = memberAction('remove', 'Remove a member (moderators; the owner and moderators only by the owner)');
const ban = memberAction('ban', 'Ban someone: they cannot rejoin nor read a private group (moderators)');
const unban = memberAction('unban', 'Lift a ban (moderators)');

const invite = defineRoute({
  method: 'post',
  path: `${base}/:id/invite`,
  summary: 'Invite an account by username (moderators); `expert: true` invites a verified professional as a group expert',
  tags,
  auth: 'user',
  scope: 'write:follows',
  params: idParams,
  body: inviteInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  rateLimits: GROUP_INVITE_LIMITS,
  handler: async ({ app, viewer, params, body }) => toMembershipEntity(await inviteToGroup(app, viewer!, params.id, body.username, body.expert)),
});

const role = defineRoute({
  method: 'post',
  path: `${base}/:id/role`,
  summary: 'Make a member a moderator, or a moderator a member (owner)',
  tags,
  auth: 'user',
  scope: 'write:follows',
  params: idParams,
  body: roleInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params, body }) => toMembershipEntity(await setMemberRole(app, viewer!, params.id, body.account_id, body.role)),
});

const transfer = defineRoute({
  method: 'post',
  path: `${base}/:id/transfer`,
  summary: 'Hand the group over to another active member (owner); you stay as a moderator',
  tags,
  auth: 'user',
  scope: 'write:follows',
  params: idParams,
  body: accountInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params, body }) => toMembershipEntity(await transferOwnership(app, viewer!, params.id, body.account_id)),
});

const pseudonym = defineRoute({
  method: 'put',
  path: `${base}/:id/pseudonym`,
  summary: 'Set (or clear, with null) the pseudonym you may post under in this group',
  tags,
  auth: 'user',
  scope: 'write:accounts',
  params: idParams,
  body: pseudonymInput,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params, body }) => toMembershipEntity(await setPseudonym(app, viewer!, params.id, body.pseudonym)),
});

const feed = defineRoute({
  method: 'get',
  path: `${base}/:id/posts`,
  summary: "The group's feed: pinned posts first (first page), then posts newest first with their replies; Link pagination",
  tags,
  auth: 'optional',
  params: idParams,
  query: pageQuery(20, 40),
  errors: ['not_found'],
  handler: async ({ c, app, viewer, params, query }) => {
    const access = await groupById(app, viewer, params.id);
    const page = await groupFeed(app, access, { maxId: query.max_id, minId: query.min_id ?? query.since_id, limit: query.limit });
    const link = linkHeader(c.req.url, page.posts.map((p) => p.id));
    if (link) c.header('Link', link);
    return toFeedEntities(app, access, page);
  },
});

const post = defineRoute({
  method: 'post',
  path: `${base}/:id/posts`,
  summary: 'Post in the group (members), under your account or (`pseudonymous: true`) your pseudonym for the group',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: postInput,
  errors: ['not_found', 'forbidden'],
  rateLimits: GROUP_POST_LIMITS,
  handler: async ({ app, viewer, params, body }) => {
    const row = await createGroupPost(app, await groupById(app, viewer, params.id), body);
    return postEntity(app, viewer, row.id);
  },
});

const resources = defineRoute({
  method: 'get',
  path: `${base}/:id/resources`,
  summary: "The group's list of resources",
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => (await listResources(app, viewer, params.id)).map(toResourceEntity),
});

const addResourceRoute = defineRoute({
  method: 'post',
  path: `${base}/:id/resources`,
  summary: 'Add a resource (moderators)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: resourceInput,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params, body }) => toResourceEntity(await addResource(app, viewer!, params.id, body)),
});

const deleteResourceRoute = defineRoute({
  method: 'delete',
  path: '/api/v1/medired/group_resources/:id',
  summary: 'Delete a resource (moderators)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params }) => toResourceEntity(await removeResource(app, viewer!, params.id)),
});

const reports = defineRoute({
  method: 'get',
  path: `${base}/:id/reports`,
  summary: "The group's open reports (its moderators' queue); the reporter is not named",
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params }) => {
    const access = await groupById(app, viewer, params.id);
    const rows = await groupReportQueue(app, viewer!, params.id);
    const postRows = (await Promise.all(rows.map((r) => findGroupPost(app.db, r.post_id)))).filter((p) => !!p);
    const entities = new Map((await toPostEntities(app, access, postRows)).map((p) => [p.id, p]));
    return rows.map((r) => ({ id: r.id, comment: r.comment, state: r.state, created_at: r.created_at.toISOString(), post: entities.get(r.post_id) ?? null }));
  },
});

const resolveReport = defineRoute({
  method: 'post',
  path: '/api/v1/medired/group_reports/:id/resolve',
  summary: "Settle a report of the group's queue: dismiss it, remove the post, or escalate it to the instance's moderators",
  tags,
  auth: 'user',
  scope: 'write:reports',
  params: idParams,
  body: reportDecisionInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params, body }) => {
    const row = await resolveGroupReport(app, viewer!, params.id, body.action, body.reason);
    return { id: row.id, state: row.state, report_id: row.report_id };
  },
});

const showPost = defineRoute({
  method: 'get',
  path: `${posts}/:id`,
  summary: 'One group post with its replies',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => postEntity(app, viewer, params.id),
});

const replies = defineRoute({
  method: 'get',
  path: `${posts}/:id/replies`,
  summary: 'The replies of a group post, oldest first',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    const { access, replies: rows } = await repliesOf(app, viewer, params.id);
    return toPostEntities(app, access, rows);
  },
});

const reply = defineRoute({
  method: 'post',
  path: `${posts}/:id/replies`,
  summary: 'Reply to a group post (members)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: postInput,
  errors: ['not_found', 'forbidden'],
  rateLimits: GROUP_POST_LIMITS,
  handler: async ({ app, viewer, params, body }) => {
    const { access } = await postWithAccess(app, viewer, params.id);
    const row = await createGroupPost(app, access, body, params.id);
    return postEntity(app, viewer, row.id);
  },
});

const postImage = defineRoute({
  method: 'get',
  path: `${posts}/:id/media/:media_id`,
  summary: "An image of a group post (WebP), for those who may read the post; `size=small` for the preview",
  description: "Private groups' images are for their active members only; a removed post's for its moderators. Not cached by shared caches.",
  tags,
  auth: 'optional',
  params: z.object({ id: zId, media_id: zId }),
  query: z.object({ size: z.enum(['small', 'original']).default('original') }),
  errors: ['not_found'],
  responseDescription: 'The image (image/webp)',
  handler: async ({ app, viewer, params, query }) => {
    const { media, access } = await groupPostImage(app, viewer, params.id, params.media_id);
    const path = query.size === 'small' && media.preview_path ? media.preview_path : media.file_path;
    // Public groups' images may be kept a while by browsers; private groups' only by the member's browser, revalidated.
    const cache = access.group.visibility === 'public' ? 'public, max-age=600' : 'private, no-cache';
    const res = await storedImageResponse(app, path, cache, media.private ? 'private' : 'media');
    if (!res) throw notFound('Media');
    return res;
  },
});

const postAction = (path: string, summary: string, scope: string, act: (app: AppContext, viewer: Viewer, id: string) => Promise<unknown>) =>
  defineRoute({
    method: 'post',
    path: `${posts}/:id/${path}`,
    summary,
    tags,
    auth: 'user',
    scope,
    params: idParams,
    errors: ['not_found', 'forbidden'],
    handler: async ({ app, viewer, params }) => {
      await act(app, viewer!, params.id);
      return postEntity(app, viewer, params.id);
    },
  });

const like = postAction('like', 'Like a group post (members)', 'write:favourites', (app, v, id) => likeGroupPost(app, v, id, true));
const unlike = postAction('unlike', 'Take back a like', 'write:favourites', (app, v, id) => likeGroupPost(app, v, id, false));
const pin = postAction('pin', 'Pin a post on top of the feed (moderators)', 'write:statuses', (app, v, id) => pinGroupPost(app, v, id, true));
const unpin = postAction('unpin', 'Unpin a post (moderators)', 'write:statuses', (app, v, id) => pinGroupPost(app, v, id, false));

const removePost = defineRoute({
  method: 'post',
  path: `${posts}/:id/remove`,
  summary: 'Remove a post from the group, with a reason (moderators)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: reasonInput,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params, body }) => {
    await removeGroupPost(app, viewer!, params.id, body.reason);
    return postEntity(app, viewer, params.id);
  },
});

const deletePost = defineRoute({
  method: 'delete',
  path: `${posts}/:id`,
  summary: 'Delete your own group post',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, viewer, params }) => {
    await deleteOwnGroupPost(app, viewer!, params.id);
    return {};
  },
});

const report = defineRoute({
  method: 'post',
  path: `${posts}/:id/report`,
  summary: "Report a group post to the group's moderators",
  tags,
  auth: 'user',
  scope: 'write:reports',
  params: idParams,
  body: reportInput,
  errors: ['not_found', 'conflict'],
  rateLimits: GROUP_REPORT_LIMITS,
  handler: async ({ app, viewer, params, body }) => {
    const row = await reportGroupPost(app, viewer!, params.id, body.comment);
    return { id: row.id, state: row.state };
  },
});

const reportedPost = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/group_posts/:id',
  summary: 'A group post an instance report is about, with the account behind it (staff; audited)',
  tags,
  auth: 'moderator',
  scope: 'admin:read:reports',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => readReportedGroupPost(app, viewer!, params.id),
});

/** Support groups' JSON API. */
export const groupRoutes: AnyRoute[] = [
  postImage,
  list,
  create,
  show,
  update,
  join,
  acceptInvite,
  declineInvite,
  leave,
  members,
  approve,
  refuse,
  remove,
  ban,
  unban,
  invite,
  role,
  transfer,
  pseudonym,
  feed,
  post,
  resources,
  addResourceRoute,
  deleteResourceRoute,
  reports,
  resolveReport,
  showPost,
  replies,
  reply,
  like,
  unlike,
  pin,
  unpin,
  removePost,
  deletePost,
  report,
  reportedPost,
];
