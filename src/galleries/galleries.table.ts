import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

/** Who withdrew a patient's consent: the clinic (on the patient's request) or the patient with the code. */
export type WithdrawnBy = 'clinic' | 'patient';

/** A before/after pair and the consent record it is published under (see the migration). */
export interface GalleryEntriesTable {
  id: GeneratedAlways<string>;
  account_id: string;
  treatment: string;
  description: Generated<string>;
  before_media_id: string | null;
  after_media_id: string | null;
  /** Who consented (a name or reference the clinic keeps), sealed at `gallery_consent:<id>`. */
  consent_subject_sealed: Buffer;
  /** The day the patient agreed (YYYY-MM-DD). */
  consent_date: string;
  consent_statement: string;
  consent_scope: 'public_medired';
  withdrawal_code_hash: Buffer;
  withdrawn_at: NullableTimestamp;
  withdrawn_by: WithdrawnBy | null;
  created_at: Generated<Date>;
}
