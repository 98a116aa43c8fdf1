import type { Kysely } from 'kysely';
import { announceStatusGone } from '../streaming/status-gone.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { Visibility } from '../posts/posts.table.js';
import { countsAsReply, countsOnProfile } from '../posts/status-counters.js';
import {
  addRepliesCount,
  decrementRepliesCount,
  decrementReblogsCount,
  decrementStatusesCount,
  deleteStatusRow,
  findCommentPseudonymFacts,
  findHideableAuthor,
  findHideableSnapshotRow,
  findPublicOrUnlistedStatusIds,
  findQuestionPseudonym,
  findStatusAuthor,
  findStatusDependents,
  findStatusModerationLabel,
  findStatusSnapshotRow,
  incrementFavouritesCount,
  incrementReblogsCount,
  incrementRepliesCount,
  incrementStatusesCount,
  insertFavouriteIfMissing,
  insertMentionIfMissing,
  insertRestoredMedia,
  insertRestoredReblog,
  insertRestoredStatus,
  insertStatusTagIfTagExists,
  relinkOrphanReplies,
  rowExists,
  setHideableHiddenAt,
  setStatusCoverMedia,
  setStatusHiddenAt,
  setStatusModerationLabel,
  type HideableTable,
  type RemovedStatus,
} from './content-targets.repository.js';

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
  /**
   * False when reports enter through the module's own route only (group posts: the group's
   * moderators first); `POST /api/v1/reports` then answers 404, as for unknown content.
   */
  reportableDirectly?: boolean;
  /** A copy of the content for the report and audit record. */
  snapshot(db: Tx, id: string): Promise<Record<string, unknown>>;
  /** Hides or shows the content; `by` names the moderator and the reason of a hiding action. */
  setHidden?(db: Tx, id: string, hidden: boolean, by?: { moderatorId: string; reason: string }): Promise<void>;
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

