import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { AuditAction } from './audit-actions.js';

export interface AuditEntry {
  /** Who did it (null for the system). */
  actorAccountId: string | null;
  /** `domain.verb`, e.g. `verification.approve`, `report.create`, `moderation.hide`; declared in `audit-actions.ts`. */
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  /** The account the action is about, for the per-account filter. */
  targetAccountId?: string | null;
  reason?: string | null;
  /** Extra facts (snapshots of removed content, previous values). Never passwords or tokens. */
  data?: Record<string, unknown>;
}

/**
 * Appends one entry to the audit log. Pass the transaction that makes the change, so the entry
 * exists exactly when the change does. The table refuses UPDATE and DELETE.
 */
export async function recordAudit(db: Kysely<Database>, entry: AuditEntry): Promise<string> {
  const row = await db
    .insertInto('audit_log')
    .values({
      actor_account_id: entry.actorAccountId,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId ?? null,
      target_account_id: entry.targetAccountId ?? null,
      reason: entry.reason ?? null,
      data: JSON.stringify(entry.data ?? {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface AuditFilter {
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
export async function listAudit(db: Kysely<Database>, f: AuditFilter) {
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

export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

/** The API shape of an audit entry. */
export function toAuditEntity(row: AuditRow) {
  return {
    id: row.id,
    action: row.action,
    actor_account_id: row.actor_account_id,
    target_type: row.target_type,
    target_id: row.target_id,
    target_account_id: row.target_account_id,
    reason: row.reason,
    data: row.data,
    created_at: row.created_at.toISOString(),
  };
}
