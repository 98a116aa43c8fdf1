import type { AppContext } from '../app-context.js';
import { findAccountById, findAccountByUsername } from '../accounts/accounts.repository.js';
import { readerOf } from '../auth/reader.js';
import type { Viewer } from '../auth/viewer.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { checkCover } from '../media/media-claims.js';
import { slugOf, type DirectoryQuery, type GroupInput, type GroupUpdate, type ResourceInput } from './groups.js';
import { isGroupOwner, joinOutcome, mayActOnMember, mayBeExpert, mayLeave, mayModerateGroup, mayReadGroupContent, mayRunFromOrganisation, mayTakePart } from './groups.policy.js';
import {
  deleteGroupNotifications,
  deleteMembership,
  deleteResource,
  findDirectoryPage,
  findGroupById,
  findGroupBySlug,
  findMembership,
  findResource,
  findResources,
  insertGroup,
  insertMembership,
  insertResource,
  pseudonymNamesAMember,
  pseudonymTaken,
  recountMembers,
  slugTaken,
  updateGroupRow,
  updateMembership,
  type GroupRow,
  type MemberRow,
  type ResourceRow,
} from './groups.repository.js';
import { deletePostsOf } from './group-posts.repository.js';
import { notifyApproved, notifyInvited, notifyJoinRequest } from './group-notices.js';

/** A group as one viewer meets it: the group, and the viewer's row in it (null: none, or anonymous). */
export interface GroupAccess {
  group: GroupRow;
  membership: MemberRow | null;
  /** The viewer as a reader (a suspended account reads as an anonymous visitor). */
  viewer: Viewer | null;
}

async function accessTo(app: AppContext, viewer: Viewer | null, group: GroupRow | undefined): Promise<GroupAccess> {
  if (!group) throw notFound('Group', 'groups.error.notFound');
  const reader = readerOf(viewer);
  const membership = reader ? ((await findMembership(app.db, group.id, reader.accountId)) ?? null) : null;
  return { group, membership, viewer: reader };
}

/** The group by id with the viewer's membership; 404 when there is none. */
export async function groupById(app: AppContext, viewer: Viewer | null, id: string): Promise<GroupAccess> {
  return accessTo(app, viewer, await findGroupById(app.db, id));
}

export async function groupBySlug(app: AppContext, viewer: Viewer | null, slug: string): Promise<GroupAccess> {
  return accessTo(app, viewer, /^[a-z0-9-]{3,60}$/.test(slug) ? await findGroupBySlug(app.db, slug) : undefined);
}

/** The group's content (posts, members, resources) for this viewer; a private group's answer 404 to non-members. */
export function assertReadable(access: GroupAccess): void {
  if (!mayReadGroupContent(access.group, access.membership)) throw notFound('Group', 'groups.error.notFound');
}

/** Posting, liking, replying: active members (404 where the content cannot be read, 403 where it can). */
export function assertTakesPart(access: GroupAccess): asserts access is GroupAccess & { viewer: Viewer; membership: MemberRow } {
  assertReadable(access);
  if (!mayTakePart(access.viewer, access.membership)) throw forbidden('Only members of the group can do this', 'groups.error.membersOnly');
}

export function assertModerates(access: GroupAccess): asserts access is GroupAccess & { viewer: Viewer; membership: MemberRow } {
  assertReadable(access);
  if (!mayModerateGroup(access.viewer, access.membership)) throw forbidden("Only the group's moderators can do this", 'groups.error.moderatorsOnly');
}

function assertOwner(access: GroupAccess): asserts access is GroupAccess & { viewer: Viewer; membership: MemberRow } {
  assertReadable(access);
  if (!isGroupOwner(access.viewer, access.membership)) throw forbidden("Only the group's owner can do this", 'groups.error.ownerOnly');
}

async function freeSlug(app: AppContext, name: string): Promise<string> {
  const raw = slugOf(name);
  // Words the pages use after /groups/ are not group addresses.
  const base = ['new'].includes(raw) ? `${raw}-grupo` : raw;
  for (let i = 1; i < 50; i++) {
    const slug = i === 1 ? base : `${base.slice(0, 55)}-${i}`;
    if (!(await slugTaken(app.db, slug))) return slug;
  }
  return `${base.slice(0, 45)}-${Date.now().toString(36)}`;
}

