import { sql } from 'kysely';
import type { Db } from '../db/connect.js';

/**
 * SQL of the built-in content targets of moderation (statuses and the Consulta tables): reading
 * authors and snapshots, hiding, labelling, removing and restoring. Plain functions taking the
 * database handle (inside a transaction, the transaction) first; which counters follow a removal
 * or a restore is decided in `content-targets.ts`.
 */

/** The status columns a removal snapshot keeps. */
const STATUS_COLUMNS = [
  'id', 'account_id', 'kind', 'in_reply_to_id', 'in_reply_to_account_id', 'reblog_of_id', 'title', 'content_source', 'content_html',
  'spoiler_text', 'sensitive', 'visibility', 'language', 'cover_media_id', 'reading_time_minutes', 'application_id', 'created_at',
  'edited_at', 'hidden_at', 'moderation_label', 'conversation_id',
] as const;

/** A removed status as its snapshot keeps it. */
export type RemovedStatus = Record<string, unknown> & { id: string; account_id: string; in_reply_to_id: string | null; reblog_of_id: string | null };

/** The Consulta tables whose rows moderation can hide. */
export type HideableTable = 'consulta_questions' | 'consulta_answers' | 'consulta_comments';

/** The author of a status, or undefined when it does not exist. */
export function findStatusAuthor(db: Db, id: string): Promise<{ account_id: string } | undefined> {
  return db.selectFrom('statuses').select('account_id').where('id', '=', id).executeTakeFirst();
}

/** The columns of a status a snapshot keeps, or undefined. */
export function findStatusSnapshotRow(db: Db, id: string) {
  // A private message's sealed text is kept sealed (base64) in the snapshot.
  return db.selectFrom('statuses').select([...STATUS_COLUMNS, sql<string | null>`encode(sealed, 'base64')`.as('sealed_base64')]).where('id', '=', id).executeTakeFirst();
}

/** Hides a status (a date) or shows it again (null). */
export async function setStatusHiddenAt(db: Db, id: string, hiddenAt: Date | null): Promise<void> {
  await db.updateTable('statuses').set({ hidden_at: hiddenAt }).where('id', '=', id).execute();
}

/** A status's moderation label, or undefined when it does not exist. */
export function findStatusModerationLabel(db: Db, id: string): Promise<{ moderation_label: string | null } | undefined> {
  return db.selectFrom('statuses').select('moderation_label').where('id', '=', id).executeTakeFirst();
}

/** Sets (or clears) a status's moderation label. */
export async function setStatusModerationLabel(db: Db, id: string, label: string | null): Promise<void> {
  await db.updateTable('statuses').set({ moderation_label: label }).where('id', '=', id).execute();
}

/** What hangs off a status and a removal must keep to restore it: mentions, tags, media, favourites, replies and reblogs. */
export async function findStatusDependents(db: Db, id: string) {
  const [mentions, tags, media, favourites, replies, reblogs] = await Promise.all([
    db.selectFrom('mentions').select('account_id').where('status_id', '=', id).execute(),
    db.selectFrom('status_tags').select('tag_id').where('status_id', '=', id).execute(),
    db.selectFrom('media_attachments').selectAll().where('status_id', '=', id).execute(),
    db.selectFrom('favourites').select(['account_id', 'created_at']).where('status_id', '=', id).execute(),
    db.selectFrom('statuses').select('id').where('in_reply_to_id', '=', id).execute(),
    db.selectFrom('statuses').select(['id', 'account_id', 'visibility', 'created_at']).where('reblog_of_id', '=', id).execute(),
  ]);
  return { mentions, tags, media, favourites, replies, reblogs };
}

/** Deletes a status row. */
export async function deleteStatusRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('statuses').where('id', '=', id).execute();
}

/** One post fewer on each of these accounts (never below zero). */
export async function decrementStatusesCount(db: Db, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await db.updateTable('accounts').set({ statuses_count: sql`greatest(statuses_count - 1, 0)` }).where('id', 'in', accountIds).execute();
}

