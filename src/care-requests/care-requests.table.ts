import type { Generated, GeneratedAlways, JSONColumnType } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';
import type { CareRequestKind, CareRequestState, TimeSlot } from './care-requests.js';

/** `care_requests`: kind, slots and state of a request; its text is the conversation's first message. */
export interface CareRequestsTable {
  id: GeneratedAlways<string>;
  requester_id: string;
  target_id: string;
  kind: CareRequestKind;
  slots: JSONColumnType<TimeSlot[], string | undefined, string>;
  state: Generated<CareRequestState>;
  conversation_id: string;
  /** The first message: the request's text, sealed in the conversation. */
  status_id: string | null;
  created_at: Generated<Date>;
  first_answered_at: NullableTimestamp;
  closed_at: NullableTimestamp;
  closed_by: string | null;
}