/** Anyone signed in creates a group and becomes its owner; an organisation may run it from its page. */
export async function createGroup(app: AppContext, viewer: Viewer, input: GroupInput): Promise<GroupRow> {
  let organisationId: string | null = null;
  if (input.organisation) {
    const account = await findAccountById(app.db, viewer.accountId);
    if (!account || !mayRunFromOrganisation(viewer, account)) throw forbidden('Only an organisation can run a group from its page', 'groups.error.onlyOrganisations');
    organisationId = account.id;
  }
  const slug = await freeSlug(app, input.name);
  return app.db.transaction().execute(async (trx) => {
    const group = await insertGroup(trx, {
      slug,
      name: input.name,
      description: input.description,
      rules: input.rules,
      tags: input.tags,
      visibility: input.visibility,
      created_by: viewer.accountId,
      organisation_account_id: organisationId,
      cover_media_id: null,
    });
    if (input.cover_media_id) {
      await checkCover(trx, viewer.accountId, input.cover_media_id, app.sealer);
      await updateGroupRow(trx, group.id, { cover_media_id: input.cover_media_id });
    }
    await insertMembership(trx, { group_id: group.id, account_id: viewer.accountId, role: 'owner', state: 'active', joined_at: new Date(), pseudonym: null });
    await recountMembers(trx, group.id);
    return (await findGroupById(trx, group.id))!;
  });
}

export async function updateGroup(app: AppContext, viewer: Viewer, id: string, input: GroupUpdate): Promise<GroupRow> {
  const access = await groupById(app, viewer, id);
  assertOwner(access);
  return app.db.transaction().execute(async (trx) => {
    if (input.cover_media_id) await checkCover(trx, viewer.accountId, input.cover_media_id, app.sealer);
    return updateGroupRow(trx, id, {
      name: input.name,
      description: input.description,
      rules: input.rules,
      tags: input.tags,
      visibility: input.visibility,
      ...(input.cover_media_id ? { cover_media_id: input.cover_media_id } : {}),
    });
  });
}

export async function listDirectory(app: AppContext, query: DirectoryQuery): Promise<{ groups: GroupRow[]; nextMaxId: string | null }> {
  const rows = await findDirectoryPage(app.db, query);
  const groups = rows.slice(0, query.limit);
  return { groups, nextMaxId: rows.length > query.limit ? (groups[groups.length - 1]?.id ?? null) : null };
}

/** Joins: a public group at once, a private one asks its moderators; an invitation is accepted. */
export async function joinGroup(app: AppContext, viewer: Viewer, id: string): Promise<MemberRow> {
  const access = await groupById(app, viewer, id);
  const outcome = joinOutcome(access.group, access.membership);
  if (outcome === 'banned') throw forbidden('You cannot join this group', 'groups.error.banned');
  if (outcome === 'already') return access.membership!;
  return app.db.transaction().execute(async (trx) => {
    let row: MemberRow;
    if (access.membership) row = (await updateMembership(trx, id, viewer.accountId, { state: 'active', joined_at: new Date() }))!;
    else row = await insertMembership(trx, { group_id: id, account_id: viewer.accountId, state: outcome, joined_at: outcome === 'active' ? new Date() : null, pseudonym: null });
    await recountMembers(trx, id);
    if (outcome === 'pending') await notifyJoinRequest(trx, access.group, viewer.accountId);
    return row;
  });
}

/** Leaves, keeping or deleting one's posts; the owner hands the group over first. */
export async function leaveGroup(app: AppContext, viewer: Viewer, id: string, posts: 'keep' | 'delete'): Promise<void> {
  const access = await groupById(app, viewer, id);
  // Someone who asked, or was invited, withdraws with the same call.
  if (access.membership && (access.membership.state === 'pending' || access.membership.state === 'invited')) {
    await withdrawMembership(app, access.group, viewer.accountId);
    return;
  }
  // A banned member is out already (and stays banned), but may still take their posts back.
  if (access.membership?.state === 'banned') {
    if (posts === 'delete') await app.db.transaction().execute((trx) => deletePostsOf(trx, id, viewer.accountId));
    return;
  }
  const decision = mayLeave(access.membership);
  if (decision === 'not_member') {
    assertReadable(access);
    throw conflict('You are not a member of this group', 'groups.error.notMember');
  }
  if (decision === 'owner') throw conflict('Hand the group over to another member before leaving', 'groups.error.ownerLeaves');
  await app.db.transaction().execute(async (trx) => {
    if (posts === 'delete') await deletePostsOf(trx, id, viewer.accountId);
    await deleteMembership(trx, id, viewer.accountId);
    await recountMembers(trx, id);
    if (access.group.visibility === 'private') await deleteGroupNotifications(trx, viewer.accountId, id);
  });
}

