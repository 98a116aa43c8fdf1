import { ACTIONS } from '../moderation/moderation.js';
import type { ModerationActionType } from '../moderation/moderation.table.js';

/**
 * Every action the audit log records, and who may read its entries. This is the one place that
 * decides the split between moderators and administrators: moderators (with two-factor, as every
 * staff route requires) read the moderation part of the log, administrators read all of it. An
 * action must be listed here before `recordAudit` accepts it, so a new kind of entry cannot be
 * recorded without deciding who sees it.
 */
export type AuditAction =
  | 'report.create'
  | 'report.resolve'
  | 'report.reopen'
  | `moderation.${ModerationActionType}`
  | 'appeal.create'
  | 'appeal.approve'
  | 'appeal.reject'
  | 'verification.request'
  | 'verification.resubmit'
  | 'verification.approve'
  | 'verification.reject'
  | 'verification.request_info'
  | 'verification.revoke'
  | 'staff.role_change'
  /** A moderator read a private message because a report is about it. */
  | 'message.read_reported'
  /** Complaints (src/complaints/): a moderator removed or closed one, or read a private one. */
  | 'complaint.remove'
  | 'complaint.close'
  | 'complaint.read_private'
  /** Staff saw the account behind a group pseudonym; read a reported group post. */
  | 'group.reveal_pseudonym'
  | 'group_post.read_reported'
  /** Issue 10: administrators write the instance's rules and announcements. */
  | 'instance.rule_create'
  | 'instance.rule_update'
  | 'instance.rule_delete'
  | 'announcement.create'
  | 'announcement.update'
  | 'announcement.delete'
  /** Issue 11 (promoted posts): moderators approve or reject promotions; administrators grant credits. */
  | 'promotion.approve'
  | 'promotion.reject'
  | 'promotion.credits_grant'
  /** Issue 11: before/after galleries — a pair published with consent, consent withdrawn (clinic or patient), a pair deleted. */
  | 'gallery.publish'
  | 'gallery.withdraw_consent'
  | 'gallery.delete'
  /** Issue 10: Mastodon's admin API — server-wide blocks (admins), trend and hashtag review, report edits. */
  | `admin.${AdminBlockKind}_${'create' | 'update' | 'remove'}`
  | 'trend.tag_approve'
  | 'trend.tag_reject'
  | 'trend.status_approve'
  | 'trend.status_reject'
  | 'tag.review'
  | 'report.update'
  | 'report.assign'
  | 'report.unassign'
  | 'moderation.unsensitive';

/** The kinds of server-wide block administrators keep (`src/admin-blocks/`). */
export type AdminBlockKind = 'domain_block' | 'domain_allow' | 'email_domain_block' | 'ip_block' | 'canonical_email_block';
const ADMIN_BLOCK_KINDS: readonly AdminBlockKind[] = ['domain_block', 'domain_allow', 'email_domain_block', 'ip_block', 'canonical_email_block'];

/** Who reads an entry: `moderation` entries are read by moderators and admins; `admin` ones by admins only. */
export type AuditAudience = 'moderation' | 'admin';

export const AUDIT_AUDIENCE: Readonly<Record<AuditAction, AuditAudience>> = {
  'report.create': 'moderation',
  'report.resolve': 'moderation',
  'report.reopen': 'moderation',
  ...(Object.fromEntries(ACTIONS.map((a) => [`moderation.${a}`, 'moderation'])) as Record<`moderation.${ModerationActionType}`, AuditAudience>),
  'appeal.create': 'moderation',
  'appeal.approve': 'moderation',
  'appeal.reject': 'moderation',
  'verification.request': 'moderation',
  'verification.resubmit': 'moderation',
  'verification.approve': 'moderation',
  'verification.reject': 'moderation',
  'verification.request_info': 'moderation',
  'verification.revoke': 'moderation',
  'staff.role_change': 'admin',
  'message.read_reported': 'moderation',
  'complaint.remove': 'moderation',
  'complaint.close': 'moderation',
  'complaint.read_private': 'moderation',
  'group.reveal_pseudonym': 'moderation',
  'group_post.read_reported': 'moderation',
  'instance.rule_create': 'admin',
  'instance.rule_update': 'admin',
  'instance.rule_delete': 'admin',
  'announcement.create': 'admin',
  'announcement.update': 'admin',
  'announcement.delete': 'admin',
  'promotion.approve': 'moderation',
  'promotion.reject': 'moderation',
  'promotion.credits_grant': 'admin',
  'gallery.publish': 'moderation',
  'gallery.withdraw_consent': 'moderation',
  'gallery.delete': 'moderation',
  ...(Object.fromEntries(ADMIN_BLOCK_KINDS.flatMap((k) => ['create', 'update', 'remove'].map((v) => [`admin.${k}_${v}`, 'admin']))) as Record<`admin.${AdminBlockKind}_${'create' | 'update' | 'remove'}`, AuditAudience>),
  'trend.tag_approve': 'moderation',
  'trend.tag_reject': 'moderation',
  'trend.status_approve': 'moderation',
  'trend.status_reject': 'moderation',
  'tag.review': 'moderation',
  'report.update': 'moderation',
  'report.assign': 'moderation',
  'report.unassign': 'moderation',
  'moderation.unsensitive': 'moderation',
};

/** The actions whose entries a staff member of `role` may read; `null` means every entry (admins). */
export function readableAuditActions(role: 'moderator' | 'admin'): readonly AuditAction[] | null {
  if (role === 'admin') return null;
  return (Object.keys(AUDIT_AUDIENCE) as AuditAction[]).filter((a) => AUDIT_AUDIENCE[a] === 'moderation');
}
