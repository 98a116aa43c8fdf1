import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Visibility } from '../posts/posts.table.js';
import { countsAsReply, countsOnProfile } from '../posts/status-counters.js';

type Tx = Kysely<Database>;

/**
 * What moderation can do to one kind of content. `status` and the Consulta tables are built in;
 * other modules (messages, groups …) register theirs with `registerContentTarget` so reports and
 * moderator actions work on them too.
 */
export interface ContentTarget {
  /** The author's account id, or null when the content does not exist. */
  authorOf(db: Tx, id: string): Promise<string | null>;
  /**
   * True when the content is shown under a pseudonym (or no longer exists and could have been):
   * nobody but staff may learn whose it is, so a report about it does not name the author to the
   * reporter, and the report's `account_id` is not checked against it.
   */
  shownUnderPseudonym?(db: Tx, id: string): Promise<boolean>;
  /** A copy of the content for the report and audit record. */
  snapshot(db: Tx, id: string): Promise<Record<string, unknown>>;
  setHidden?(db: Tx, id: string, hidden: boolean): Promise<void>;
  /** Sets the label; returns the previous one. */
  setLabel?(db: Tx, id: string, label: string | null): Promise<string | null>;
  /** Deletes the content; returns what `restore` needs to put it back. */
  remove?(db: Tx, id: string): Promise<Record<string, unknown>>;
  restore?(db: Tx, snapshot: Record<string, unknown>): Promise<void>;
}

const targets = new Map<string, ContentTarget>();

/** Lets a module make its content reportable and moderatable under `type` (e.g. 'message'). */
export function registerContentTarget(type: string, target: ContentTarget): void {
  if (!/^[a-z_]{1,40}$/.test(type) || type === 'account') throw new Error(`Invalid content target type: ${type}`);
  targets.set(type, target);
}

export function contentTarget(type: string): ContentTarget {
  const target = targets.get(type);
  if (!target) throw new AppError('validation_failed', `Unknown target_type "${type}"`, { details: [{ field: 'target_type', message: 'is not a kind of content that can be reported' }] });
  return target;
}

export function contentTargetTypes(): string[] {
  return [...targets.keys()];
}

const STATUS_COLUMNS = [
  'id', 'account_id', 'kind', 'in_reply_to_id', 'in_reply_to_account_id', 'reblog_of_id', 'title', 'content_source', 'content_html',
  'spoiler_text', 'sensitive', 'visibility', 'language', 'cover_media_id', 'reading_time_minutes', 'application_id', 'created_at',
  'edited_at', 'hidden_at', 'moderation_label',
] as const;

const decrement = (db: Tx, accountIds: string[]) =>
  accountIds.length === 0
    ? Promise.resolve()
    : db.updateTable('accounts').set({ statuses_count: sql`greatest(statuses_count - 1, 0)` }).where('id', 'in', accountIds).execute();

