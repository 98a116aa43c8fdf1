import type { Generated, GeneratedAlways } from 'kysely';

export type MemberState = 'active' | 'request' | 'declined' | 'left';
export type MessagesFrom = 'anyone' | 'following' | 'verified' | 'nobody';

export interface ConversationsTable {
  id: GeneratedAlways<string>;
  created_by: string | null;
  is_group: Generated<boolean>;
  last_status_id: string | null;
  last_activity_at: Generated<Date>;
  created_at: Generated<Date>;
}

export interface ConversationMembersTable {
  conversation_id: string;
  account_id: string;
  state: MemberState;
  unread: Generated<boolean>;
  muted: Generated<boolean>;
  /** "Delete for me": messages up to this id are gone for this member. */
  cleared_up_to: Generated<string>;
  last_read_status_id: Generated<string>;
  joined_at: Generated<Date>;
  state_changed_at: Generated<Date>;
}
