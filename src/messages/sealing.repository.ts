import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/** The SQL of sealing private messages at rest (`resealing.ts`): rows to seal or re-seal, in batches by id. */

export interface PlainMessageRow {
  id: string;
  place_id: string;
  content_source: string;
  content_html: string;
  spoiler_text: string;
}

/** Direct statuses still holding plaintext (written before messages were sealed). */
export function findPlainDirectStatuses(db: Db, afterId: string, limit: number): Promise<PlainMessageRow[]> {
  return db
    .selectFrom('statuses')
    .select(['id', 'id as place_id', 'content_source', 'content_html', 'spoiler_text'])
    .where('visibility', '=', 'direct')
    .where('sealed', 'is', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Earlier versions of direct statuses still holding plaintext. */
export function findPlainDirectEdits(db: Db, afterId: string, limit: number): Promise<PlainMessageRow[]> {
  return db
    .selectFrom('status_edits as e')
    .innerJoin('statuses as s', 's.id', 'e.status_id')
    .select(['e.id', 's.id as place_id', 'e.content_source', 'e.content_html', 'e.spoiler_text'])
    .where('s.visibility', '=', 'direct')
    .where('e.sealed', 'is', null)
    .where('e.id', '>', afterId)
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

/** Descriptions of attachments of direct statuses still in plaintext. */
export function findPlainDirectMedia(db: Db, afterId: string, limit: number): Promise<{ id: string; description: string }[]> {
  return db
    .selectFrom('media_attachments as m')
    .innerJoin('statuses as s', 's.id', 'm.status_id')
    .select(['m.id', 'm.description'])
    .where('s.visibility', '=', 'direct')
    .where('m.description', '<>', '')
    .where('m.id', '>', afterId)
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

export async function setStatusSealed(db: Db, id: string, sealed: Buffer): Promise<void> {
  await db.updateTable('statuses').set({ sealed, content_source: '', content_html: '', spoiler_text: '', title: '' }).where('id', '=', id).execute();
}

export async function setEditSealed(db: Db, id: string, sealed: Buffer): Promise<void> {
  await db.updateTable('status_edits').set({ sealed, content_source: '', content_html: '', spoiler_text: '', title: '' }).where('id', '=', id).execute();
}

export async function setMediaDescriptionSealed(db: Db, id: string, sealed: Buffer | null): Promise<void> {
  await db.updateTable('media_attachments').set({ sealed_description: sealed, description: '' }).where('id', '=', id).execute();
}

/** Tables with sealed values; `group_posts` holds the text of private support groups' posts (src/groups/). */
export type SealedTable = 'statuses' | 'status_edits' | 'media_attachments' | 'group_posts' | 'gallery_entries';

export interface SealedValueRow {
  id: string;
  place_id: string;
  sealed: Buffer;
}

/** Rows of `table` holding a sealed value, by id. */
export function findSealedValues(db: Db, table: SealedTable, afterId: string, limit: number): Promise<SealedValueRow[]> {
  if (table === 'statuses') {
    return db.selectFrom('statuses').select(['id', 'id as place_id', sql<Buffer>`sealed`.as('sealed')]).where('sealed', 'is not', null).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }
  if (table === 'group_posts') {
    return db.selectFrom('group_posts').select(['id', 'id as place_id', sql<Buffer>`sealed`.as('sealed')]).where('sealed', 'is not', null).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }
  if (table === 'gallery_entries') {
    // Who consented to a before/after pair (src/galleries/).
    return db.selectFrom('gallery_entries').select(['id', 'id as place_id', sql<Buffer>`consent_subject_sealed`.as('sealed')]).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  }
  if (table === 'status_edits') {
    return db
      .selectFrom('status_edits')
      .select(['id', 'status_id as place_id', sql<Buffer>`sealed`.as('sealed')])
      .where('sealed', 'is not', null)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
  }
  return db
    .selectFrom('media_attachments')
    .select(['id', 'id as place_id', sql<Buffer>`sealed_description`.as('sealed')])
    .where('sealed_description', 'is not', null)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function replaceSealedValue(db: Db, table: SealedTable, id: string, sealed: Buffer): Promise<void> {
  if (table === 'media_attachments') await db.updateTable('media_attachments').set({ sealed_description: sealed }).where('id', '=', id).execute();
  else if (table === 'statuses') await db.updateTable('statuses').set({ sealed }).where('id', '=', id).execute();
  else if (table === 'group_posts') await db.updateTable('group_posts').set({ sealed }).where('id', '=', id).execute();
  else if (table === 'gallery_entries') await db.updateTable('gallery_entries').set({ consent_subject_sealed: sealed }).where('id', '=', id).execute();
  else await db.updateTable('status_edits').set({ sealed }).where('id', '=', id).execute();
}
