-- Authentication hardening: TOTP replay protection, OAuth lookups and session listing.

-- The last TOTP time step accepted for the user; a code for this step or an earlier one is refused
-- (no replay of a code seen by a shoulder-surfer or a phishing proxy).
ALTER TABLE users ADD COLUMN totp_last_counter bigint;

-- Authorisation codes: which client asked for them and when, so expired ones can be swept.
ALTER TABLE oauth_authorization_codes ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX oauth_authorization_codes_expires_idx ON oauth_authorization_codes (expires_at);

-- "Authorised apps" and password changes list/revoke a user's live tokens per application.
CREATE INDEX oauth_access_tokens_app_idx ON oauth_access_tokens (application_id) WHERE revoked_at IS NULL;

-- Sessions listed newest-active first on the security settings page.
CREATE INDEX sessions_user_active_idx ON sessions (user_id, last_active_at DESC);
