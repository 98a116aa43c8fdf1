import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

export type GroupVisibility = 'public' | 'private';
export type GroupRole = 'owner' | 'moderator' | 'member';
export type MemberState = 'active' | 'pending' | 'invited' | 'banned';
export type GroupReportState = 'open' | 'dismissed' | 'removed' | 'escalated';

export interface GroupsTable {
  id: GeneratedAlways<string>;
  slug: string;
  name: string;
  description: Generated<string>;
  rules: Generated<string>;
  tags: Generated<string[]>;
  cover_media_id: string | null;
  visibility: GroupVisibility;
  created_by: string | null;
  organisation_account_id: string | null;
  members_count: Generated<number>;
  created_at: Generated<Date>;
}

export interface GroupMembersTable {
  group_id: string;
  account_id: string;
  role: Generated<GroupRole>;
  state: MemberState;
  expert: Generated<boolean>;
  pseudonym: string | null;
  joined_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface GroupPostsTable {
  id: GeneratedAlways<string>;
  group_id: string;
  account_id: string;
  parent_id: string | null;
  /** Empty for posts of private groups, whose text is `sealed`. */
  text: Generated<string>;
  sealed: Buffer | null;
  pseudonym: string | null;
  likes_count: Generated<number>;
  replies_count: Generated<number>;
  pinned_at: NullableTimestamp;
  removed_at: NullableTimestamp;
  removed_by: string | null;
  removed_reason: string | null;
  created_at: Generated<Date>;
}

export interface GroupPostLikesTable {
  post_id: string;
  account_id: string;
  created_at: Generated<Date>;
}

export interface GroupResourcesTable {
  id: GeneratedAlways<string>;
  group_id: string;
  title: string;
  url: string;
  note: Generated<string>;
  position: Generated<number>;
  created_by: string | null;
  created_at: Generated<Date>;
}

export interface GroupPostReportsTable {
  id: GeneratedAlways<string>;
  group_id: string;
  post_id: string;
  account_id: string;
  comment: Generated<string>;
  state: Generated<GroupReportState>;
  handled_by: string | null;
  handled_at: NullableTimestamp;
  report_id: string | null;
  created_at: Generated<Date>;
}
