import type { AccountKind, VerificationStatus } from '../accounts/accounts.table.js';
import { hasStaffPower } from '../auth/staff-power.js';
import type { Viewer } from '../auth/viewer.js';
import type { GroupRole, GroupVisibility, MemberState } from './groups.table.js';

/**
 * Who may do what in a support group: one set of pure rules, asked by the services before they
 * act and by the pages to decide what to show.
 *
 * - Reading (`mayReadGroupContent`, THE visibility rule): a public group's posts, members,
 *   resources and pinned posts are readable by anyone, anonymous visitors too; a private
 *   group's are readable only by its ACTIVE members — not by people whose request is pending,
 *   who are invited, banned or have left, and not by staff either (as with private messages:
 *   staff act on a private group's content only through reports). A private group's name,
 *   description, rules and tags are in the directory, so that people can ask to join.
 * - Posting, replying, liking and reporting: active members.
 * - Moderating (invite, approve or refuse requests, remove, ban and unban, pin, manage
 *   resources, remove posts with a reason, handle the group's reports): the owner and the
 *   group's moderators. Changing roles, the group's settings and handing the group over: the
 *   owner. A moderator cannot remove or ban the owner or another moderator.
 * - Who sees the account behind a pseudonym: the group's owner and moderators, and staff with
 *   staff power (`hasStaffPower`, audited when it reveals one). Nobody else.
 * - Experts: only verified professionals can be made group experts.
 * - A suspended account reads what an anonymous visitor reads and acts on nothing.
 */

export type GroupViewer = Pick<Viewer, 'accountId' | 'staffRole' | 'mfaEnabled' | 'suspended'>;

export interface GroupFacts {
  visibility: GroupVisibility;
}

/** The viewer's row in the group, as the rules need it (null: no row). */
export interface MembershipFacts {
  role: GroupRole;
  state: MemberState;
}

const isActive = (m: MembershipFacts | null | undefined): m is MembershipFacts => m?.state === 'active';

/**
 * THE visibility rule of a group's content (posts, replies, members, resources, pinned posts):
 * public groups to anyone; private groups to their active members only.
 */
export function mayReadGroupContent(group: GroupFacts, membership: MembershipFacts | null | undefined): boolean {
  return group.visibility === 'public' || isActive(membership);
}

/** Active members post, reply, like and report; a suspended account does nothing. */
export function mayTakePart(viewer: GroupViewer | null, membership: MembershipFacts | null | undefined): boolean {
  return !!viewer && !viewer.suspended && isActive(membership);
}

/** The owner and the group's moderators moderate the group. */
export function mayModerateGroup(viewer: GroupViewer | null, membership: MembershipFacts | null | undefined): boolean {
  return mayTakePart(viewer, membership) && (membership!.role === 'owner' || membership!.role === 'moderator');
}

/** The owner changes settings and roles and hands the group over. */
export function isGroupOwner(viewer: GroupViewer | null, membership: MembershipFacts | null | undefined): boolean {
  return mayTakePart(viewer, membership) && membership!.role === 'owner';
}

/** May the actor remove or ban the target? Moderators act on members; the owner on anyone but themself. */
export function mayActOnMember(viewer: GroupViewer | null, actor: MembershipFacts | null | undefined, target: MembershipFacts, sameAccount: boolean): boolean {
  if (sameAccount || !mayModerateGroup(viewer, actor) || target.role === 'owner') return false;
  return actor!.role === 'owner' || target.role === 'member';
}

/** Who sees the account behind a pseudonym: the group's owner and moderators, and staff. */
export function seesPseudonymousAccounts(viewer: GroupViewer | null, membership: MembershipFacts | null | undefined): boolean {
  return mayModerateGroup(viewer, membership) || hasStaffPower(viewer);
}

/** Sees the account only by staff power (not as a moderator of the group): the read is audited. */
export function revealsOnlyAsStaff(viewer: GroupViewer | null, membership: MembershipFacts | null | undefined): boolean {
  return !mayModerateGroup(viewer, membership) && hasStaffPower(viewer);
}

/** What joining does: public groups at once, private ones ask; an invitation is accepted; banned people cannot. */
export type JoinOutcome = 'active' | 'pending' | 'already' | 'banned';
export function joinOutcome(group: GroupFacts, membership: MembershipFacts | null | undefined): JoinOutcome {
  if (membership?.state === 'banned') return 'banned';
  if (membership?.state === 'active' || membership?.state === 'pending') return 'already';
  if (membership?.state === 'invited') return 'active';
  return group.visibility === 'public' ? 'active' : 'pending';
}

/** The owner must hand the group over before leaving. */
export function mayLeave(membership: MembershipFacts | null | undefined): 'allowed' | 'not_member' | 'owner' {
  if (!isActive(membership)) return 'not_member';
  return membership.role === 'owner' ? 'owner' : 'allowed';
}

/** Only verified professionals can be group experts. */
export function mayBeExpert(account: { kind: AccountKind; verification_status: VerificationStatus }): boolean {
  return account.kind === 'professional' && account.verification_status === 'verified';
}

/** A group runs from an organisation's page only when the creator is that organisation. */
export function mayRunFromOrganisation(viewer: GroupViewer, account: { id: string; kind: AccountKind }): boolean {
  return account.id === viewer.accountId && account.kind === 'organization';
}
