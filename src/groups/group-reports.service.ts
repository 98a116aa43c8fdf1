import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError, conflict, notFound } from '../errors.js';
import { registerContentTarget } from '../moderation/content-targets.js';
import { findEmpoweredStaffAccountIds, insertReport } from '../moderation/reports.repository.js';
import { REPORT_NOTIFICATION } from '../moderation/reports.service.js';
import { notify } from '../notifications/notify.js';
import { findGroupById } from './groups.repository.js';
import { assertModerates, groupById } from './groups.service.js';
import {
  bumpRepliesCount,
  findGroupPost,
  findInstanceReportOfGroupPost,
  findGroupReport,
  findGroupReports,
  insertGroupReport,
  markPostRemoved,
  setGroupReportState,
  settleOpenReportsOf,
  type GroupReportRow,
} from './group-posts.repository.js';
import { postText, postWithAccess } from './group-posts.service.js';
import { notifyGroupReport } from './group-notices.js';

/**
 * Reports of group posts go to the group's moderators first (their queue on the group's
 * moderation page): they dismiss a report, remove the post, or escalate it, which files an
 * instance report (content target `group_post`) for the instance's moderators. The queue does
 * not name who reported.
 */
export async function reportGroupPost(app: AppContext, viewer: Viewer, postId: string, comment: string): Promise<GroupReportRow> {
  const { post, access } = await postWithAccess(app, viewer, postId);
  if (!access.viewer) throw new AppError('unauthorized', 'This action needs you to be signed in');
  if (post.account_id === viewer.accountId) throw new AppError('validation_failed', 'You cannot report yourself', { key: 'moderation.report.self' });
  return app.db.transaction().execute(async (trx) => {
    const row = await insertGroupReport(trx, { group_id: post.group_id, post_id: post.id, account_id: viewer.accountId, comment });
    if (!row) throw conflict('You have already reported this post', 'groups.error.alreadyReported');
    await notifyGroupReport(trx, access.group, row.id);
    return row;
  });
}

export async function groupReportQueue(app: AppContext, viewer: Viewer, groupId: string): Promise<GroupReportRow[]> {
  const access = await groupById(app, viewer, groupId);
  assertModerates(access);
  return findGroupReports(app.db, groupId, 'open');
}

/** A group moderator settles a report: dismiss, remove the post, or escalate to the instance's moderators. */
export async function resolveGroupReport(app: AppContext, viewer: Viewer, reportId: string, action: 'dismiss' | 'remove' | 'escalate', reason: string): Promise<GroupReportRow> {
  const report = await findGroupReport(app.db, reportId);
  if (!report) throw notFound('Report', 'groups.error.notFound');
  const access = await groupById(app, viewer, report.group_id);
  assertModerates(access);
  if (report.state !== 'open') throw conflict('This report has been handled', 'groups.error.reportHandled');
  const post = await findGroupPost(app.db, report.post_id);
  if (!post) throw notFound('Post', 'groups.error.postNotFound');
  return app.db.transaction().execute(async (trx) => {
    if (action === 'dismiss') return setGroupReportState(trx, report.id, 'dismissed', viewer.accountId);
    if (action === 'remove') {
      if (!post.removed_at) {
        await markPostRemoved(trx, post.id, viewer.accountId, reason || report.comment || 'report');
        if (post.parent_id) await bumpRepliesCount(trx, post.parent_id, -1);
      }
      const row = await setGroupReportState(trx, report.id, 'removed', viewer.accountId);
      await settleOpenReportsOf(trx, post.id, 'removed', viewer.accountId);
      return row;
    }
    const note = [report.comment, reason ? `[group moderators] ${reason}` : ''].filter(Boolean).join('\n').slice(0, 1000);
    const instance = await insertReport(trx, {
      account_id: report.account_id,
      target_account_id: post.account_id,
      category: 'other',
      comment: note,
      target_type: 'group_post',
      target_id: post.id,
      status_ids: JSON.stringify([]),
      forwarded: false,
    });
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'report.create', targetType: 'report', targetId: instance.id, targetAccountId: post.account_id, data: { target_type: 'group_post', target_id: post.id, group_report_id: report.id } });
    for (const s of await findEmpoweredStaffAccountIds(trx)) {
      if (s.account_id === post.account_id) continue;
      await notify(trx, { accountId: s.account_id, type: REPORT_NOTIFICATION, payload: { report_id: instance.id, category: 'other' } });
    }
    return setGroupReportState(trx, report.id, 'escalated', viewer.accountId, instance.id);
  });
}

/**
 * Staff read a group post only because an instance report is about it (a private group's
 * content is otherwise closed to them); each read is audited.
 */
export async function readReportedGroupPost(app: AppContext, viewer: Viewer, postId: string) {
  const reported = await findInstanceReportOfGroupPost(app.db, postId);
  const post = reported ? await findGroupPost(app.db, postId) : undefined;
  if (!post) throw notFound('Post', 'groups.error.postNotFound');
  const group = (await findGroupById(app.db, post.group_id))!;
  await recordAudit(app.db, { actorAccountId: viewer.accountId, action: 'group_post.read_reported', targetType: 'group_post', targetId: post.id, targetAccountId: post.account_id, data: { group_id: group.id, report_id: reported!.id } });
  return {
    id: post.id,
    group: { id: group.id, slug: group.slug, name: group.name, visibility: group.visibility },
    account_id: post.account_id,
    pseudonym: post.pseudonym,
    in_reply_to_id: post.parent_id,
    content: postText(app, post),
    created_at: post.created_at.toISOString(),
    removed_at: post.removed_at?.toISOString() ?? null,
  };
}

// Group posts as moderation content: instance moderators hide (remove) and restore them through
// the existing reports and actions. Reports enter through the group (its moderators first), not
// through POST /api/v1/reports. The snapshot keeps a private group's text sealed.
registerContentTarget('group_post', {
  reportableDirectly: false,
  async authorOf(db, id) {
    return (await findGroupPost(db, id))?.account_id ?? null;
  },
  async shownUnderPseudonym(db, id) {
    const row = await findGroupPost(db, id);
    return !row || row.pseudonym !== null;
  },
  async snapshot(db, id) {
    const row = await findGroupPost(db, id);
    if (!row) return {};
    const { id: postId, group_id, account_id, parent_id, pseudonym, text, sealed, created_at } = row;
    return { group_post: { id: postId, group_id, account_id, parent_id, pseudonym, text, sealed: sealed ? Buffer.from(sealed).toString('base64') : null, created_at } };
  },
  async setHidden(db, id, hidden, by) {
    await markPostRemoved(db, id, by?.moderatorId ?? null, by?.reason ?? 'instance moderation', hidden);
  },
});
