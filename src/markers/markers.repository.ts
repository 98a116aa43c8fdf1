import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { MarkersTable } from './markers.table.js';

export type MarkerTimeline = MarkersTable['timeline'];
export const MARKER_TIMELINES: readonly MarkerTimeline[] = ['home', 'notifications'];
export type MarkerRow = Selectable<MarkersTable>;

/** The account's markers for `timelines`. */
export async function findMarkers(db: Db, accountId: string, timelines: readonly MarkerTimeline[]): Promise<MarkerRow[]> {
  if (timelines.length === 0) return [];
  return db.selectFrom('markers').selectAll().where('account_id', '=', accountId).where('timeline', 'in', [...timelines]).execute();
}

/** Sets a marker (creating it at version 0; each later save adds one, as Mastodon's lock_version). */
export async function saveMarker(db: Db, accountId: string, timeline: MarkerTimeline, lastReadId: string): Promise<MarkerRow> {
  return db
    .insertInto('markers')
    .values({ account_id: accountId, timeline, last_read_id: lastReadId })
    .onConflict((oc) =>
      oc.columns(['account_id', 'timeline']).doUpdateSet((eb) => ({ last_read_id: eb.ref('excluded.last_read_id'), version: eb('markers.version', '+', 1), updated_at: new Date() })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}
