import { attachedMediaRows } from '../attachments/attachments.service.js';
import { toMediaAttachment, type MastodonMediaAttachment, type MediaRow } from '../media/media-entity.js';
import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import { defaultAvatarUrl, mediaUrl } from '../media/media-urls.js';
import { mayModerateGroup, mayReadGroupContent, seesPseudonymousAccounts } from './groups.policy.js';
import { findCoverPaths, findMembershipsIn, type GroupRow, type MemberRow, type ResourceRow } from './groups.repository.js';
import { findLikedIds, type GroupPostRow } from './group-posts.repository.js';
import { auditStaffReveal, postText, type FeedPage } from './group-posts.service.js';
import type { GroupAccess } from './groups.service.js';

export function groupUrl(app: AppContext, slug: string): string {
  return `${app.config.publicUrl}/groups/${slug}`;
}

export interface MembershipEntity {
  state: MemberRow['state'];
  role: MemberRow['role'];
  expert: boolean;
  pseudonym: string | null;
}

export const toMembershipEntity = (m: MemberRow | null | undefined): MembershipEntity | null => (m ? { state: m.state, role: m.role, expert: m.expert, pseudonym: m.pseudonym } : null);

/** A group as the directory shows it (what a private group shows to anyone), with the viewer's membership. */
export async function toGroupEntities(app: AppContext, rows: GroupRow[], memberships: Map<string, MemberRow> = new Map()) {
  const orgIds = rows.map((r) => r.organisation_account_id).filter((x): x is string => !!x);
  const orgs = new Map((await findAccountsByIds(app.db, orgIds)).map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const covers = await findCoverPaths(app.db, rows.map((r) => r.cover_media_id).filter((x): x is string => !!x));
  return rows.map((g) => ({
    id: g.id,
    slug: g.slug,
    url: groupUrl(app, g.slug),
    name: g.name,
    description: g.description,
    rules: g.rules,
    tags: g.tags,
    visibility: g.visibility,
    cover: g.cover_media_id && covers.has(g.cover_media_id) ? mediaUrl(app.config, covers.get(g.cover_media_id)!) : null,
    members_count: g.members_count,
    created_at: g.created_at.toISOString(),
    organisation: g.organisation_account_id ? (orgs.get(g.organisation_account_id) ?? null) : null,
    membership: toMembershipEntity(memberships.get(g.id)),
  }));
}

export async function toGroupEntity(app: AppContext, access: GroupAccess) {
  const memberships = new Map(access.membership ? [[access.group.id, access.membership]] : []);
  return (await toGroupEntities(app, [access.group], memberships))[0]!;
}

/** Who wrote a post, as this viewer may know it. */
export interface PostAuthor {
  /** Null when the post is shown under a pseudonym to someone who may not see the account. */
  account: MastodonAccount | null;
  pseudonym: string | null;
  /** A neutral avatar for pseudonymous posts. */
  avatar: string;
  expert: boolean;
  role: MemberRow['role'] | null;
}

export interface GroupPostEntity {
  id: string;
  group_id: string;
  in_reply_to_id: string | null;
  content: string;
  created_at: string;
  pinned: boolean;
  removed: boolean;
  likes_count: number;
  replies_count: number;
  liked: boolean;
  /** True on the viewer's own posts (pseudonymous ones too: only the author is told). */
  mine: boolean;
  author: PostAuthor;
  /** Images, served through `GET /api/v1/medired/group_posts/:id/media/:media_id` (readers of the post only). */
  media_attachments: MastodonMediaAttachment[];
  replies?: GroupPostEntity[];
}

/**
 * Posts as this viewer sees them. Under a pseudonym, the account is left out (no id, no
 * handle, no avatar) unless the viewer is the group's owner or moderator, or staff — whose
 * seeing it is audited. An expert badge is shown on posts under the account only (a badge on a
 * pseudonymous post would narrow down who wrote it).
 */
export async function toPostEntities(app: AppContext, access: GroupAccess, rows: GroupPostRow[], replies: Map<string, GroupPostRow[]> = new Map()): Promise<GroupPostEntity[]> {
  if (!mayReadGroupContent(access.group, access.membership)) return [];
  const all = [...rows, ...[...replies.values()].flat()];
  const seesAccounts = seesPseudonymousAccounts(access.viewer, access.membership);
  const shownAccountIds = [...new Set(all.filter((p) => !p.pseudonym || seesAccounts).map((p) => p.account_id))];
  const [accounts, memberships, liked, media] = await Promise.all([
    findAccountsByIds(app.db, shownAccountIds),
    findMembershipsIn(app.db, access.group.id, shownAccountIds),
    access.viewer ? findLikedIds(app.db, access.viewer.accountId, all.map((p) => p.id)) : Promise.resolve(new Set<string>()),
    attachedMediaRows(app, 'group_post', all.map((p) => p.id)),
  ]);
  const moderates = mayModerateGroup(access.viewer, access.membership);
  const accountById = new Map(accounts.map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const memberById = new Map(memberships.map((m) => [m.account_id, m]));
  if (seesAccounts) await auditStaffReveal(app, access, all);
  const neutral = defaultAvatarUrl(app.config);
  const one = (p: GroupPostRow): GroupPostEntity => {
    const shown = !p.pseudonym || seesAccounts;
    const account = shown ? (accountById.get(p.account_id) ?? null) : null;
    const member = shown ? memberById.get(p.account_id) : undefined;
    const removedForViewer = p.removed_at !== null;
    return {
      id: p.id,
      group_id: p.group_id,
      in_reply_to_id: p.parent_id,
      content: removedForViewer && !moderates ? '' : postText(app, p),
      created_at: p.created_at.toISOString(),
      pinned: p.pinned_at !== null,
      removed: removedForViewer,
      likes_count: p.likes_count,
      replies_count: p.replies_count,
      liked: liked.has(p.id),
      mine: access.viewer?.accountId === p.account_id,
      author: {
        account,
        pseudonym: p.pseudonym,
        avatar: p.pseudonym ? neutral : (account?.avatar ?? neutral),
        expert: !p.pseudonym && (member?.expert ?? false),
        role: p.pseudonym ? null : (member?.role ?? null),
      },
      media_attachments: removedForViewer && !moderates ? [] : (media.get(p.id) ?? []).map((m) => groupPostMediaEntity(app, p.id, m)),
    };
  };
  return rows.map((p) => ({ ...one(p), replies: (replies.get(p.id) ?? []).map(one) }));
}

/**
 * A group post's image as a MediaAttachment whose URLs go through the post's own read rules
 * (never the upload's public path, which would name the uploader's account under a pseudonym).
 */
function groupPostMediaEntity(app: AppContext, postId: string, media: MediaRow): MastodonMediaAttachment {
  const url = `${app.config.publicUrl}/api/v1/medired/group_posts/${postId}/media/${media.id}`;
  return { ...toMediaAttachment(media, app.config), url, preview_url: media.preview_path ? `${url}?size=small` : url };
}

export async function toFeedEntities(app: AppContext, access: GroupAccess, feed: FeedPage): Promise<GroupPostEntity[]> {
  return toPostEntities(app, access, [...feed.pinned, ...feed.posts], feed.replies);
}

export interface MemberEntity {
  /** Null for a member with a pseudonym, to everyone but the group's moderators and staff. */
  account: MastodonAccount | null;
  pseudonym: string | null;
  avatar: string;
  role: MemberRow['role'];
  state: MemberRow['state'];
  expert: boolean;
  joined_at: string | null;
}

/**
 * Members as this viewer may see them. A member who set a pseudonym appears to other members
 * under the pseudonym alone (with a neutral avatar), so the list cannot pair an account with a
 * pseudonym; the group's moderators and staff see both.
 */
export async function toMemberEntities(app: AppContext, access: GroupAccess, rows: MemberRow[]): Promise<MemberEntity[]> {
  const seesAccounts = seesPseudonymousAccounts(access.viewer, access.membership);
  const accounts = new Map((await findAccountsByIds(app.db, rows.filter((m) => !m.pseudonym || seesAccounts).map((m) => m.account_id))).map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const neutral = defaultAvatarUrl(app.config);
  return rows.flatMap((m) => {
    const hidden = m.pseudonym !== null && !seesAccounts;
    const account = hidden ? null : (accounts.get(m.account_id) ?? null);
    if (!hidden && !account) return [];
    return [{ account, pseudonym: m.pseudonym, avatar: hidden ? neutral : account!.avatar, role: m.role, state: m.state, expert: hidden ? false : m.expert, joined_at: m.joined_at?.toISOString() ?? null }];
  });
}

export function toResourceEntity(r: ResourceRow) {
  return { id: r.id, title: r.title, url: r.url, note: r.note, position: r.position, created_at: r.created_at.toISOString() };
}