/** Posts and articles. Removal keeps a full snapshot so that an upheld appeal can restore them. */
const statusTarget: ContentTarget = {
  async authorOf(db, id) {
    return (await db.selectFrom('statuses').select('account_id').where('id', '=', id).executeTakeFirst())?.account_id ?? null;
  },
  async snapshot(db, id) {
    const row = await db.selectFrom('statuses').select(STATUS_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? { status: row } : {};
  },
  async setHidden(db, id, hidden) {
    await db.updateTable('statuses').set({ hidden_at: hidden ? new Date() : null }).where('id', '=', id).execute();
  },
  async setLabel(db, id, label) {
    const before = await db.selectFrom('statuses').select('moderation_label').where('id', '=', id).executeTakeFirst();
    await db.updateTable('statuses').set({ moderation_label: label }).where('id', '=', id).execute();
    return before?.moderation_label ?? null;
  },
  async remove(db, id) {
    const status = await db.selectFrom('statuses').select(STATUS_COLUMNS).where('id', '=', id).executeTakeFirst();
    if (!status) throw new AppError('not_found', 'Status not found');
    const [mentions, tags, media, favourites, replies, reblogs] = await Promise.all([
      db.selectFrom('mentions').select('account_id').where('status_id', '=', id).execute(),
      db.selectFrom('status_tags').select('tag_id').where('status_id', '=', id).execute(),
      db.selectFrom('media_attachments').selectAll().where('status_id', '=', id).execute(),
      db.selectFrom('favourites').select(['account_id', 'created_at']).where('status_id', '=', id).execute(),
      db.selectFrom('statuses').select('id').where('in_reply_to_id', '=', id).execute(),
      db.selectFrom('statuses').select(['id', 'account_id', 'visibility', 'created_at']).where('reblog_of_id', '=', id).execute(),
    ]);
    await db.deleteFrom('statuses').where('id', '=', id).execute();
    // Counters follow, as when the author deletes: the author's and reblogging accounts' posts,
    // and the parent's replies / the original's reblogs.
    if (countsOnProfile(status.visibility)) await decrement(db, [status.account_id]);
    for (const r of reblogs) if (countsOnProfile(r.visibility)) await decrement(db, [r.account_id]);
    if (status.in_reply_to_id && countsAsReply(status.visibility)) {
      await db.updateTable('statuses').set({ replies_count: sql`greatest(replies_count - 1, 0)` }).where('id', '=', status.in_reply_to_id).execute();
    }
    if (status.reblog_of_id) {
      await db.updateTable('statuses').set({ reblogs_count: sql`greatest(reblogs_count - 1, 0)` }).where('id', '=', status.reblog_of_id).execute();
    }
    return {
      status,
      mentions: mentions.map((m) => m.account_id),
      tag_ids: tags.map((t) => t.tag_id),
      media,
      favourites,
      reply_ids: replies.map((r) => r.id),
      reblogs,
    };
  },
  async restore(db, snap) {
    const s = snap.status as Record<string, unknown> & { id: string; account_id: string; in_reply_to_id: string | null; reblog_of_id: string | null };
    const exists = async (table: 'statuses' | 'accounts', id: string | null) =>
      id !== null && (await db.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    const parentId = (await exists('statuses', s.in_reply_to_id)) ? s.in_reply_to_id : null;
    const originalId = (await exists('statuses', s.reblog_of_id)) ? s.reblog_of_id : null;
    if (s.reblog_of_id && !originalId) throw new AppError('conflict', 'The reposted original no longer exists; the repost cannot be restored');
    const favourites = (snap.favourites as { account_id: string; created_at: string }[]) ?? [];
    const reblogs = (snap.reblogs as { id: string; account_id: string; visibility: string; created_at: string }[]) ?? [];
    await sql`
      INSERT INTO statuses (id, account_id, kind, in_reply_to_id, in_reply_to_account_id, reblog_of_id, title, content_source,
        content_html, spoiler_text, sensitive, visibility, language, reading_time_minutes, application_id, created_at, edited_at,
        hidden_at, moderation_label, favourites_count, reblogs_count)
      OVERRIDING SYSTEM VALUE
      VALUES (${s.id}, ${s.account_id}, ${s.kind}, ${parentId}, ${parentId ? s.in_reply_to_account_id : null}, ${originalId},
        ${s.title}, ${s.content_source}, ${s.content_html}, ${s.spoiler_text}, ${s.sensitive}, ${s.visibility}, ${s.language},
        ${s.reading_time_minutes}, null, ${s.created_at}, ${s.edited_at}, ${s.hidden_at}, ${s.moderation_label}, 0, 0)`.execute(db);
    const visibility = s.visibility as Visibility;
    if (countsOnProfile(visibility)) await db.updateTable('accounts').set({ statuses_count: sql`statuses_count + 1` }).where('id', '=', s.account_id).execute();
    if (parentId && countsAsReply(visibility)) await db.updateTable('statuses').set({ replies_count: sql`replies_count + 1` }).where('id', '=', parentId).execute();
    if (originalId) await db.updateTable('statuses').set({ reblogs_count: sql`reblogs_count + 1` }).where('id', '=', originalId).execute();
    for (const accountId of (snap.mentions as string[]) ?? []) {
      if (await exists('accounts', accountId)) await db.insertInto('mentions').values({ status_id: s.id, account_id: accountId }).onConflict((oc) => oc.doNothing()).execute();
    }
    for (const tagId of (snap.tag_ids as string[]) ?? []) {
      await sql`INSERT INTO status_tags (status_id, tag_id) SELECT ${s.id}, id FROM tags WHERE id = ${tagId} ON CONFLICT DO NOTHING`.execute(db);
    }
    for (const m of (snap.media as Record<string, unknown>[]) ?? []) {
      await sql`
        INSERT INTO media_attachments (id, account_id, status_id, kind, file_path, preview_path, mime_type, width, height, description, created_at)
        OVERRIDING SYSTEM VALUE
        VALUES (${m.id}, ${m.account_id}, ${s.id}, ${m.kind}, ${m.file_path}, ${m.preview_path}, ${m.mime_type}, ${m.width}, ${m.height}, ${m.description}, ${m.created_at})
        ON CONFLICT DO NOTHING`.execute(db);
    }
    if (s.cover_media_id) await db.updateTable('statuses').set({ cover_media_id: s.cover_media_id as string }).where('id', '=', s.id).execute();
    for (const f of favourites) {
      if (!(await exists('accounts', f.account_id))) continue;
      const inserted = await db.insertInto('favourites').values({ account_id: f.account_id, status_id: s.id, created_at: new Date(f.created_at) }).onConflict((oc) => oc.doNothing()).returning('id').executeTakeFirst();
      if (inserted) await db.updateTable('statuses').set({ favourites_count: sql`favourites_count + 1` }).where('id', '=', s.id).execute();
    }
    for (const r of reblogs) {
      if (!(await exists('accounts', r.account_id))) continue;
      const inserted = await sql<{ id: string }>`
        INSERT INTO statuses (id, account_id, reblog_of_id, visibility, created_at) OVERRIDING SYSTEM VALUE
        VALUES (${r.id}, ${r.account_id}, ${s.id}, ${r.visibility}, ${r.created_at}) ON CONFLICT DO NOTHING RETURNING id`.execute(db);
      if (inserted.rows.length === 0) continue;
      if (countsOnProfile(r.visibility as Visibility)) await db.updateTable('accounts').set({ statuses_count: sql`statuses_count + 1` }).where('id', '=', r.account_id).execute();
      await db.updateTable('statuses').set({ reblogs_count: sql`reblogs_count + 1` }).where('id', '=', s.id).execute();
    }
    const replyIds = (snap.reply_ids as string[]) ?? [];
    if (replyIds.length > 0) {
      const relinked = await db.updateTable('statuses').set({ in_reply_to_id: s.id }).where('id', 'in', replyIds).where('in_reply_to_id', 'is', null).returning('id').execute();
      if (relinked.length === 0) return;
      const counted = await db.selectFrom('statuses').select('id').where('id', 'in', relinked.map((r) => r.id)).where('visibility', 'in', ['public', 'unlisted']).execute();
      await db.updateTable('statuses').set({ replies_count: sql`replies_count + ${counted.length}` }).where('id', '=', s.id).execute();
    }
  },
};

/** Consulta questions, answers and comments can be hidden (their module shows hidden ones only to author and staff). */
function hideableTable(table: 'consulta_questions' | 'consulta_answers' | 'consulta_comments', shownUnderPseudonym?: ContentTarget['shownUnderPseudonym']): ContentTarget {
  return {
    ...(shownUnderPseudonym ? { shownUnderPseudonym } : {}),
    async authorOf(db, id) {
      return (await db.selectFrom(table).select('account_id').where('id', '=', id).executeTakeFirst())?.account_id ?? null;
    },
    async snapshot(db, id) {
      const row = await db.selectFrom(table).select(['id', 'account_id', 'body_source', 'created_at']).where('id', '=', id).executeTakeFirst();
      return row ? { [table]: row } : {};
    },
    async setHidden(db, id, hidden) {
      await db.updateTable(table).set({ hidden_at: hidden ? new Date() : null }).where('id', '=', id).execute();
    },
  };
}

registerContentTarget('status', statusTarget);
// A question asked under a pseudonym, and the asker's own comments on it, do not name the asker.
registerContentTarget(
  'consulta_question',
  hideableTable('consulta_questions', async (db, id) => {
    const row = await db.selectFrom('consulta_questions').select('pseudonym').where('id', '=', id).executeTakeFirst();
    return !row || row.pseudonym !== null;
  }),
);
registerContentTarget('consulta_answer', hideableTable('consulta_answers'));
registerContentTarget(
  'consulta_comment',
  hideableTable('consulta_comments', async (db, id) => {
    const row = await db
      .selectFrom('consulta_comments as c')
      .innerJoin('consulta_questions as q', 'q.id', 'c.question_id')
      .select(['q.pseudonym', 'q.account_id as asker_id', 'c.account_id'])
      .where('c.id', '=', id)
      .executeTakeFirst();
    return !row || (row.pseudonym !== null && row.account_id === row.asker_id);
  }),
);

/** Whether a report's generic target is shown under a pseudonym (see `ContentTarget.shownUnderPseudonym`). */
export async function isShownUnderPseudonym(db: Tx, type: string | null, id: string | null): Promise<boolean> {
  const target = type && id ? targets.get(type) : undefined;
  return target?.shownUnderPseudonym ? target.shownUnderPseudonym(db, id!) : false;
}
