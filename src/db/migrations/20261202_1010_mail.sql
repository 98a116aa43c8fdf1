-- E-mail: password reset and address confirmation links, the opt-in daily digest, and a way to
-- schedule a recurring job once whatever the number of app processes.

-- NULL while a sign-up made with SMTP configured waits for its confirmation link. Accounts made
-- without SMTP, and every account that existed before this migration, count as confirmed.
ALTER TABLE users ADD COLUMN email_confirmed_at timestamptz DEFAULT now();
UPDATE users SET email_confirmed_at = created_at WHERE email_confirmed_at IS NULL;
-- The daily digest of unread notifications (counts and links only): off unless the person opts in.
ALTER TABLE users ADD COLUMN digest_enabled boolean NOT NULL DEFAULT false;
-- The UTC day ('YYYY-MM-DD') of the last digest sent; claimed in one UPDATE so that at most one
-- digest goes out per user and day, however many processes run the job.
ALTER TABLE users ADD COLUMN digest_sent_on date;
CREATE INDEX users_digest_idx ON users (id) WHERE digest_enabled;

-- One-time links sent by e-mail. Only the SHA-256 of the token is stored. A new link of the same
-- purpose replaces the user's older ones; `used_at` makes a link single-use.
CREATE TABLE email_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_confirmation')),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX email_tokens_user_idx ON email_tokens (user_id, purpose);

-- Secrets the instance makes for itself on first use (the key that signs unsubscribe links).
CREATE TABLE instance_secrets (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A recurring job's occurrence ("mail.daily_digest:2026-12-02") exists once: every process may
-- schedule the next one, and all but the first insert are ignored.
CREATE UNIQUE INDEX jobs_occurrence_unique ON jobs ((payload ->> 'occurrence')) WHERE payload ? 'occurrence';
