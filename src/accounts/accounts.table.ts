import type { ColumnType, Generated, GeneratedAlways, JSONColumnType } from 'kysely';

export type AccountKind = 'patient' | 'professional' | 'organization';
export type VerificationStatus = 'unverified' | 'pending' | 'verified' | 'rejected' | 'revoked';
export type StaffRole = 'user' | 'moderator' | 'admin';
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ProfileField {
  name: string;
  value: string;
}

export interface AccountsTable {
  id: GeneratedAlways<string>;
  username: string;
  display_name: Generated<string>;
  note_source: Generated<string>;
  note_html: Generated<string>;
  kind: AccountKind;
  profession: string | null;
  specialty: string | null;
  license_number: string | null;
  license_country: string | null;
  verification_status: Generated<VerificationStatus>;
  verified_at: NullableTimestamp;
  organization_type: string | null;
  city: Generated<string>;
  country: string | null;
  /** A patient's city and country are shown (profile, API, place searches) only when true; professionals' and organisations' always are. */
  place_public: Generated<boolean>;
  website: Generated<string>;
  fields: JSONColumnType<ProfileField[], string | undefined, string>;
  avatar_media_id: string | null;
  header_media_id: string | null;
  locked: Generated<boolean>;
  bot: Generated<boolean>;
  discoverable: Generated<boolean>;
  followers_count: Generated<number>;
  following_count: Generated<number>;
  statuses_count: Generated<number>;
  last_status_at: NullableTimestamp;
  suspended_at: NullableTimestamp;
  silenced_at: NullableTimestamp;
  search_vector: GeneratedAlways<string>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  /** Who may start a private conversation with the account; null: the default of its kind. */
  messages_from: Generated<'anyone' | 'following' | 'verified' | 'nobody' | null>;
}

export interface UsersTable {
  id: GeneratedAlways<string>;
  account_id: string;
  email: string;
  password_hash: string;
  locale: Generated<'es' | 'en'>;
  staff_role: Generated<StaffRole>;
  totp_secret: string | null;
  totp_enabled_at: NullableTimestamp;
  /** Last TOTP time step accepted (replay protection); see src/auth/totp.service.ts. */
  totp_last_counter: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  password_changed_at: Generated<Date>;
  /** Null while a sign-up waits for its e-mail confirmation (only when SMTP is configured). */
  email_confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  digest_enabled: Generated<boolean>;
  /** UTC day of the last daily digest; written as 'YYYY-MM-DD' and compared in SQL only. */
  digest_sent_on: ColumnType<unknown, string | null | undefined, string | null>;
  created_at: Generated<Date>;
}
