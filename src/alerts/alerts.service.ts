import { sql, type Selectable } from 'kysely';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { isStaff } from '../posts/visibility.js';
import { notSilencedForViewer } from '../consultas/consulta-access.js';
import { renderMarkdown } from '../text/markdown.js';
import type { AlertInput, AlertListQuery } from './alerts.js';
import type { HealthAlertsTable } from './alerts.table.js';

export type AlertRow = Selectable<HealthAlertsTable>;

/** How long expired alerts stay on the public page and feeds. */
export const RECENT_EXPIRED_DAYS = 30;

export interface AlertEntity {
  id: string;
  url: string;
  title: string;
  content: string;
  severity: AlertRow['severity'];
  region: { country: string; city: string | null };
  created_at: string;
  edited_at: string | null;
  expires_at: string;
  withdrawn_at: string | null;
  active: boolean;
  account: MastodonAccount;
}

async function assertVerifiedOrganization(app: AppContext, viewer: Viewer): Promise<void> {
  const actor = await app.db.selectFrom('accounts').select(['kind', 'verification_status', 'suspended_at']).where('id', '=', viewer.accountId).executeTakeFirst();
  if (!actor || actor.kind !== 'organization' || actor.verification_status !== 'verified' || actor.suspended_at) {
    throw forbidden('Only verified organisations can publish health alerts', 'alerts.onlyVerifiedOrgs');
  }
}

