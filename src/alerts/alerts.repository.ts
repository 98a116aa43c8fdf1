import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import { notSilencedForViewer } from '../consultas/consultas.repository.js';
import type { Db } from '../db/connect.js';
import type { AlertListQuery } from './alerts.js';
import type { AlertActor } from './alerts.policy.js';
import type { HealthAlertsTable } from './alerts.table.js';

export type AlertRow = Selectable<HealthAlertsTable>;

/** The columns of an account the alert rules (`alerts.policy.ts`) depend on. */
export function findAlertActor(db: Db, accountId: string): Promise<AlertActor | undefined> {
  return db.selectFrom('accounts').select(['kind', 'verification_status', 'suspended_at']).where('id', '=', accountId).executeTakeFirst();
}

export function insertAlert(db: Db, values: Insertable<HealthAlertsTable>): Promise<AlertRow> {
  return db.insertInto('health_alerts').values(values).returningAll().executeTakeFirstOrThrow();
}

/** An alert by id, whatever its state or its organisation's. */
export function findAlertById(db: Db, id: string): Promise<AlertRow | undefined> {
  return db.selectFrom('health_alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** An alert by id unless its organisation is suspended (then it is gone for everyone). */
export function findShownAlert(db: Db, id: string): Promise<AlertRow | undefined> {
  return db
    .selectFrom('health_alerts as a')
    .innerJoin('accounts as org', 'org.id', 'a.account_id')
    .selectAll('a')
    .where('a.id', '=', id)
    .where('org.suspended_at', 'is', null)
    .executeTakeFirst();
}

export function updateAlertRow(db: Db, id: string, values: Updateable<HealthAlertsTable>): Promise<AlertRow> {
  return db.updateTable('health_alerts').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** The country and city of an account, for the alerts of its region. */
export function findAccountRegion(db: Db, accountId: string): Promise<{ country: string | null; city: string } | undefined> {
  return db.selectFrom('accounts').select(['country', 'city']).where('id', '=', accountId).executeTakeFirst();
}

/**
 * Active alerts of organisations `viewer` follows or for its region (the city only when the alert
 * names one; accents and case do not matter), leaving out blocked and muted organisations; most
 * severe first, then newest.
 */
export function findPinnedAlerts(db: Db, viewer: Viewer, region: { country: string | null; city: string }, limit: number): Promise<AlertRow[]> {
  return db
    .selectFrom('health_alerts as a')
    .innerJoin('accounts as org', 'org.id', 'a.account_id')
    .selectAll('a')
    .where('a.withdrawn_at', 'is', null)
    .where('a.expires_at', '>', sql<Date>`now()`)
    .where('org.suspended_at', 'is', null)
    .where((eb) => {
      const follows = eb.exists(eb.selectFrom('follows as f').select('f.id').where('f.follower_id', '=', viewer.accountId).whereRef('f.followed_id', '=', 'a.account_id'));
      const inRegion = region.country
        ? eb.and([eb('a.country', '=', region.country), eb.or([eb('a.city', '=', ''), sql<boolean>`lower(unaccent(a.city)) = lower(unaccent(${region.city}))`])])
        : sql<boolean>`false`;
      return eb.or([follows, inRegion]);
    })
    .where(notSilencedForViewer(viewer, 'a.account_id'))
    .orderBy(sql`case a.severity when 'urgent' then 0 when 'warning' then 1 else 2 end`)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

/**
 * One page of the public list, newest first by id (keyset): active alerts, or (status `all`)
 * also those that ended in the last `recentDays` days. Reads `limit + 1` rows so the caller can
 * tell whether there is a next page.
 */
export function findListedAlerts(db: Db, query: AlertListQuery, recentDays: number): Promise<AlertRow[]> {
  let q = db
    .selectFrom('health_alerts as a')
    .innerJoin('accounts as org', 'org.id', 'a.account_id')
    .selectAll('a')
    .where('org.suspended_at', 'is', null);
  if (query.status === 'active') {
    q = q.where('a.withdrawn_at', 'is', null).where('a.expires_at', '>', sql<Date>`now()`);
  } else {
    q = q.where(sql<boolean>`least(a.expires_at, coalesce(a.withdrawn_at, a.expires_at)) > now() - make_interval(days => ${recentDays})`);
  }
  if (query.country) q = q.where('a.country', '=', query.country);
  if (query.max_id) q = q.where('a.id', '<', query.max_id);
  return q.orderBy('a.id', 'desc').limit(query.limit + 1).execute();
}
