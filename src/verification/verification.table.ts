import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export type VerificationRequestStatus = 'pending' | 'needs_info' | 'approved' | 'rejected' | 'revoked';

export interface VerificationRequestsTable {
  id: GeneratedAlways<string>;
  account_id: string;
  status: Generated<VerificationRequestStatus>;
  license_number: string;
  issuing_body: string;
  country: string;
  specialty: string | null;
  note: Generated<string>;
  /** A key of the private storage area, always under `verification/`. */
  document_path: string | null;
  document_mime: string | null;
  document_size: number | null;
  decision_reason: string | null;
  decided_by_account_id: string | null;
  decided_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