/** A verified organisation publishes an alert for a country or a city, until `expires_at`. */
export async function publishAlert(app: AppContext, viewer: Viewer, input: AlertInput): Promise<AlertRow> {
  await assertVerifiedOrganization(app, viewer);
  return app.db
    .insertInto('health_alerts')
    .values({
      account_id: viewer.accountId,
      title: input.title,
      body_source: input.body,
      body_html: renderMarkdown(input.body),
      severity: input.severity,
      country: input.country,
      city: input.city,
      expires_at: input.expires_at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function ownAlert(app: AppContext, viewer: Viewer, id: string, options: { staffToo?: boolean } = {}): Promise<AlertRow> {
  const row = await app.db.selectFrom('health_alerts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Alert');
  if (row.account_id !== viewer.accountId && !(options.staffToo && isStaff(viewer))) throw forbidden('Only the organisation that published the alert can change it', 'alerts.onlyPublisher');
  if (row.withdrawn_at) throw conflict('This alert has been withdrawn', 'alerts.error.withdrawn');
  return row;
}

/** The author edits an alert that is still up (its expiry too, within the same limits). */
export async function updateAlert(app: AppContext, viewer: Viewer, id: string, input: AlertInput): Promise<AlertRow> {
  await ownAlert(app, viewer, id);
  await assertVerifiedOrganization(app, viewer);
  return app.db
    .updateTable('health_alerts')
    .set({
      title: input.title,
      body_source: input.body,
      body_html: renderMarkdown(input.body),
      severity: input.severity,
      country: input.country,
      city: input.city,
      expires_at: input.expires_at,
      edited_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The author (or staff) withdraws an alert: it stops showing at once. */
export async function withdrawAlert(app: AppContext, viewer: Viewer, id: string): Promise<AlertRow> {
  await ownAlert(app, viewer, id, { staffToo: true });
  return app.db.updateTable('health_alerts').set({ withdrawn_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** One alert, withdrawn ones included (their page says so); alerts of suspended accounts are gone. */
export async function getAlert(app: AppContext, id: string): Promise<AlertRow> {
  const row = await app.db
    .selectFrom('health_alerts as a')
    .innerJoin('accounts as org', 'org.id', 'a.account_id')
    .selectAll('a')
    .where('a.id', '=', id)
    .where('org.suspended_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw notFound('Alert');
  return row;
}

/**
 * The alerts pinned on top of a viewer's home timeline: active (not expired, not withdrawn)
 * alerts of organisations they follow, and those for their region (their account's country, and
 * city when the alert names one; accents and case do not matter). Blocked and muted
 * organisations are left out. Most severe first, then newest.
 */
export async function activeAlertsFor(app: AppContext, viewer: Viewer | null): Promise<AlertRow[]> {
  if (!viewer) return [];
  const me = await app.db.selectFrom('accounts').select(['country', 'city']).where('id', '=', viewer.accountId).executeTakeFirst();
  if (!me) return [];
  return app.db
    .selectFrom('health_alerts as a')
    .innerJoin('accounts as org', 'org.id', 'a.account_id')
    .selectAll('a')
    .where('a.withdrawn_at', 'is', null)
    .where('a.expires_at', '>', sql<Date>`now()`)
    .where('org.suspended_at', 'is', null)
    .where((eb) => {
      const follows = eb.exists(eb.selectFrom('follows as f').select('f.id').where('f.follower_id', '=', viewer.accountId).whereRef('f.followed_id', '=', 'a.account_id'));
      const inRegion = me.country
        ? eb.and([eb('a.country', '=', me.country), eb.or([eb('a.city', '=', ''), sql<boolean>`lower(unaccent(a.city)) = lower(unaccent(${me.city}))`])])
        : sql<boolean>`false`;
      return eb.or([follows, inRegion]);
    })
    .where(notSilencedForViewer(viewer, 'a.account_id'))
    .orderBy(sql`case a.severity when 'urgent' then 0 when 'warning' then 1 else 2 end`)
    .orderBy('a.id', 'desc')
    .limit(10)
    .execute();
}

/**
 * The public list: active alerts, or (status `all`) active plus those expired or withdrawn in
 * the last RECENT_EXPIRED_DAYS days; newest first, keyset pagination by id.
 */
export async function listAlerts(app: AppContext, query: AlertListQuery): Promise<{ alerts: AlertRow[]; nextMaxId: string | null }> {
  let q = app.db
    .selectFrom('health_alerts as a')
    .innerJoin('accounts as org', 'org.id', 'a.account_id')
    .selectAll('a')
    .where('org.suspended_at', 'is', null);
  if (query.status === 'active') {
    q = q.where('a.withdrawn_at', 'is', null).where('a.expires_at', '>', sql<Date>`now()`);
  } else {
    q = q.where(sql<boolean>`least(a.expires_at, coalesce(a.withdrawn_at, a.expires_at)) > now() - make_interval(days => ${RECENT_EXPIRED_DAYS})`);
  }
  if (query.country) q = q.where('a.country', '=', query.country);
  if (query.max_id) q = q.where('a.id', '<', query.max_id);
  const rows = await q.orderBy('a.id', 'desc').limit(query.limit + 1).execute();
  const alerts = rows.slice(0, query.limit);
  return { alerts, nextMaxId: rows.length > query.limit ? (alerts[alerts.length - 1]?.id ?? null) : null };
}

export function isActive(row: AlertRow, now = Date.now()): boolean {
  return row.withdrawn_at === null && row.expires_at.getTime() > now;
}

export function alertUrl(app: AppContext, id: string): string {
  return `${app.config.publicUrl}/alertas/${id}`;
}

/** API entities of alerts, with their organisations. */
export async function serializeAlerts(app: AppContext, rows: AlertRow[]): Promise<AlertEntity[]> {
  const accounts = new Map((await findAccountsByIds(app.db, rows.map((r) => r.account_id))).map((a) => [a.id, toMastodonAccount(a, app.config)]));
  return rows.flatMap((r) => {
    const account = accounts.get(r.account_id);
    if (!account) return [];
    return [
      {
        id: r.id,
        url: alertUrl(app, r.id),
        title: r.title,
        content: r.body_html,
        severity: r.severity,
        region: { country: r.country, city: r.city || null },
        created_at: r.created_at.toISOString(),
        edited_at: r.edited_at?.toISOString() ?? null,
        expires_at: r.expires_at.toISOString(),
        withdrawn_at: r.withdrawn_at?.toISOString() ?? null,
        active: isActive(r),
        account,
      },
    ];
  });
}
