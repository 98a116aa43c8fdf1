import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { AnnouncementsTable } from './announcements.table.js';

/** The SQL of announcements, their dismissals and reactions. */

export type AnnouncementRow = Selectable<AnnouncementsTable>;

/** Announcements readers see now: published and not yet ended, oldest first (Mastodon's order). */
export function findActiveAnnouncements(db: Db, now: Date): Promise<AnnouncementRow[]> {
  return db
    .selectFrom('announcements')
    .selectAll()
    .where('published', '=', true)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
    .orderBy(sql`coalesce(starts_at, published_at, created_at)`)
    .orderBy('id')
    .limit(50)
    .execute();
}

export async function findActiveAnnouncement(db: Db, id: string, now: Date): Promise<AnnouncementRow | undefined> {
  return db
    .selectFrom('announcements')
    .selectAll()
    .where('id', '=', id)
    .where('published', '=', true)
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', now)]))
    .executeTakeFirst();
}

/** Every announcement, newest first (the admins' list). */
export function findAllAnnouncements(db: Db): Promise<AnnouncementRow[]> {
  return db.selectFrom('announcements').selectAll().orderBy('id', 'desc').limit(200).execute();
}

export async function dismissedBy(db: Db, accountId: string, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('announcement_dismissals').select('announcement_id').where('account_id', '=', accountId).where('announcement_id', 'in', ids).execute();
  return new Set(rows.map((r) => r.announcement_id));
}

export async function dismiss(db: Db, accountId: string, announcementId: string): Promise<void> {
  await db.insertInto('announcement_dismissals').values({ account_id: accountId, announcement_id: announcementId }).onConflict((oc) => oc.doNothing()).execute();
}

/** Reaction counts per announcement and name, and whether `accountId` is among them. */
export function reactionCounts(db: Db, ids: readonly string[], accountId: string | null) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('announcement_reactions')
    .select([
      'announcement_id',
      'name',
      (eb) => eb.fn.countAll<string>().as('count'),
      (eb) => eb.fn.max<number>(sql<number>`CASE WHEN account_id = ${accountId ?? '0'} THEN 1 ELSE 0 END`).as('me'),
      (eb) => eb.fn.min('created_at').as('first_at'),
    ])
    .where('announcement_id', 'in', ids)
    .groupBy(['announcement_id', 'name'])
    .orderBy('first_at')
    .execute();
}

export async function addReaction(db: Db, announcementId: string, accountId: string, name: string): Promise<void> {
  await db.insertInto('announcement_reactions').values({ announcement_id: announcementId, account_id: accountId, name }).onConflict((oc) => oc.doNothing()).execute();
}

export async function removeReaction(db: Db, announcementId: string, accountId: string, name: string): Promise<boolean> {
  const result = await db.deleteFrom('announcement_reactions').where('announcement_id', '=', announcementId).where('account_id', '=', accountId).where('name', '=', name).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export async function countReactionsOf(db: Db, announcementId: string, accountId: string): Promise<number> {
  const row = await db.selectFrom('announcement_reactions').select((eb) => eb.fn.countAll<string>().as('n')).where('announcement_id', '=', announcementId).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface AnnouncementValues {
  text: string;
  published: boolean;
  all_day: boolean;
  starts_at: Date | null;
  ends_at: Date | null;
}

export function insertAnnouncement(db: Db, values: AnnouncementValues & { created_by_account_id: string }): Promise<AnnouncementRow> {
  return db
    .insertInto('announcements')
    .values({ ...values, published_at: values.published ? new Date() : null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateAnnouncement(db: Db, id: string, changes: Partial<AnnouncementValues>, publishedAt: Date | null | undefined): Promise<AnnouncementRow | undefined> {
  return db
    .updateTable('announcements')
    .set({ ...changes, ...(publishedAt !== undefined ? { published_at: publishedAt } : {}), updated_at: new Date() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteAnnouncement(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('announcements').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** One announcement, locked for the rest of the transaction (an edit or a removal). */
export function findAnnouncementForUpdate(db: Db, id: string): Promise<Selectable<AnnouncementsTable> | undefined> {
  return db.selectFrom('announcements').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}
