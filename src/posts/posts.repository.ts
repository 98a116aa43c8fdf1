import type { Selectable } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import type { StatusesTable } from './posts.table.js';
import { visibleToViewer } from './visibility.js';

/** A status row, without its search vector. */
export type StatusRow = Omit<Selectable<StatusesTable>, 'search_vector'>;

const STATUS_COLUMNS = [
  'statuses.id', 'statuses.account_id', 'statuses.kind', 'statuses.in_reply_to_id', 'statuses.in_reply_to_account_id',
  'statuses.reblog_of_id', 'statuses.title', 'statuses.content_source', 'statuses.content_html', 'statuses.spoiler_text',
  'statuses.sensitive', 'statuses.visibility', 'statuses.language', 'statuses.cover_media_id', 'statuses.reading_time_minutes',
  'statuses.replies_count', 'statuses.reblogs_count', 'statuses.favourites_count', 'statuses.application_id',
  'statuses.created_at', 'statuses.edited_at', 'statuses.hidden_at', 'statuses.moderation_label', 'statuses.conversation_id', 'statuses.sealed', 'statuses.thread_id',
] as const;

/** Base query for status rows; add `where` clauses to it. */
export function selectStatuses(db: Db) {
  return db.selectFrom('statuses').select(STATUS_COLUMNS);
}

export function findStatusById(db: Db, id: string): Promise<StatusRow | undefined> {
  return selectStatuses(db).where('statuses.id', '=', id).executeTakeFirst();
}

/**
 * The rows among `ids` the viewer may see, by the shared rules of `visibility.ts` (staff see
 * everything, as `canViewStatus` says), in no particular order.
 */
export function findVisibleStatuses(db: Db, ids: readonly string[], viewer: Viewer | null): Promise<StatusRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectStatuses(db)
    .where('statuses.id', 'in', [...new Set(ids)])
    .where((eb) => visibleToViewer(eb, viewer, { asStaff: true }))
    .execute();
}

/** One status when the viewer may see it. */
export async function findVisibleStatus(db: Db, id: string, viewer: Viewer | null): Promise<StatusRow | undefined> {
  return (await findVisibleStatuses(db, [id], viewer))[0];
}
