import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export type ComplaintVisibility = 'public' | 'private';
/** open → answered (the target's first answer) → resolved (by the complainant); closed by moderators. */
export type ComplaintState = 'open' | 'answered' | 'resolved' | 'closed';
export type ComplaintEntryKind = 'reply' | 'moved_to_private';

export interface ComplaintsTable {
  id: GeneratedAlways<string>;
  complainant_id: string;
  target_id: string;
  visibility: ComplaintVisibility;
  /** Empty for a private complaint: its subject and text are in `sealed`. */
  subject: Generated<string>;
  body: Generated<string>;
  sealed: Buffer | null;
  state: Generated<ComplaintState>;
  conversation_id: string | null;
  moved_to_private_at: NullableTimestamp;
  removed_at: NullableTimestamp;
  removed_by: string | null;
  removal_reason: string | null;
  closed_by: string | null;
  close_reason: string | null;
  created_at: Generated<Date>;
  first_response_at: NullableTimestamp;
  resolved_at: NullableTimestamp;
  closed_at: NullableTimestamp;
}

export interface ComplaintEntriesTable {
  id: GeneratedAlways<string>;
  complaint_id: string;
  account_id: string;
  kind: ComplaintEntryKind;
  /** Empty when the entry belongs to a private complaint: its text is in `sealed`. */
  body: Generated<string>;
  sealed: Buffer | null;
  hidden_at: NullableTimestamp;
  created_at: Generated<Date>;
}