async function withdrawMembership(app: AppContext, group: GroupRow, accountId: string): Promise<void> {
  await app.db.transaction().execute(async (trx) => {
    await deleteMembership(trx, group.id, accountId);
    await recountMembers(trx, group.id);
    if (group.visibility === 'private') await deleteGroupNotifications(trx, accountId, group.id);
  });
}

async function targetOf(app: AppContext, groupId: string, accountId: string): Promise<MemberRow> {
  const row = await findMembership(app.db, groupId, accountId);
  if (!row) throw notFound('Member', 'groups.error.memberNotFound');
  return row;
}

export type MemberAction = 'approve' | 'refuse' | 'remove' | 'ban' | 'unban';

/** Moderators approve or refuse requests, remove, ban and unban people. */
export async function actOnMember(app: AppContext, viewer: Viewer, id: string, accountId: string, action: MemberAction): Promise<MemberRow | null> {
  const access = await groupById(app, viewer, id);
  assertModerates(access);
  const self = accountId === viewer.accountId;
  if (action === 'ban') {
    const existing = (await findMembership(app.db, id, accountId)) ?? null;
    if (existing && !mayActOnMember(viewer, access.membership, existing, self)) throw forbidden('You cannot ban this person', 'groups.error.cannotActOnMember');
    if (!existing && (self || !(await findAccountById(app.db, accountId)))) throw notFound('Member', 'groups.error.memberNotFound');
    return app.db.transaction().execute(async (trx) => {
      const row = existing
        ? (await updateMembership(trx, id, accountId, { state: 'banned', role: 'member', expert: false }))!
        : await insertMembership(trx, { group_id: id, account_id: accountId, state: 'banned', pseudonym: null });
      await recountMembers(trx, id);
      await deleteGroupNotifications(trx, accountId, id);
      return row;
    });
  }
  const target = await targetOf(app, id, accountId);
  const wanted = { approve: 'pending', refuse: 'pending', remove: 'active', unban: 'banned' } as const;
  if (target.state !== wanted[action]) throw conflict('That person is not in the right state for this', 'groups.error.wrongState');
  if (action === 'remove' && !mayActOnMember(viewer, access.membership, target, self)) throw forbidden('You cannot remove this person', 'groups.error.cannotActOnMember');
  return app.db.transaction().execute(async (trx) => {
    let row: MemberRow | null = null;
    if (action === 'approve') {
      row = (await updateMembership(trx, id, accountId, { state: 'active', joined_at: new Date() }))!;
      await notifyApproved(trx, access.group, accountId);
    } else {
      await deleteMembership(trx, id, accountId);
      if (access.group.visibility === 'private' || action !== 'unban') await deleteGroupNotifications(trx, accountId, id);
    }
    await recountMembers(trx, id);
    return row;
  });
}

/** Moderators invite by handle; verified professionals may be invited (or named) as experts. */
export async function inviteToGroup(app: AppContext, viewer: Viewer, id: string, username: string, expert: boolean): Promise<MemberRow> {
  const access = await groupById(app, viewer, id);
  assertModerates(access);
  const account = await findAccountByUsername(app.db, username);
  if (!account || account.suspended_at) throw invalid('There is no account with that name', 'username', 'groups.error.noSuchAccount');
  if (account.id === viewer.accountId) throw invalid('You are already in the group', 'username', 'groups.error.inviteSelf');
  if (expert && !mayBeExpert(account)) throw invalid('Only verified professionals can be group experts', 'expert', 'groups.error.expertNotVerified');
  const existing = await findMembership(app.db, id, account.id);
  if (existing?.state === 'banned') throw conflict('That person is banned from the group; unban them first', 'groups.error.inviteBanned');
  if (existing?.state === 'active') {
    if (!expert || existing.expert) throw conflict('That person is already a member', 'groups.error.alreadyMember');
    return (await updateMembership(app.db, id, account.id, { expert: true }))!;
  }
  return app.db.transaction().execute(async (trx) => {
    let row: MemberRow;
    if (existing?.state === 'pending') {
      // Inviting someone who asked to join approves them.
      row = (await updateMembership(trx, id, account.id, { state: 'active', joined_at: new Date(), expert }))!;
      await notifyApproved(trx, access.group, account.id);
    } else if (existing) {
      row = (await updateMembership(trx, id, account.id, { expert }))!;
    } else {
      row = await insertMembership(trx, { group_id: id, account_id: account.id, state: 'invited', expert, pseudonym: null });
      await notifyInvited(trx, access.group, viewer.accountId, account.id, expert);
    }
    await recountMembers(trx, id);
    return row;
  });
}

