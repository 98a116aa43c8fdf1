import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { Viewer } from '../auth/viewer.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { applyFilters } from '../filters/filter-matching.js';
import type { NotificationRow } from './notifications.repository.js';

/** Mastodon's notification types; anything else is Medired's and carries its payload in `medired`. */
export const MASTODON_NOTIFICATION_TYPES = [
  'mention',
  'status',
  'reblog',
  'follow',
  'follow_request',
  'favourite',
  'poll',
  'update',
  'admin.sign_up',
  'admin.report',
  'severed_relationships',
  'moderation_warning',
] as const;

/** Medired's own notification types (payload in the `medired` field). */
export const MEDIRED_NOTIFICATION_TYPES = ['medired.verification', 'medired.moderation', 'medired.appeal', 'medired.report'] as const;

/** Mastodon's Notification entity plus `medired` (the payload of Medired's own types). */
export interface MastodonNotification {
  id: string;
  type: string;
  created_at: string;
  group_key: string;
  /** The account that caused it; null for notices from the instance's staff (moderation, verification). */
  account: MastodonAccount | null;
  status?: MastodonStatus;
  medired?: Record<string, unknown>;
  read: boolean;
}

/** Hydrates notification rows with their accounts and statuses, in a fixed number of queries. */
export async function toNotificationEntities(app: AppContext, rows: NotificationRow[], viewer: Viewer): Promise<MastodonNotification[]> {
  const accountIds = rows.flatMap((r) => (r.from_account_id ? [r.from_account_id] : []));
  const statusIds = [...new Set(rows.flatMap((r) => (r.status_id ? [r.status_id] : [])))];
  const [accounts, statuses] = await Promise.all([findAccountsByIds(app.db, accountIds), loadStatuses(app, statusIds, viewer).then((found) => applyFilters(app, viewer, 'notifications', found))]);
  const accountById = new Map(accounts.map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const statusById = new Map(statuses.map((s) => [s.id, s]));
  return rows.flatMap((r) => {
    const status = r.status_id ? statusById.get(r.status_id) : undefined;
    // A notification about a status the recipient may no longer see (or hides with a filter) is left out, as Mastodon does.
    if (r.status_id && !status) return [];
    const account = r.from_account_id ? (accountById.get(r.from_account_id) ?? null) : null;
    if (r.from_account_id && !account) return [];
    const isMastodonType = (MASTODON_NOTIFICATION_TYPES as readonly string[]).includes(r.type);
    return [
      {
        id: r.id,
        type: r.type,
        created_at: r.created_at.toISOString(),
        group_key: `ungrouped-${r.id}`,
        account,
        ...(status ? { status } : {}),
        ...(!isMastodonType || Object.keys(r.payload).length > 0 ? { medired: r.payload } : {}),
        read: r.read_at !== null,
      },
    ];
  });
}