/** Posts and articles. Removal keeps a full snapshot so that an upheld appeal can restore them. */
const statusTarget: ContentTarget = {
  async authorOf(db, id) {
    return (await findStatusAuthor(db, id))?.account_id ?? null;
  },
  async snapshot(db, id) {
    const row = await findStatusSnapshotRow(db, id);
    return row ? { status: row } : {};
  },
  async setHidden(db, id, hidden) {
    await setStatusHiddenAt(db, id, hidden ? new Date() : null);
    // Clients that already show it (and its reblogs) drop it, once the decision commits.
    if (hidden) await announceStatusGone(db, id);
  },
  async setLabel(db, id, label) {
    const before = await findStatusModerationLabel(db, id);
    await setStatusModerationLabel(db, id, label);
    return before?.moderation_label ?? null;
  },
  async remove(db, id) {
    await announceStatusGone(db, id);
    const status = await findStatusSnapshotRow(db, id);
    if (!status) throw new AppError('not_found', 'Status not found');
    const { mentions, tags, media, favourites, replies, reblogs } = await findStatusDependents(db, id);
    await deleteStatusRow(db, id);
    // Counters follow, as when the author deletes: the author's and reblogging accounts' posts,
    // and the parent's replies / the original's reblogs.
    if (countsOnProfile(status.visibility)) await decrementStatusesCount(db, [status.account_id]);
    for (const r of reblogs) if (countsOnProfile(r.visibility)) await decrementStatusesCount(db, [r.account_id]);
    if (status.in_reply_to_id && countsAsReply(status.visibility)) {
      await decrementRepliesCount(db, status.in_reply_to_id);
    }
    if (status.reblog_of_id) {
      await decrementReblogsCount(db, status.reblog_of_id);
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
    const s = snap.status as RemovedStatus;
    const exists = async (table: 'statuses' | 'accounts', id: string | null) => id !== null && (await rowExists(db, table, id));
    const parentId = (await exists('statuses', s.in_reply_to_id)) ? s.in_reply_to_id : null;
    const originalId = (await exists('statuses', s.reblog_of_id)) ? s.reblog_of_id : null;
    if (s.reblog_of_id && !originalId) throw new AppError('conflict', 'The reposted original no longer exists; the repost cannot be restored');
    const favourites = (snap.favourites as { account_id: string; created_at: string }[]) ?? [];
    const reblogs = (snap.reblogs as { id: string; account_id: string; visibility: string; created_at: string }[]) ?? [];
    await insertRestoredStatus(db, s, parentId, originalId);
    const visibility = s.visibility as Visibility;
    if (countsOnProfile(visibility)) await incrementStatusesCount(db, s.account_id);
    if (parentId && countsAsReply(visibility)) await incrementRepliesCount(db, parentId);
    if (originalId) await incrementReblogsCount(db, originalId);
    for (const accountId of (snap.mentions as string[]) ?? []) {
      if (await exists('accounts', accountId)) await insertMentionIfMissing(db, s.id, accountId);
    }
    for (const tagId of (snap.tag_ids as string[]) ?? []) {
      await insertStatusTagIfTagExists(db, s.id, tagId);
    }
    for (const m of (snap.media as Record<string, unknown>[]) ?? []) {
      await insertRestoredMedia(db, s.id, m);
    }
    if (s.cover_media_id) await setStatusCoverMedia(db, s.id, s.cover_media_id as string);
    for (const f of favourites) {
      if (!(await exists('accounts', f.account_id))) continue;
      const inserted = await insertFavouriteIfMissing(db, f.account_id, s.id, new Date(f.created_at));
      if (inserted) await incrementFavouritesCount(db, s.id);
    }
    for (const r of reblogs) {
      if (!(await exists('accounts', r.account_id))) continue;
      const inserted = await insertRestoredReblog(db, s.id, r);
      if (!inserted) continue;
      if (countsOnProfile(r.visibility as Visibility)) await incrementStatusesCount(db, r.account_id);
      await incrementReblogsCount(db, s.id);
    }
    const replyIds = (snap.reply_ids as string[]) ?? [];
    if (replyIds.length > 0) {
      const relinked = await relinkOrphanReplies(db, s.id, replyIds);
      if (relinked.length === 0) return;
      const counted = await findPublicOrUnlistedStatusIds(db, relinked.map((r) => r.id));
      await addRepliesCount(db, s.id, counted.length);
    }
  },
};

/** Consulta questions, answers and comments can be hidden (their module shows hidden ones only to author and staff). */
function hideableTable(table: HideableTable, shownUnderPseudonym?: ContentTarget['shownUnderPseudonym']): ContentTarget {
  return {
    ...(shownUnderPseudonym ? { shownUnderPseudonym } : {}),
    async authorOf(db, id) {
      return (await findHideableAuthor(db, table, id))?.account_id ?? null;
    },
    async snapshot(db, id) {
      const row = await findHideableSnapshotRow(db, table, id);
      return row ? { [table]: row } : {};
    },
    async setHidden(db, id, hidden) {
      await setHideableHiddenAt(db, table, id, hidden ? new Date() : null);
    },
  };
}

registerContentTarget('status', statusTarget);
// A question asked under a pseudonym, and the asker's own comments on it, do not name the asker.
registerContentTarget(
  'consulta_question',
  hideableTable('consulta_questions', async (db, id) => {
    const row = await findQuestionPseudonym(db, id);
    return !row || row.pseudonym !== null;
  }),
);
registerContentTarget('consulta_answer', hideableTable('consulta_answers'));
registerContentTarget(
  'consulta_comment',
  hideableTable('consulta_comments', async (db, id) => {
    const row = await findCommentPseudonymFacts(db, id);
    return !row || (row.pseudonym !== null && row.account_id === row.asker_id);
  }),
);

/** Whether a report's generic target is shown under a pseudonym (see `ContentTarget.shownUnderPseudonym`). */
export async function isShownUnderPseudonym(db: Tx, type: string | null, id: string | null): Promise<boolean> {
  const target = type && id ? targets.get(type) : undefined;
  return target?.shownUnderPseudonym ? target.shownUnderPseudonym(db, id!) : false;
}
