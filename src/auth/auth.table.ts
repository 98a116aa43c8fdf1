import type { Generated, GeneratedAlways } from 'kysely';
import type { NullableTimestamp, Timestamp } from '../accounts/accounts.table.js';

export interface SessionsTable {
  id: GeneratedAlways<string>;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  mfa_passed: Generated<boolean>;
  ip: Generated<string>;
  user_agent: Generated<string>;
  created_at: Generated<Date>;
  last_active_at: Generated<Date>;
  expires_at: Timestamp;
}

export interface OauthApplicationsTable {
  id: GeneratedAlways<string>;
  name: string;
  website: string | null;
  redirect_uris: string[];
  scopes: string;
  client_id: string;
  client_secret: string;
  owner_user_id: string | null;
  created_at: Generated<Date>;
}

export interface OauthAuthorizationCodesTable {
  code_hash: string;
  application_id: string;
  user_id: string;
  redirect_uri: string;
  scopes: string;
  code_challenge: string | null;
  code_challenge_method: 'S256' | 'plain' | null;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

export interface OauthAccessTokensTable {
  id: GeneratedAlways<string>;
  token_hash: string;
  refresh_token_hash: string | null;
  application_id: string | null;
  user_id: string | null;
  scopes: string;
  created_at: Generated<Date>;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export type EmailTokenPurpose = 'password_reset' | 'email_confirmation';

/** One-time links sent by e-mail (password reset, address confirmation); only the token's SHA-256. */
export interface EmailTokensTable {
  id: GeneratedAlways<string>;
  user_id: string;
  purpose: EmailTokenPurpose;
  token_hash: string;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
  created_at: Generated<Date>;
}

/** Secrets the instance generates for itself (e.g. the key signing unsubscribe links). */
export interface InstanceSecretsTable {
  name: string;
  value: string;
  created_at: Generated<Date>;
}