/** The invitee accepts or declines. */
export async function answerInvitation(app: AppContext, viewer: Viewer, id: string, accept: boolean): Promise<MemberRow | null> {
  const access = await groupById(app, viewer, id);
  if (access.membership?.state !== 'invited') {
    assertReadable(access);
    throw conflict('There is no invitation to answer', 'groups.error.noInvitation');
  }
  if (!accept) {
    await withdrawMembership(app, access.group, viewer.accountId);
    return null;
  }
  return joinGroup(app, viewer, id);
}

/** The owner names and unnames moderators. */
export async function setMemberRole(app: AppContext, viewer: Viewer, id: string, accountId: string, role: 'moderator' | 'member'): Promise<MemberRow> {
  const access = await groupById(app, viewer, id);
  assertOwner(access);
  const target = await targetOf(app, id, accountId);
  if (target.state !== 'active' || target.role === 'owner') throw conflict('Only active members other than the owner change role', 'groups.error.wrongState');
  return (await updateMembership(app.db, id, accountId, { role }))!;
}

/** The owner hands the group over to an active member and stays as a moderator. */
export async function transferOwnership(app: AppContext, viewer: Viewer, id: string, accountId: string): Promise<MemberRow> {
  const access = await groupById(app, viewer, id);
  assertOwner(access);
  const target = await targetOf(app, id, accountId);
  if (target.state !== 'active' || accountId === viewer.accountId) throw conflict('The group can be handed over only to another active member', 'groups.error.wrongState');
  return app.db.transaction().execute(async (trx) => {
    await updateMembership(trx, id, viewer.accountId, { role: 'moderator' });
    return (await updateMembership(trx, id, accountId, { role: 'owner' }))!;
  });
}

/** A member sets (or clears) the pseudonym they may post under in this group; unique in the group. */
export async function setPseudonym(app: AppContext, viewer: Viewer, id: string, pseudonym: string | null): Promise<MemberRow> {
  const access = await groupById(app, viewer, id);
  assertTakesPart(access);
  if (pseudonym) {
    if (await pseudonymTaken(app.db, id, pseudonym, viewer.accountId)) throw invalid('Another member uses that pseudonym', 'pseudonym', 'groups.error.pseudonymTaken');
    const account = await findAccountByUsername(app.db, pseudonym);
    if (account && account.id !== viewer.accountId) throw invalid('That is the name of an account', 'pseudonym', 'groups.error.pseudonymIsAccount');
    // Nor the display name of a member (one's own included): a pseudonym must not pass for a person.
    if (await pseudonymNamesAMember(app.db, id, pseudonym)) throw invalid('That is the name of a member of the group', 'pseudonym', 'groups.error.pseudonymIsAccount');
  }
  return (await updateMembership(app.db, id, viewer.accountId, { pseudonym }))!;
}

// ---- resources ----

export async function listResources(app: AppContext, viewer: Viewer | null, id: string): Promise<ResourceRow[]> {
  const access = await groupById(app, viewer, id);
  assertReadable(access);
  return findResources(app.db, id);
}

export async function addResource(app: AppContext, viewer: Viewer, id: string, input: ResourceInput): Promise<ResourceRow> {
  const access = await groupById(app, viewer, id);
  assertModerates(access);
  return insertResource(app.db, id, viewer.accountId, input);
}

export async function removeResource(app: AppContext, viewer: Viewer, resourceId: string): Promise<ResourceRow> {
  const resource = await findResource(app.db, resourceId);
  if (!resource) throw notFound('Resource', 'groups.error.notFound');
  const access = await groupById(app, viewer, resource.group_id);
  assertModerates(access);
  await deleteResource(app.db, resourceId);
  return resource;
}
