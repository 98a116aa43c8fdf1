import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { AuditAction } from './audit-actions.js';
import type { AuditLogTable } from './audit.table.js';

/**
 * SQL of the append-only audit log. Plain functions taking the database handle (or the
 * transaction that makes the audited change) first; the entry's shape and its API form live in
 * `audit-log.ts`.
 */

/** Appends one row to the audit log and returns its id. The table refuses UPDATE and DELETE. */
export async function insertAuditEntry(db: Kysely<Database>, values: Insertable<AuditLogTable>): Promise<string> {
  const row = await db.insertInto('audit_log').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The filters of one page of the audit log. */
export interface AuditPageFilter {
  /** The actions the reader may see (`readableAuditActions`); null or absent means all. */
  readable?: readonly AuditAction[] | null | undefined;
  action?: string | undefined;
  actorAccountId?: string | undefined;
  targetAccountId?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  maxId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/** One page of the audit log, newest first (keyset on id; `minId` pages forward). */
export async function findAuditPage(db: Kysely<Database>, f: AuditPageFilter) {
  let q = db.selectFrom('audit_log').selectAll();
  if (f.readable) q = f.readable.length > 0 ? q.where('action', 'in', f.readable) : q.where(sql<boolean>`false`);
  if (f.action) q = f.action.endsWith('.') || !f.action.includes('.') ? q.where('action', 'like', `${f.action.replace(/\.$/, '')}.%`) : q.where('action', '=', f.action);
  if (f.actorAccountId) q = q.where('actor_account_id', '=', f.actorAccountId);
  if (f.targetAccountId) q = q.where('target_account_id', '=', f.targetAccountId);
  if (f.targetType) q = q.where('target_type', '=', f.targetType);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.maxId) q = q.where('id', '<', f.maxId);
  if (f.minId) {
    const rows = await q.where('id', '>', f.minId).orderBy('id', 'asc').limit(f.limit).execute();
    return rows.reverse();
  }
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}
