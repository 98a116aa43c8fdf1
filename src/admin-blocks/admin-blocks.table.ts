import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp } from '../accounts/accounts.table.js';

/** A domain blocked for federation (Mastodon's Admin::DomainBlock). */
export interface AdminDomainBlocksTable {
  id: GeneratedAlways<string>;
  domain: string;
  severity: Generated<'noop' | 'silence' | 'suspend'>;
  reject_media: Generated<boolean>;
  reject_reports: Generated<boolean>;
  private_comment: string | null;
  public_comment: string | null;
  obfuscate: Generated<boolean>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A domain allowed to federate in limited federation (Mastodon's Admin::DomainAllow). */
export interface AdminDomainAllowsTable {
  id: GeneratedAlways<string>;
  domain: string;
  created_at: Generated<Date>;
}

/** An e-mail domain no one may sign up with (Mastodon's Admin::EmailDomainBlock). */
export interface EmailDomainBlocksTable {
  id: GeneratedAlways<string>;
  domain: string;
  created_at: Generated<Date>;
}

/** Sign-ups an e-mail domain block refused, per day. */
export interface EmailDomainBlockUsesTable {
  block_id: string;
  day: string;
  uses: Generated<number>;
}

export type IpBlockSeverity = 'sign_up_block' | 'no_access';

/** An address range blocked from signing up or from everything (Mastodon's Admin::IpBlock). */
export interface IpBlocksTable {
  id: GeneratedAlways<string>;
  ip: string;
  severity: IpBlockSeverity;
  comment: Generated<string>;
  expires_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** An address that may not sign up again, hashed (Mastodon's Admin::CanonicalEmailBlock). */
export interface CanonicalEmailBlocksTable {
  id: GeneratedAlways<string>;
  canonical_email_hash: string;
  created_at: Generated<Date>;
}

/** Who used Medired on which UTC day. */
export interface DailyActiveUsersTable {
  day: string;
  user_id: string;
}
