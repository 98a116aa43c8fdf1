import type { Generated, GeneratedAlways, JSONColumnType } from 'kysely';

/** One entry of the append-only audit log (the database refuses UPDATE and DELETE). */
export interface AuditLogTable {
  id: GeneratedAlways<string>;
  actor_account_id: string | null;
  /** `domain.verb`, e.g. `verification.approve`, `report.create`, `moderation.suspend`. */
  action: string;
  target_type: string;
  target_id: string | null;
  target_account_id: string | null;
  reason: string | null;
  data: JSONColumnType<Record<string, unknown>, string | undefined, never>;
  created_at: Generated<Date>;
}
