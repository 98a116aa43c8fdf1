import type { Db } from '../db/connect.js';
import { notify } from '../notifications/notify.js';
import { findModeratorIds, type GroupRow } from './groups.repository.js';

/**
 * The notifications of support groups. Each names the group (`group_id`, `slug`, `group_name`),
 * never a post's text. A pseudonymous actor is never the notification's account: the notice
 * carries only the pseudonym. A private group's notifications are deleted when the recipient
 * stops being an active member (`deleteGroupNotifications`).
 */
export const GROUP_NOTIFICATION_TYPES = ['medired.group_join_request', 'medired.group_approved', 'medired.group_invited', 'medired.group_reply', 'medired.group_report'] as const;

const about = (group: GroupRow) => ({ group_id: group.id, slug: group.slug, group_name: group.name });

/** A private group's moderators learn that someone asks to join. */
export async function notifyJoinRequest(db: Db, group: GroupRow, requesterId: string): Promise<void> {
  for (const m of await findModeratorIds(db, group.id)) {
    await notify(db, { accountId: m.account_id, type: 'medired.group_join_request', fromAccountId: requesterId, payload: about(group) });
  }
}

export async function notifyApproved(db: Db, group: GroupRow, accountId: string): Promise<void> {
  await notify(db, { accountId, type: 'medired.group_approved', payload: about(group) });
}

export async function notifyInvited(db: Db, group: GroupRow, inviterId: string, accountId: string, expert: boolean): Promise<void> {
  await notify(db, { accountId, type: 'medired.group_invited', fromAccountId: inviterId, payload: { ...about(group), expert } });
}

/** The author of a post learns of a reply; a pseudonymous replier is named by the pseudonym only. */
export async function notifyReply(db: Db, group: GroupRow, parent: { id: string; account_id: string }, reply: { id: string; account_id: string; pseudonym: string | null }): Promise<void> {
  if (parent.account_id === reply.account_id) return;
  await notify(db, {
    accountId: parent.account_id,
    type: 'medired.group_reply',
    fromAccountId: reply.pseudonym ? null : reply.account_id,
    payload: { ...about(group), post_id: parent.id, reply_id: reply.id, ...(reply.pseudonym ? { pseudonym: reply.pseudonym } : {}) },
  });
}

/** The group's moderators learn of a new report in their queue (not who filed it). */
export async function notifyGroupReport(db: Db, group: GroupRow, reportId: string): Promise<void> {
  for (const m of await findModeratorIds(db, group.id)) {
    await notify(db, { accountId: m.account_id, type: 'medired.group_report', payload: { ...about(group), group_report_id: reportId } });
  }
}
