import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { Viewer } from '../auth/viewer.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { instanceAccountEntity } from '../instance/instance-account.js';
import { ungroupedKey } from './notification-group-keys.js';
import { applyFilters } from '../filters/filter-matching.js';
import type { NotificationRow } from './notifications.repository.js';
import { findReportsByIds } from '../moderation/reports.repository.js';
import { toReportEntity } from '../moderation/moderation-entities.js';

/** The Report entities `admin.report` notifications carry (Mastodon's `report` attribute), by report id. */
async function reportsOf(app: AppContext, rows: NotificationRow[]): Promise<Map<string, Awaited<ReturnType<typeof toReportEntity>>>> {
  const ids = [...new Set(rows.flatMap((r) => (r.type === 'admin.report' && typeof r.payload.report_id === 'string' ? [r.payload.report_id] : [])))];
  const reports = await findReportsByIds(app.db, ids);
  return new Map(await Promise.all(reports.map(async (row) => [row.id, await toReportEntity(app, row)] as const)));
}

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

export function isMastodonNotificationType(type: string): boolean {
  return (MASTODON_NOTIFICATION_TYPES as readonly string[]).includes(type);
}

/**
 * The types a Mastodon app (a token) is sent when it does not name any: Mastodon's own. An app that
 * knows Medired's types asks for them by name in `types[]`; others never meet a type they cannot
 * show. Medired's own pages (a session: the live badge) get every type, as the pages list them.
 */
export function typesForApps(requested: string[] | undefined, viewer: Pick<Viewer, 'via'>): string[] | undefined {
  if (requested && requested.length > 0) return requested;
  return viewer.via === 'session' ? undefined : [...MASTODON_NOTIFICATION_TYPES];
}

/** Medired's own notification types (payload in the `medired` field). */
export const MEDIRED_NOTIFICATION_TYPES = ['medired.verification', 'medired.moderation', 'medired.appeal', 'medired.report'] as const;

/** Mastodon's Notification entity plus `medired` (the payload of Medired's own types). */
export interface MastodonNotification {
  id: string;
  type: string;
  created_at: string;
  group_key: string;
  /**
   * The account that caused it; null where no person did (staff decisions, anonymous comments).
   * The API never sends null: `forApps` puts the instance's own account there.
   */
  account: MastodonAccount | null;
  status?: MastodonStatus;
  /** The report of an `admin.report` notification. */
  report?: Awaited<ReturnType<typeof toReportEntity>>;
  medired?: Record<string, unknown>;
  read: boolean;
}

/** Hydrates notification rows with their accounts and statuses, in a fixed number of queries. */
export async function toNotificationEntities(app: AppContext, rows: NotificationRow[], viewer: Viewer): Promise<MastodonNotification[]> {
  const accountIds = rows.flatMap((r) => (r.from_account_id ? [r.from_account_id] : []));
  const statusIds = [...new Set(rows.flatMap((r) => (r.status_id ? [r.status_id] : [])))];
  const [accounts, statuses, reports] = await Promise.all([
    findAccountsByIds(app.db, accountIds),
    loadStatuses(app, statusIds, viewer).then((found) => applyFilters(app, viewer, 'notifications', found)),
    reportsOf(app, rows),
  ]);
  const accountById = new Map(accounts.map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const statusById = new Map(statuses.map((s) => [s.id, s]));
  return rows.flatMap((r) => {
    const status = r.status_id ? statusById.get(r.status_id) : undefined;
    // A notification about a status the recipient may no longer see (or hides with a filter) is left out, as Mastodon does.
    if (r.status_id && !status) return [];
    const account = r.from_account_id ? (accountById.get(r.from_account_id) ?? null) : null;
    if (r.from_account_id && !account) return [];
    const isMastodonType = isMastodonNotificationType(r.type);
    const report = r.type === 'admin.report' ? reports.get(String(r.payload.report_id)) : undefined;
    if (r.type === 'admin.report' && !report) return [];
    return [
      {
        id: r.id,
        type: r.type,
        created_at: r.created_at.toISOString(),
        group_key: r.group_key ?? ungroupedKey(r.id),
        account,
        ...(status ? { status } : {}),
        ...(report ? { report } : {}),
        ...(!isMastodonType || Object.keys(r.payload).length > 0 ? { medired: r.payload } : {}),
        read: r.read_at !== null,
      },
    ];
  });
}

/** A notification as the API sends it: `account` is never null (Mastodon apps read it unchecked). */
export type AppNotification = Omit<MastodonNotification, 'account'> & { account: MastodonAccount };

/** Puts the instance's own account where no person caused a notification. */
export function forApps(app: AppContext, entities: MastodonNotification[]): AppNotification[] {
  const instance = instanceAccountEntity(app.config);
  return entities.map((n) => ({ ...n, account: n.account ?? instance }));
}
