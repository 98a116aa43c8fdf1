-- Mastodon's admin API beyond accounts and reports: server-wide blocks, trend review and the
-- dashboard's figures.

-- Domains blocked or allowed for federation. Medired does not federate yet, so they decide
-- nothing today; they are kept, listed (blocks also publicly) and ready for when it does.
CREATE TABLE admin_domain_blocks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  domain text NOT NULL CHECK (char_length(domain) BETWEEN 1 AND 255),
  severity text NOT NULL DEFAULT 'silence' CHECK (severity IN ('noop', 'silence', 'suspend')),
  reject_media boolean NOT NULL DEFAULT false,
  reject_reports boolean NOT NULL DEFAULT false,
  private_comment text CHECK (char_length(private_comment) <= 1000),
  public_comment text CHECK (char_length(public_comment) <= 1000),
  obfuscate boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX admin_domain_blocks_domain ON admin_domain_blocks (lower(domain));

CREATE TABLE admin_domain_allows (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  domain text NOT NULL CHECK (char_length(domain) BETWEEN 1 AND 255),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX admin_domain_allows_domain ON admin_domain_allows (lower(domain));

-- E-mail domains no one may sign up with (a block covers its subdomains).
CREATE TABLE email_domain_blocks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  domain text NOT NULL CHECK (char_length(domain) BETWEEN 1 AND 255),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX email_domain_blocks_domain ON email_domain_blocks (lower(domain));

-- Addresses (CIDR ranges): no sign-ups from them, or no access at all.
CREATE TABLE ip_blocks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ip cidr NOT NULL,
  severity text NOT NULL CHECK (severity IN ('sign_up_block', 'no_access')),
  comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 1000),
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX ip_blocks_ip ON ip_blocks (ip);

-- Addresses that may not sign up again, by the SHA-256 of their canonical form.
CREATE TABLE canonical_email_blocks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  canonical_email_hash text NOT NULL UNIQUE CHECK (canonical_email_hash ~ '^[0-9a-f]{64}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Sign-ups refused by an e-mail domain block, per day (the block's `history`).
CREATE TABLE email_domain_block_uses (
  block_id bigint NOT NULL REFERENCES email_domain_blocks (id) ON DELETE CASCADE,
  day date NOT NULL,
  uses integer NOT NULL DEFAULT 0,
  PRIMARY KEY (block_id, day)
);

-- Hashtag review (Mastodon's Admin::Tag): null trendable = not reviewed yet; a rejected tag does
-- not trend, a tag not usable is not linked in new statuses, a tag not listable is not suggested.
ALTER TABLE tags ADD COLUMN trendable boolean;
ALTER TABLE tags ADD COLUMN usable boolean NOT NULL DEFAULT true;
ALTER TABLE tags ADD COLUMN listable boolean;
ALTER TABLE tags ADD COLUMN reviewed_at timestamptz;

-- Trending statuses a moderator approved or rejected (no row: not reviewed).
CREATE TABLE status_trend_reviews (
  status_id bigint PRIMARY KEY REFERENCES statuses (id) ON DELETE CASCADE,
  trendable boolean NOT NULL,
  reviewed_by_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  reviewed_at timestamptz NOT NULL DEFAULT now()
);

-- Who used Medired on which day (UTC), written at most once a day per user when a session or
-- token is used: the dashboard's active users and retention.
CREATE TABLE daily_active_users (
  day date NOT NULL,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (day, user_id)
);
CREATE INDEX daily_active_users_user ON daily_active_users (user_id, day);
INSERT INTO daily_active_users (day, user_id)
SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date, user_id FROM sessions
UNION
SELECT DISTINCT (created_at AT TIME ZONE 'UTC')::date, user_id FROM oauth_access_tokens WHERE user_id IS NOT NULL
ON CONFLICT DO NOTHING;

-- Signing in (a session or a token) is activity too.
CREATE FUNCTION record_daily_active() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.user_id IS NOT NULL THEN
    INSERT INTO daily_active_users (day, user_id) VALUES ((now() AT TIME ZONE 'UTC')::date, NEW.user_id) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER sessions_daily_active AFTER INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION record_daily_active();
CREATE TRIGGER oauth_access_tokens_daily_active AFTER INSERT ON oauth_access_tokens FOR EACH ROW EXECUTE FUNCTION record_daily_active();
