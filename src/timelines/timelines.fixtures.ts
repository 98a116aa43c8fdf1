import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Visibility } from '../posts/posts.table.js';

/**
 * Test fixtures: statuses written straight into the database, so timeline and search tests do
 * not depend on the posting rules (those have their own tests in `posts/`).
 */
export interface StatusFixture {
  account_id: string;
  visibility: Visibility;
  content_source?: string;
  title?: string;
  kind?: 'note' | 'article';
  language?: 'es' | 'en';
  in_reply_to_id?: string | null;
  in_reply_to_account_id?: string | null;
  reblog_of_id?: string | null;
}

export async function insertStatus(db: Db, s: StatusFixture): Promise<string> {
  // A direct status is a private message: it belongs to a conversation (here, of its author
  // alone) and keeps no plaintext (its text would be sealed; a fixture has none).
  const direct = s.visibility === 'direct';
  const content = direct ? '' : (s.content_source ?? 'Un post de prueba');
  const conversation = direct ? await db.insertInto('conversations').values({ created_by: s.account_id }).returning('id').executeTakeFirstOrThrow() : null;
  if (conversation) await db.insertInto('conversation_members').values({ conversation_id: conversation.id, account_id: s.account_id, state: 'active' }).execute();
  const row = await db
    .insertInto('statuses')
    .values({
      account_id: s.account_id,
      visibility: s.visibility,
      conversation_id: conversation?.id ?? null,
      kind: s.kind ?? 'note',
      title: s.title ?? '',
      content_source: content,
      content_html: direct ? '' : `<p>${content}</p>`,
      language: s.language ?? 'es',
      in_reply_to_id: s.in_reply_to_id ?? null,
      in_reply_to_account_id: s.in_reply_to_account_id ?? null,
      reblog_of_id: s.reblog_of_id ?? null,
      cover_media_id: null,
      reading_time_minutes: s.kind === 'article' ? 1 : null,
      application_id: null,
      moderation_label: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.updateTable('accounts').set((eb) => ({ statuses_count: eb('statuses_count', '+', 1) })).where('id', '=', s.account_id).execute();
  return row.id;
}

/** Attaches hashtags (created when missing) to a status. */
export async function tagStatus(db: Db, statusId: string, names: string[]): Promise<void> {
  for (const name of names) {
    await db.insertInto('tags').values({ name }).onConflict((oc) => oc.expression(sql`lower(name)`).doNothing()).execute();
    const tag = await db.selectFrom('tags').select('id').where(sql`lower(name)`, '=', name.toLowerCase()).executeTakeFirstOrThrow();
    await db.insertInto('status_tags').values({ status_id: statusId, tag_id: tag.id }).onConflict((oc) => oc.doNothing()).execute();
  }
}
