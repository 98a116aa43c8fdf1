import type { AppContext } from '../app-context.js';
import { readerOf } from '../auth/reader.js';
import type { Viewer } from '../auth/viewer.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { renderMarkdown } from '../text/markdown.js';
import type { AlertInput, AlertListQuery } from './alerts.js';
import { editDecision, isAlertUp, publishDecision, withdrawDecision, type AlertDecision } from './alerts.policy.js';
import {
  findAccountRegion,
  findAlertActor,
  findAlertById,
  findListedAlerts,
  findPinnedAlerts,
  findShownAlert,
  insertAlert,
  updateAlertRow,
  type AlertRow,
} from './alerts.repository.js';

export type { AlertRow } from './alerts.repository.js';

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

/** Turns a refusal of the policy (`alerts.policy.ts`) into the error the entrances answer with. */
export function assertAllowed(decision: AlertDecision): void {
  switch (decision) {
    case 'allowed':
      return;
    case 'not_publisher':
      throw forbidden('Only verified organisations can publish health alerts', 'alerts.onlyVerifiedOrgs');
    case 'not_author':
      throw forbidden('Only the organisation that published the alert can change it', 'alerts.onlyPublisher');
    case 'withdrawn':
      throw conflict('This alert has been withdrawn', 'alerts.error.withdrawn');
    case 'ended':
      throw conflict('This alert is no longer active', 'alerts.error.ended');
  }
}

/** A verified organisation publishes an alert for a country or a city, until `expires_at`. */
export async function publishAlert(app: AppContext, viewer: Viewer, input: AlertInput): Promise<AlertRow> {
  assertAllowed(publishDecision(viewer, await findAlertActor(app.db, viewer.accountId)));
  return insertAlert(app.db, {
    account_id: viewer.accountId,
    title: input.title,
    body_source: input.body,
    body_html: renderMarkdown(input.body),
    severity: input.severity,
    country: input.country,
    city: input.city,
    expires_at: input.expires_at,
  });
}

async function existingAlert(app: AppContext, id: string): Promise<AlertRow> {
  const row = await findAlertById(app.db, id);
  if (!row) throw notFound('Alert');
  return row;
}

/** The author edits an alert that is still up (its expiry too, within the same limits). */
export async function updateAlert(app: AppContext, viewer: Viewer, id: string, input: AlertInput): Promise<AlertRow> {
  const row = await existingAlert(app, id);
  assertAllowed(editDecision(viewer, await findAlertActor(app.db, viewer.accountId), row));
  return updateAlertRow(app.db, id, {
    title: input.title,
    body_source: input.body,
    body_html: renderMarkdown(input.body),
    severity: input.severity,
    country: input.country,
    city: input.city,
    expires_at: input.expires_at,
    edited_at: new Date(),
  });
}

/** The author (or staff with staff power) withdraws an alert: it stops showing at once. */
export async function withdrawAlert(app: AppContext, viewer: Viewer, id: string): Promise<AlertRow> {
  assertAllowed(withdrawDecision(viewer, await existingAlert(app, id)));
  return updateAlertRow(app.db, id, { withdrawn_at: new Date() });
}

/** One alert, withdrawn ones included (their page says so); alerts of suspended accounts are gone. */
export async function getAlert(app: AppContext, id: string): Promise<AlertRow> {
  const row = await findShownAlert(app.db, id);
  if (!row) throw notFound('Alert');
  return row;
}

/**
 * The alerts pinned on top of a viewer's home timeline: active (not expired, not withdrawn)
 * alerts of organisations they follow, and those for their region (their account's country, and
 * city when the alert names one; accents and case do not matter). Blocked and muted
 * organisations are left out. Most severe first, then newest. None for anonymous visitors and
 * suspended accounts, which read as anonymous (`readerOf`).
 */
export async function activeAlertsFor(app: AppContext, viewer: Viewer | null): Promise<AlertRow[]> {
  const reader = readerOf(viewer);
  if (!reader) return [];
  const me = await findAccountRegion(app.db, reader.accountId);
  if (!me) return [];
  return findPinnedAlerts(app.db, reader, me, 10);
}

/**
 * The public list: active alerts, or (status `all`) active plus those expired or withdrawn in
 * the last RECENT_EXPIRED_DAYS days; newest first, keyset pagination by id.
 */
export async function listAlerts(app: AppContext, query: AlertListQuery): Promise<{ alerts: AlertRow[]; nextMaxId: string | null }> {
  const rows = await findListedAlerts(app.db, query, RECENT_EXPIRED_DAYS);
  const alerts = rows.slice(0, query.limit);
  return { alerts, nextMaxId: rows.length > query.limit ? (alerts[alerts.length - 1]?.id ?? null) : null };
}

export function isActive(row: AlertRow, now = Date.now()): boolean {
  return isAlertUp(row, now);
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
