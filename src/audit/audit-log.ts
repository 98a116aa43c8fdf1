import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { AuditAction } from './audit-actions.js';
import { findAuditPage, insertAuditEntry, type AuditPageFilter } from './audit.repository.js';

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
  return insertAuditEntry(db, {
    actor_account_id: entry.actorAccountId,
    action: entry.action,
    target_type: entry.targetType,
    target_id: entry.targetId ?? null,
    target_account_id: entry.targetAccountId ?? null,
    reason: entry.reason ?? null,
    data: JSON.stringify(entry.data ?? {}),
  });
}

/** The filters of `listAudit`. */
export type AuditFilter = AuditPageFilter;

/** One page of the audit log, newest first (keyset on id; `minId` pages forward). */
export function listAudit(db: Kysely<Database>, f: AuditFilter) {
  return findAuditPage(db, f);
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
