import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { publishStreamEvent } from '../streaming/stream-events.js';
import { DEFAULT_POLICY, POLICY_FIELDS, type Policy, type PolicyField } from './notification-filtering.js';
import { acceptSenders, dismissSenders, findPolicy, findRequests, listRequests, requestSummary, savePolicy, type RequestRow } from './notification-policy.repository.js';
import type { PolicyAnswer } from './notification-policy.table.js';
import type { NotificationsMergedEvent } from './notifications-merged-event.js';

/** Mastodon caps the summary's count of senders at 100. */
const SUMMARY_CAP = 100;

export interface PolicySummary {
  pending_requests_count: number;
  pending_notifications_count: number;
}

/** Mastodon 4.3's NotificationPolicy entity. */
export type NotificationPolicyEntity = Policy & { summary: PolicySummary };

/** The v1 NotificationPolicy (Mastodon 4.3's first form): a boolean per condition, "not accepted". */
export interface V1NotificationPolicyEntity {
  filter_not_following: boolean;
  filter_not_followers: boolean;
  filter_new_accounts: boolean;
  filter_private_mentions: boolean;
  summary: PolicySummary;
}

export async function policyOf(app: AppContext, viewer: Viewer): Promise<NotificationPolicyEntity> {
  const [row, summary] = await Promise.all([findPolicy(app.db, viewer.accountId), requestSummary(app.db, viewer.accountId, SUMMARY_CAP)]);
  const policy = Object.fromEntries(POLICY_FIELDS.map((f) => [f, row?.[f] ?? DEFAULT_POLICY[f]])) as Policy;
  return { ...policy, summary: { pending_requests_count: summary.requests, pending_notifications_count: summary.notifications } };
}

export function toV1Policy(policy: NotificationPolicyEntity): V1NotificationPolicyEntity {
  return {
    filter_not_following: policy.for_not_following !== 'accept',
    filter_not_followers: policy.for_not_followers !== 'accept',
    filter_new_accounts: policy.for_new_accounts !== 'accept',
    filter_private_mentions: policy.for_private_mentions !== 'accept',
    summary: policy.summary,
  };
}

/** Changes the fields given (the others stay as they were). */
export async function updatePolicy(app: AppContext, viewer: Viewer, changes: Partial<Record<PolicyField, PolicyAnswer>>): Promise<NotificationPolicyEntity> {
  const values = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<Record<PolicyField, PolicyAnswer>>;
  if (Object.keys(values).length > 0) await savePolicy(app.db, viewer.accountId, values);
  return policyOf(app, viewer);
}

/** Mastodon's NotificationRequest entity. */
export interface NotificationRequestEntity {
  id: string;
  created_at: string;
  updated_at: string;
  /** A string, as Mastodon sends it. */
  notifications_count: string;
  account: MastodonAccount;
  last_status?: MastodonStatus;
}

export async function toRequestEntities(app: AppContext, viewer: Viewer, rows: RequestRow[]): Promise<NotificationRequestEntity[]> {
  const statusIds = rows.flatMap((r) => (r.last_status_id ? [r.last_status_id] : []));
  const [accounts, statuses] = await Promise.all([findAccountsByIds(app.db, rows.map((r) => r.from_account_id)), loadStatuses(app, statusIds, viewer)]);
  const accountById = new Map(accounts.map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const statusById = new Map(statuses.map((s) => [s.id, s]));
  return rows.flatMap((r) => {
    const account = accountById.get(r.from_account_id);
    if (!account) return [];
    const status = r.last_status_id ? statusById.get(r.last_status_id) : undefined;
    return [
      {
        id: r.id,
        created_at: r.created_at.toISOString(),
        updated_at: r.updated_at.toISOString(),
        notifications_count: String(r.notifications_count),
        account,
        ...(status ? { last_status: status } : {}),
      },
    ];
  });
}

export function pendingRequests(app: AppContext, viewer: Viewer, page: Parameters<typeof listRequests>[2]): Promise<RequestRow[]> {
  return listRequests(app.db, viewer.accountId, page);
}

/** One of the viewer's pending requests; 404 for anyone else's or one already answered. */
export async function pendingRequest(app: AppContext, viewer: Viewer, id: string): Promise<RequestRow> {
  const [row] = await findRequests(app.db, viewer.accountId, [id]);
  if (!row) throw notFound('Notification request');
  return row;
}

/**
 * Accepts requests: their senders' notifications pass the policy from now on and those kept
 * aside join the list (at once: `merged` is always true), which the apps' streams are told.
 * Ids that are not the viewer's pending requests are ignored, as Mastodon's bulk form does.
 */
export async function acceptRequests(app: AppContext, viewer: Viewer, ids: readonly string[]): Promise<void> {
  const rows = await findRequests(app.db, viewer.accountId, ids);
  if (rows.length === 0) return;
  await acceptSenders(app.db, viewer.accountId, rows.map((r) => r.from_account_id));
  await publishStreamEvent<NotificationsMergedEvent>(app, { kind: 'notifications_merged', accountId: viewer.accountId });
}

/** Dismisses requests: the notifications they kept aside are deleted. */
export async function dismissRequests(app: AppContext, viewer: Viewer, ids: readonly string[]): Promise<void> {
  const rows = await findRequests(app.db, viewer.accountId, ids);
  await dismissSenders(app.db, viewer.accountId, rows.map((r) => r.from_account_id));
}
