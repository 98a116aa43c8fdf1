import { sql, type Selectable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { MediaRow } from '../media/media-entity.js';
import type { GalleryEntriesTable, WithdrawnBy } from './galleries.table.js';

/** The SQL of before/after galleries. */

/** A gallery entry as read (the consent day as `YYYY-MM-DD`; the code's hash is never read back). */
export type GalleryEntryRow = Omit<Selectable<GalleryEntriesTable>, 'withdrawal_code_hash'>;

const columns = [
  'gallery_entries.id',
  'gallery_entries.account_id',
  'gallery_entries.treatment',
  'gallery_entries.description',
  'gallery_entries.before_media_id',
  'gallery_entries.after_media_id',
  'gallery_entries.consent_subject_sealed',
  sql<string>`to_char(gallery_entries.consent_date, 'YYYY-MM-DD')`.as('consent_date'),
  'gallery_entries.consent_statement',
  'gallery_entries.consent_scope',
  'gallery_entries.withdrawn_at',
  'gallery_entries.withdrawn_by',
  'gallery_entries.created_at',
] as const;

export async function insertGalleryEntry(
  trx: Trx,
  values: { account_id: string; treatment: string; description: string; before_media_id: string; after_media_id: string; consent_date: string; consent_statement: string; consent_scope: 'public_medired'; withdrawal_code_hash: Buffer },
): Promise<string> {
  // The subject is sealed at a place naming the row's id, known only after the insert.
  const row = await trx
    .insertInto('gallery_entries')
    .values({ ...values, consent_subject_sealed: Buffer.alloc(0) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setConsentSubjectSealed(trx: Trx, id: string, sealed: Buffer): Promise<void> {
  await trx.updateTable('gallery_entries').set({ consent_subject_sealed: sealed }).where('id', '=', id).execute();
}

export function findGalleryEntry(db: Db, id: string): Promise<GalleryEntryRow | undefined> {
  return db.selectFrom('gallery_entries').select(columns).where('id', '=', id).executeTakeFirst();
}

/** The entry a withdrawal code belongs to. */
export function findEntryByCodeHash(db: Db, hash: Buffer): Promise<GalleryEntryRow | undefined> {
  return db.selectFrom('gallery_entries').select(columns).where('withdrawal_code_hash', '=', hash).executeTakeFirst();
}

/** One page of an account's entries, newest first (keyset on the id, on `gallery_entries_account_idx`). */
export async function findEntriesOfAccount(db: Db, accountId: string, page: { maxId?: string | undefined; minId?: string | undefined; limit: number }): Promise<GalleryEntryRow[]> {
  let q = db.selectFrom('gallery_entries').select(columns).where('account_id', '=', accountId);
  if (page.maxId) q = q.where('id', '<', page.maxId);
  if (page.minId) q = q.where('id', '>', page.minId);
  const forward = Boolean(page.minId && !page.maxId);
  const rows = await q.orderBy('id', forward ? 'asc' : 'desc').limit(page.limit).execute();
  return forward ? rows.reverse() : rows;
}

/** Whether the account shows any entry (its profile then offers the gallery tab). */
export async function hasGalleryEntries(db: Db, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('gallery_entries').select('id').where('account_id', '=', accountId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The image rows of entries, by media id. */
export async function findEntryMedia(db: Db, mediaIds: readonly string[]): Promise<Map<string, MediaRow>> {
  if (mediaIds.length === 0) return new Map();
  const rows = await db.selectFrom('media_attachments').selectAll().where('id', 'in', mediaIds).execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The entry, locked for a change of its consent. */
export function lockGalleryEntry(trx: Trx, id: string): Promise<GalleryEntryRow | undefined> {
  return trx.selectFrom('gallery_entries').select(columns).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Records the withdrawal of consent and lets go of the images (their rows are deleted next). */
export async function markConsentWithdrawn(trx: Trx, id: string, by: WithdrawnBy): Promise<void> {
  await trx.updateTable('gallery_entries').set({ withdrawn_at: new Date(), withdrawn_by: by, before_media_id: null, after_media_id: null }).where('id', '=', id).execute();
}

/** Deletes media rows and returns their files, to be removed from storage after the commit. */
export async function deleteMediaRows(trx: Trx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx.deleteFrom('media_attachments').where('id', 'in', ids).returning(['file_path', 'preview_path']).execute();
  return rows.flatMap((r) => [r.file_path, ...(r.preview_path ? [r.preview_path] : [])]);
}

export async function deleteGalleryEntry(trx: Trx, id: string): Promise<void> {
  await trx.deleteFrom('gallery_entries').where('id', '=', id).execute();
}