/** One reply fewer on a status (never below zero). */
export async function decrementRepliesCount(db: Db, statusId: string): Promise<void> {
  await db.updateTable('statuses').set({ replies_count: sql`greatest(replies_count - 1, 0)` }).where('id', '=', statusId).execute();
}

/** One reblog fewer on a status (never below zero). */
export async function decrementReblogsCount(db: Db, statusId: string): Promise<void> {
  await db.updateTable('statuses').set({ reblogs_count: sql`greatest(reblogs_count - 1, 0)` }).where('id', '=', statusId).execute();
}

/** True when the row `id` exists in `table`. */
export async function rowExists(db: Db, table: 'statuses' | 'accounts', id: string): Promise<boolean> {
  return (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/** Puts a removed status back with its id, replying to `parentId` and reblogging `originalId` (null when gone), counters at zero. */
export async function insertRestoredStatus(db: Db, s: RemovedStatus, parentId: string | null, originalId: string | null): Promise<void> {
  await sql`
      INSERT INTO statuses (id, account_id, kind, in_reply_to_id, in_reply_to_account_id, reblog_of_id, title, content_source,
        content_html, spoiler_text, sensitive, visibility, language, reading_time_minutes, application_id, created_at, edited_at,
        hidden_at, moderation_label, favourites_count, reblogs_count, conversation_id, sealed)
      OVERRIDING SYSTEM VALUE
      VALUES (${s.id}, ${s.account_id}, ${s.kind}, ${parentId}, ${parentId ? s.in_reply_to_account_id : null}, ${originalId},
        ${s.title}, ${s.content_source}, ${s.content_html}, ${s.spoiler_text}, ${s.sensitive}, ${s.visibility}, ${s.language},
        ${s.reading_time_minutes}, null, ${s.created_at}, ${s.edited_at}, ${s.hidden_at}, ${s.moderation_label}, 0, 0,
        ${s.conversation_id ?? null}, decode(${s.sealed_base64 ?? null}, 'base64'))`.execute(db);
}

/** One post more on an account. */
export async function incrementStatusesCount(db: Db, accountId: string): Promise<void> {
  await db.updateTable('accounts').set({ statuses_count: sql`statuses_count + 1` }).where('id', '=', accountId).execute();
}

/** One reply more on a status. */
export async function incrementRepliesCount(db: Db, statusId: string): Promise<void> {
  await db.updateTable('statuses').set({ replies_count: sql`replies_count + 1` }).where('id', '=', statusId).execute();
}

/** One reblog more on a status. */
export async function incrementReblogsCount(db: Db, statusId: string): Promise<void> {
  await db.updateTable('statuses').set({ reblogs_count: sql`reblogs_count + 1` }).where('id', '=', statusId).execute();
}

/** One favourite more on a status. */
export async function incrementFavouritesCount(db: Db, statusId: string): Promise<void> {
  await db.updateTable('statuses').set({ favourites_count: sql`favourites_count + 1` }).where('id', '=', statusId).execute();
}

/** Mentions an account in a status again (nothing when it already is). */
export async function insertMentionIfMissing(db: Db, statusId: string, accountId: string): Promise<void> {
  await db.insertInto('mentions').values({ status_id: statusId, account_id: accountId }).onConflict((oc) => oc.doNothing()).execute();
}

/** Tags a status again, when the tag still exists (nothing when it already is). */
export async function insertStatusTagIfTagExists(db: Db, statusId: string, tagId: string): Promise<void> {
  await sql`INSERT INTO status_tags (status_id, tag_id) SELECT ${statusId}, id FROM tags WHERE id = ${tagId} ON CONFLICT DO NOTHING`.execute(db);
}

/** Puts a removed status's media attachment back with its id (nothing when it is there). */
export async function insertRestoredMedia(db: Db, statusId: string, m: Record<string, unknown>): Promise<void> {
  await sql`
        INSERT INTO media_attachments (id, account_id, status_id, kind, file_path, preview_path, mime_type, width, height, description, created_at, meta, blurhash, private)
        OVERRIDING SYSTEM VALUE
        VALUES (${m.id}, ${m.account_id}, ${statusId}, ${m.kind}, ${m.file_path}, ${m.preview_path}, ${m.mime_type}, ${m.width}, ${m.height}, ${m.description}, ${m.created_at},
          ${m.meta === undefined || m.meta === null ? null : JSON.stringify(m.meta)}::jsonb, ${m.blurhash ?? null}, ${m.private ?? false})
        ON CONFLICT DO NOTHING`.execute(db);
}

/** Sets a status's cover image. */
export async function setStatusCoverMedia(db: Db, statusId: string, mediaId: string): Promise<void> {
  await db.updateTable('statuses').set({ cover_media_id: mediaId }).where('id', '=', statusId).execute();
}

/** Favourites a status again as it was; undefined when the favourite is already there. */
export function insertFavouriteIfMissing(db: Db, accountId: string, statusId: string, createdAt: Date): Promise<{ id: string } | undefined> {
  return db.insertInto('favourites').values({ account_id: accountId, status_id: statusId, created_at: createdAt }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
}

/** Puts a reblog of a restored status back with its id; true when it was inserted (not already there). */
export async function insertRestoredReblog(db: Db, statusId: string, r: { id: string; account_id: string; visibility: string; created_at: string }): Promise<boolean> {
  const inserted = await sql<{ id: string }>`
        INSERT INTO statuses (id, account_id, reblog_of_id, visibility, created_at) OVERRIDING SYSTEM VALUE
        VALUES (${r.id}, ${r.account_id}, ${statusId}, ${r.visibility}, ${r.created_at}) ON CONFLICT DO NOTHING RETURNING id`.execute(db);
  return inserted.rows.length > 0;
}

/** Makes the replies among `replyIds` that lost their parent reply to `statusId` again; returns their ids. */
export function relinkOrphanReplies(db: Db, statusId: string, replyIds: string[]): Promise<{ id: string }[]> {
  return db.updateTable('statuses').set({ in_reply_to_id: statusId }).where('id', 'in', replyIds).where('in_reply_to_id', 'is', null).returning('id').execute();
}

/** The ids among `ids` of public or unlisted statuses. */
export function findPublicOrUnlistedStatusIds(db: Db, ids: string[]): Promise<{ id: string }[]> {
  return db.selectFrom('statuses').select('id').where('id', 'in', ids).where('visibility', 'in', ['public', 'unlisted']).execute();
}

/** `count` replies more on a status. */
export async function addRepliesCount(db: Db, statusId: string, count: number): Promise<void> {
  await db.updateTable('statuses').set({ replies_count: sql`replies_count + ${count}` }).where('id', '=', statusId).execute();
}

/** The author of a Consulta question, answer or comment, or undefined when it does not exist. */
export function findHideableAuthor(db: Db, table: HideableTable, id: string): Promise<{ account_id: string } | undefined> {
  return db.selectFrom(table).select('account_id').where('id', '=', id).executeTakeFirst();
}

/** The columns of a Consulta question, answer or comment a snapshot keeps, or undefined. */
export function findHideableSnapshotRow(db: Db, table: HideableTable, id: string) {
  return db.selectFrom(table).select(['id', 'account_id', 'body_source', 'created_at']).where('id', '=', id).executeTakeFirst();
}

/** Hides a Consulta question, answer or comment (a date) or shows it again (null). */
export async function setHideableHiddenAt(db: Db, table: HideableTable, id: string, hiddenAt: Date | null): Promise<void> {
  await db.updateTable(table).set({ hidden_at: hiddenAt }).where('id', '=', id).execute();
}

/** The pseudonym a question is asked under (null when none), or undefined when it does not exist. */
export function findQuestionPseudonym(db: Db, id: string): Promise<{ pseudonym: string | null } | undefined> {
  return db.selectFrom('consulta_questions').select('pseudonym').where('id', '=', id).executeTakeFirst();
}

/** A comment's author with its question's pseudonym and asker, or undefined when it does not exist. */
export function findCommentPseudonymFacts(db: Db, id: string) {
  return db
    .selectFrom('consulta_comments as c')
    .innerJoin('consulta_questions as q', 'q.id', 'c.question_id')
    .select(['q.pseudonym', 'q.account_id as asker_id', 'c.account_id'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
