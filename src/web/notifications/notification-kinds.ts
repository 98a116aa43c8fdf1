import type { MastodonNotification } from '../../notifications/notification-entity.js';
import { REPORT_OUTCOMES, type ReportOutcome } from '../../moderation/report-outcome.js';
import type { IconName } from '../components/icons.js';
import { statusPath } from '../components/status-card.js';
import type { MessageKey } from '../i18n/i18n.js';

/** What a rendering needs beyond the notification itself (loaded once per page). */
export interface KindContext {
  /** Moderation actions the reader may still appeal. */
  appealable: ReadonlySet<string>;
}

/** One notification said as a sentence: its icon, message key (with `{name}`, `{action}`), and where it happened. */
export interface NotificationKind {
  icon: IconName;
  text: (n: MastodonNotification) => MessageKey;
  /** The page of what happened; null when there is none to show. */
  href: (n: MastodonNotification, ctx: KindContext) => string | null;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const isId = (v: unknown): v is string => typeof v === 'string' && /^\d{1,19}$/.test(v);
const payload = (n: MastodonNotification) => n.medired ?? {};

const toStatus = (n: MastodonNotification) => (n.status ? statusPath(n.status) : null);
const toProfile = (n: MastodonNotification) => (n.account ? `/@${n.account.acct}` : null);

/** The question, at the answer or comment the notice is about. */
function toConsulta(n: MastodonNotification): string | null {
  const p = payload(n);
  if (!isId(p.question_id)) return null;
  const anchor = isId(p.comment_id) ? `#c-${p.comment_id}` : isId(p.answer_id) ? `#a-${p.answer_id}` : '';
  return `/consultas/${p.question_id}${anchor}`;
}

/** The sentence of a notice that may or may not name who caused it (pseudonymous consultas do not). */
const named = (withName: MessageKey, without: MessageKey) => (n: MastodonNotification) => (n.account ? withName : without);

const VERIFICATION_DECISIONS = ['approved', 'rejected', 'needs_info', 'revoked'] as const;

/**
 * Every notification type the web interface says in words. A domain that adds a type adds one
 * entry here (and its group in `src/notifications/notification-groups.ts`); a test checks both
 * tables name the same types and that each renders its sentence and link.
 */
export const NOTIFICATION_KINDS: Record<string, NotificationKind> = {
  // A private message is Mastodon's `mention` of a direct status: it opens its conversation.
  mention: {
    icon: 'reply',
    text: (n) => (n.status?.medired.conversation_id ? 'notifications.message' : 'notifications.mention'),
    href: (n) => (n.status?.medired.conversation_id ? `/messages/${n.status.medired.conversation_id}#m-${n.status.id}` : toStatus(n)),
  },
  status: { icon: 'bell', text: () => 'notifications.status', href: toStatus },
  reblog: { icon: 'reblog', text: () => 'notifications.reblog', href: toStatus },
  favourite: { icon: 'favourite', text: () => 'notifications.favourite', href: toStatus },
  update: { icon: 'edit', text: () => 'notifications.update', href: toStatus },
  poll: { icon: 'bell', text: () => 'notifications.poll', href: toStatus },
  follow: { icon: 'person', text: () => 'notifications.follow', href: toProfile },
  follow_request: { icon: 'person', text: () => 'notifications.followRequest', href: () => '/follow_requests' },
  'admin.report': { icon: 'flag', text: () => 'notifications.report', href: (n) => (isId(payload(n).report_id) ? `/admin/reports/${str(payload(n).report_id)}` : '/admin/reports') },
  'admin.sign_up': { icon: 'person', text: () => 'notifications.signUp', href: toProfile },
  moderation_warning: { icon: 'shield', text: () => 'notifications.moderationWarning', href: () => null },
  'medired.consulta_answer': { icon: 'stethoscope', text: named('notifications.consulta.answerBy', 'notifications.consulta.answer'), href: toConsulta },
  'medired.consulta_accepted': { icon: 'stethoscope', text: named('notifications.consulta.acceptedBy', 'notifications.consulta.accepted'), href: toConsulta },
  'medired.consulta_question': { icon: 'stethoscope', text: named('notifications.consulta.questionBy', 'notifications.consulta.question'), href: toConsulta },
  'medired.consulta_comment': { icon: 'stethoscope', text: named('notifications.consulta.commentBy', 'notifications.consulta.comment'), href: toConsulta },
  'medired.verification': {
    icon: 'shield',
    text: (n) => {
      const decision = str(payload(n).decision);
      return (VERIFICATION_DECISIONS as readonly string[]).includes(decision) ? `notifications.verification.${decision as (typeof VERIFICATION_DECISIONS)[number]}` : 'notifications.verification.other';
    },
    href: () => '/settings/verification',
  },
  'medired.moderation': {
    icon: 'shield',
    text: () => 'notifications.moderation',
    // The decision and the appeal form are one page, while the decision can be appealed.
    href: (n, ctx) => (isId(payload(n).moderation_action_id) && ctx.appealable.has(str(payload(n).moderation_action_id)) ? `/appeals/new?action_id=${str(payload(n).moderation_action_id)}` : null),
  },
  'medired.appeal': { icon: 'shield', text: (n) => (str(payload(n).decision) === 'approved' ? 'notifications.appeal.approved' : 'notifications.appeal.rejected'), href: () => null },
  'medired.report': {
    icon: 'flag',
    text: (n) => {
      const outcome = str(payload(n).outcome);
      return (REPORT_OUTCOMES as readonly string[]).includes(outcome) ? `notifications.reportOutcome.${outcome as ReportOutcome}` : 'notifications.reportOutcome.resolved';
    },
    href: () => null,
  },
  // Private messages (src/messages/): someone not yet accepted asks to write to the reader.
  // Complaints (src/complaints/): one about the reader (or news in its thread), and an answer to the reader's.
  'medired.complaint': { icon: 'flag', text: () => 'notifications.complaint', href: (n) => (isId(payload(n).complaint_id) ? `/complaints/${str(payload(n).complaint_id)}` : '/complaints') },
  'medired.complaint_answered': { icon: 'reply', text: () => 'notifications.complaintAnswered', href: (n) => (isId(payload(n).complaint_id) ? `/complaints/${str(payload(n).complaint_id)}` : '/complaints') },
  'medired.message_request': { icon: 'mail', text: () => 'notifications.messageRequest', href: (n) => (isId(payload(n).conversation_id) ? `/messages/${str(payload(n).conversation_id)}` : '/messages/requests') },
  // Care requests (src/care-requests/): someone asks the reader's practice for an appointment or about a service.
  'medired.care_request': { icon: 'mail', text: () => 'notifications.careRequest', href: (n) => (isId(payload(n).care_request_id) ? `/care-requests/${str(payload(n).care_request_id)}` : '/care-requests') },
  // Support groups (src/groups/): `{group}` is the group's name; a pseudonymous replier is named by the pseudonym only.
  'medired.group_join_request': { icon: 'person', text: () => 'notifications.group.joinRequest', href: (n) => toGroup(n, '/members') },
  'medired.group_approved': { icon: 'person', text: () => 'notifications.group.approved', href: (n) => toGroup(n) },
  'medired.group_invited': { icon: 'person', text: () => 'notifications.group.invited', href: (n) => toGroup(n) },
  'medired.group_reply': { icon: 'reply', text: (n) => (n.account ? 'notifications.group.reply' : 'notifications.group.replyPseudonym'), href: (n) => toGroup(n, isId(payload(n).post_id) ? `/posts/${str(payload(n).post_id)}${isId(payload(n).reply_id) ? `#p-${str(payload(n).reply_id)}` : ''}` : '') },
  'medired.group_report': { icon: 'flag', text: () => 'notifications.group.report', href: (n) => toGroup(n, '/moderation') },
};

/** The group's page (or one of its pages) a group notice is about. */
function toGroup(n: MastodonNotification, rest = ''): string | null {
  const slug = str(payload(n).slug);
  return /^[a-z0-9-]{3,60}$/.test(slug) ? `/groups/${slug}${rest}` : null;
}

/** A type no entry knows yet (a newer domain, another server): a generic sentence, linked to its status or account. */
export const UNKNOWN_KIND: NotificationKind = {
  icon: 'bell',
  text: named('notifications.other', 'notifications.otherAnonymous'),
  href: (n) => toStatus(n) ?? toProfile(n),
};

export function kindOf(type: string): NotificationKind {
  return NOTIFICATION_KINDS[type] ?? UNKNOWN_KIND;
}
