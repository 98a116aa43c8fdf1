import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import { preparedQuery } from '../db/prepared.js';
import type { StatusEditsTable } from './posts.table.js';

/** The SQL of threads (the statuses around a status) and of a status's earlier versions. */

/** Ids of the statuses `id` replies to, up to `maxAncestors` levels, oldest first: one recursive query. */
const ancestorIds = preparedQuery<{ id: string; max: number }, { id: string }>('thread_ancestors', (db, p) => ({
  compile: () =>
    sql<{ id: string }>`
    WITH RECURSIVE up AS (
      SELECT id, in_reply_to_id, 0 AS depth FROM statuses WHERE id = ${p.id}::bigint
      UNION ALL
      SELECT s.id, s.in_reply_to_id, up.depth + 1 FROM statuses s JOIN up ON s.id = up.in_reply_to_id WHERE up.depth < ${p.max}::int
    )
    SELECT id FROM up WHERE depth > 0 ORDER BY depth DESC
  `.compile(db),
}));

const descendantLinks = preparedQuery<{ id: string; max: number; limit: number }, { id: string; in_reply_to_id: string }>('thread_descendants', (db, p) => ({
  compile: () =>
    sql<{ id: string; in_reply_to_id: string }>`
    WITH RECURSIVE down AS (
      SELECT id, in_reply_to_id, 1 AS depth FROM statuses WHERE in_reply_to_id = ${p.id}::bigint
      UNION ALL
      SELECT s.id, s.in_reply_to_id, down.depth + 1 FROM statuses s JOIN down ON s.in_reply_to_id = down.id WHERE down.depth < ${p.max}::int
    )
    SELECT id, in_reply_to_id FROM down ORDER BY id LIMIT ${p.limit}::int
  `.compile(db),
}));

export async function findAncestorIds(db: Db, id: string, maxAncestors: number): Promise<string[]> {
  return (await ancestorIds(db, { id, max: maxAncestors })).map((r) => r.id);
}

/**
 * The replies below `id`, down to `maxDepth` levels and at most `limit` of them, each with the
 * status it answers, by id: one recursive query. The caller orders them as a thread.
 */
export function findDescendantLinks(db: Db, id: string, maxDepth: number, limit: number): Promise<{ id: string; in_reply_to_id: string }[]> {
  return descendantLinks(db, { id, max: maxDepth, limit });
}

/** The earlier versions of a status, oldest first. */
export function findStatusEdits(db: Db, statusId: string): Promise<Selectable<StatusEditsTable>[]> {
  return db.selectFrom('status_edits').selectAll().where('status_id', '=', statusId).orderBy('id').execute();
}
