import type { AppContext } from '../app-context.js';
import { findAccountsByIds, type AccountRow } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { loadStatuses } from '../posts/status-views.js';
import type { ModerationActionRow } from './actions.service.js';
import { findAppealsOfActions } from './appeals.repository.js';
import { isShownUnderPseudonym } from './content-targets.js';
import { listActionsOfReport } from './actions.service.js';
import type { AppealRow } from './appeals.service.js';
import { APPEALABLE_ACTIONS, mastodonCategory } from './moderation.js';
import { findAdminUserRows } from './moderation.repository.js';
import { sensitizedAmong } from './actions.repository.js';
import type { ReportRow } from './reports.service.js';
import { loadReportedStatuses } from './reported-messages.js';

/** Mastodon's Admin::Account entity (https://docs.joinmastodon.org/entities/Admin_Account/). */
export async function toAdminAccounts(app: AppContext, accountIds: string[]) {
  const ids = [...new Set(accountIds)];
  if (ids.length === 0) return new Map<string, ReturnType<typeof adminAccount>>();
  const [accounts, users, sensitized] = await Promise.all([findAccountsByIds(app.db, ids), findAdminUserRows(app.db, ids), sensitizedAmong(app.db, ids)]);
  const userByAccount = new Map(users.map((u) => [u.account_id, u]));
  return new Map(accounts.map((a) => [a.id, adminAccount(app, a, userByAccount.get(a.id), sensitized.has(a.id))]));
}

function adminAccount(app: AppContext, a: AccountRow, user: { email: string; locale: string; staff_role: string } | undefined, sensitized: boolean) {
  const role = user?.staff_role ?? 'user';
  return {
    id: a.id,
    username: a.username,
    domain: null,
    created_at: a.created_at.toISOString(),
    email: user?.email ?? '',
    ip: null,
    ips: [],
    locale: user?.locale ?? 'es',
    invite_request: null,
    role: { id: role === 'admin' ? '3' : role === 'moderator' ? '2' : '-99', name: role === 'user' ? '' : role, permissions: '0', color: '', highlighted: role !== 'user' },
    confirmed: true,
    approved: true,
    disabled: false,
    silenced: a.silenced_at !== null,
    suspended: a.suspended_at !== null,
    sensitized,
    account: toMastodonAccount(a, app.config),
  };
}

/** An action as the affected author sees it (who moderated is not shown). */
export function toActionEntity(row: ModerationActionRow, appeal: AppealRow | null, staff = false) {
  return {
    id: row.id,
    action: row.action,
    reason: row.reason,
    label: row.label,
    target_type: row.target_type,
    target_id: row.target_id,
    report_id: staff ? row.report_id : undefined,
    created_at: row.created_at.toISOString(),
    reverted_at: row.reverted_at?.toISOString() ?? null,
    appealable: APPEALABLE_ACTIONS.includes(row.action) && !row.reverted_at && appeal === null,
    appeal: appeal ? { id: appeal.id, status: appeal.status, decision_reason: appeal.decision_reason } : null,
    ...(staff ? { account_id: row.target_account_id, moderator_account_id: row.moderator_account_id, snapshot: row.snapshot } : {}),
  };
}

/** Actions with their appeals, in one query each. */
export async function actionEntities(db: Db, rows: ModerationActionRow[], staff = false) {
  const appeals = rows.length
    ? await findAppealsOfActions(db, rows.map((r) => r.id))
    : [];
  const byAction = new Map(appeals.map((a) => [a.action_id, a]));
  return rows.map((r) => toActionEntity(r, byAction.get(r.id) ?? null, staff));
}

export function toAppealEntity(row: AppealRow, action: ReturnType<typeof toActionEntity> | null) {
  return {
    id: row.id,
    action_id: row.action_id,
    text: row.text,
    status: row.status,
    decision_reason: row.decision_reason,
    decided_at: row.decided_at?.toISOString() ?? null,
    created_at: row.created_at.toISOString(),
    action,
  };
}

/**
 * Mastodon's Report entity, as the reporter sees it. About content shown under a pseudonym,
 * `target_account` is null: the reporter is never told who is behind the pseudonym.
 */
export async function toReportEntity(app: AppContext, row: ReportRow) {
  const pseudonymous = await isShownUnderPseudonym(app.db, row.target_type, row.target_id);
  const [target] = pseudonymous ? [] : await findAccountsByIds(app.db, [row.target_account_id]);
  return {
    id: row.id,
    action_taken: row.action_taken_at !== null,
    action_taken_at: row.action_taken_at?.toISOString() ?? null,
    category: mastodonCategory(row.category),
    comment: row.comment,
    forwarded: row.forwarded,
    created_at: row.created_at.toISOString(),
    status_ids: row.status_ids.length ? row.status_ids : null,
    rule_ids: null,
    target_account: target ? toMastodonAccount(target, app.config) : null,
    medired: { category: row.category, target_type: row.target_type, target_id: row.target_id },
  };
}

/** Mastodon's Admin::Report entity, with Medired's actions and snapshots of removed content. */
export async function toAdminReportEntities(app: AppContext, rows: ReportRow[], viewer: Viewer) {
  const accountIds = rows.flatMap((r) => [r.account_id, r.target_account_id, r.assigned_account_id, r.action_taken_by_account_id].filter((x): x is string => x !== null));
  const [accounts, statusById] = await Promise.all([toAdminAccounts(app, accountIds), loadReportedStatuses(app, rows, viewer)]);
  return Promise.all(
    rows.map(async (r) => {
      const actions = await actionEntities(app.db, await listActionsOfReport(app.db, r.id), true);
      return {
        id: r.id,
        action_taken: r.action_taken_at !== null,
        action_taken_at: r.action_taken_at?.toISOString() ?? null,
        category: mastodonCategory(r.category),
        comment: r.comment,
        forwarded: r.forwarded,
        created_at: r.created_at.toISOString(),
        updated_at: r.updated_at.toISOString(),
        account: accounts.get(r.account_id) ?? null,
        target_account: accounts.get(r.target_account_id) ?? null,
        assigned_account: r.assigned_account_id ? (accounts.get(r.assigned_account_id) ?? null) : null,
        action_taken_by_account: r.action_taken_by_account_id ? (accounts.get(r.action_taken_by_account_id) ?? null) : null,
        statuses: r.status_ids.flatMap((id) => (statusById.has(id) ? [statusById.get(id)!] : [])),
        rules: [],
        medired: {
          category: r.category,
          target_type: r.target_type,
          target_id: r.target_id,
          status_ids: r.status_ids,
          actions,
        },
      };
    }),
  );
}
