-- Foundation: accounts, users, sessions, OAuth, follows, statuses, media, tags, jobs.
-- Identifiers are bigint identities; they grow with time, so "newer than" is "greater id"
-- and every timeline paginates on an index by id (keyset pagination, no OFFSET).

CREATE EXTENSION IF NOT EXISTS unaccent;

-- Accent-insensitive full-text search in Spanish and English: "nutricion" finds "nutrición".
CREATE TEXT SEARCH CONFIGURATION medired_es (COPY = pg_catalog.spanish);
ALTER TEXT SEARCH CONFIGURATION medired_es
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, spanish_stem;
CREATE TEXT SEARCH CONFIGURATION medired_en (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION medired_en
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
CREATE TEXT SEARCH CONFIGURATION medired_simple (COPY = pg_catalog.simple);
ALTER TEXT SEARCH CONFIGURATION medired_simple
  ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;

CREATE TABLE accounts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL CHECK (username ~ '^[A-Za-z0-9_]{1,30}$'),
  display_name text NOT NULL DEFAULT '' CHECK (char_length(display_name) <= 60),
  note_source text NOT NULL DEFAULT '' CHECK (char_length(note_source) <= 2000),
  note_html text NOT NULL DEFAULT '',
  -- Medired's kind of account and its health profile.
  kind text NOT NULL CHECK (kind IN ('patient', 'professional', 'organization')),
  profession text CHECK (profession IS NULL OR kind = 'professional'),
  specialty text,
  license_number text,
  license_country text CHECK (license_country IS NULL OR license_country ~ '^[A-Z]{2}$'),
  verification_status text NOT NULL DEFAULT 'unverified'
    CHECK (verification_status IN ('unverified', 'pending', 'verified', 'rejected', 'revoked')),
  verified_at timestamptz,
  organization_type text CHECK (organization_type IS NULL OR kind = 'organization'),
  city text NOT NULL DEFAULT '' CHECK (char_length(city) <= 100),
  country text CHECK (country IS NULL OR country ~ '^[A-Z]{2}$'),
  website text NOT NULL DEFAULT '',
  fields jsonb NOT NULL DEFAULT '[]',
  avatar_media_id bigint,
  header_media_id bigint,
  locked boolean NOT NULL DEFAULT false,
  bot boolean NOT NULL DEFAULT false,
  discoverable boolean NOT NULL DEFAULT true,
  followers_count integer NOT NULL DEFAULT 0 CHECK (followers_count >= 0),
  following_count integer NOT NULL DEFAULT 0 CHECK (following_count >= 0),
  statuses_count integer NOT NULL DEFAULT 0 CHECK (statuses_count >= 0),
  last_status_at timestamptz,
  suspended_at timestamptz,
  silenced_at timestamptz,
  search_vector tsvector GENERATED ALWAYS AS (
    to_tsvector('medired_simple', username || ' ' || display_name || ' ' || coalesce(specialty, '') || ' ' || city)
  ) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_username_unique ON accounts (lower(username));
CREATE INDEX accounts_search_idx ON accounts USING gin (search_vector);
CREATE INDEX accounts_specialty_idx ON accounts (specialty) WHERE specialty IS NOT NULL;

CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL UNIQUE REFERENCES accounts (id) ON DELETE CASCADE,
  email text NOT NULL,
  password_hash text NOT NULL,
  locale text NOT NULL DEFAULT 'es' CHECK (locale IN ('es', 'en')),
  staff_role text NOT NULL DEFAULT 'user' CHECK (staff_role IN ('user', 'moderator', 'admin')),
  totp_secret text,
  totp_enabled_at timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_unique ON users (lower(email));

-- Web sessions (cookie). The cookie carries a random token; only its SHA-256 is stored.
CREATE TABLE sessions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  -- false while the user still has to give the second factor.
  mfa_passed boolean NOT NULL DEFAULT true,
  ip text NOT NULL DEFAULT '',
  user_agent text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_active_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE oauth_applications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  website text,
  redirect_uris text[] NOT NULL,
  scopes text NOT NULL,
  client_id text NOT NULL UNIQUE,
  client_secret text NOT NULL,
  owner_user_id bigint REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE oauth_authorization_codes (
  code_hash text PRIMARY KEY,
  application_id bigint NOT NULL REFERENCES oauth_applications (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  redirect_uri text NOT NULL,
  scopes text NOT NULL,
  code_challenge text,
  code_challenge_method text CHECK (code_challenge_method IS NULL OR code_challenge_method IN ('S256', 'plain')),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

CREATE TABLE oauth_access_tokens (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  refresh_token_hash text UNIQUE,
  application_id bigint REFERENCES oauth_applications (id) ON DELETE CASCADE,
  user_id bigint REFERENCES users (id) ON DELETE CASCADE,
  scopes text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX oauth_access_tokens_user_idx ON oauth_access_tokens (user_id) WHERE revoked_at IS NULL;

CREATE TABLE follows (
  follower_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  followed_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_id, followed_id),
  CHECK (follower_id <> followed_id)
);
CREATE INDEX follows_followed_idx ON follows (followed_id, id);
CREATE INDEX follows_follower_idx ON follows (follower_id, id);

CREATE TABLE media_attachments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id bigint,
  kind text NOT NULL CHECK (kind IN ('image', 'video')),
  file_path text NOT NULL,
  preview_path text,
  mime_type text NOT NULL,
  width integer,
  height integer,
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 1500),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX media_attachments_status_idx ON media_attachments (status_id) WHERE status_id IS NOT NULL;

CREATE TABLE statuses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- 'note' is a short post; 'article' a long post of the author's blog.
  kind text NOT NULL DEFAULT 'note' CHECK (kind IN ('note', 'article')),
  in_reply_to_id bigint REFERENCES statuses (id) ON DELETE SET NULL,
  in_reply_to_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  reblog_of_id bigint REFERENCES statuses (id) ON DELETE CASCADE,
  title text NOT NULL DEFAULT '',
  content_source text NOT NULL DEFAULT '',
  content_html text NOT NULL DEFAULT '',
  spoiler_text text NOT NULL DEFAULT '',
  sensitive boolean NOT NULL DEFAULT false,
  -- Mastodon's names: 'private' is followers-only.
  visibility text NOT NULL CHECK (visibility IN ('public', 'unlisted', 'private', 'direct')),
  language text NOT NULL DEFAULT 'es' CHECK (language IN ('es', 'en')),
  cover_media_id bigint REFERENCES media_attachments (id) ON DELETE SET NULL,
  reading_time_minutes integer,
  replies_count integer NOT NULL DEFAULT 0 CHECK (replies_count >= 0),
  reblogs_count integer NOT NULL DEFAULT 0 CHECK (reblogs_count >= 0),
  favourites_count integer NOT NULL DEFAULT 0 CHECK (favourites_count >= 0),
  application_id bigint REFERENCES oauth_applications (id) ON DELETE SET NULL,
  search_vector tsvector GENERATED ALWAYS AS (
    CASE WHEN language = 'en'
      THEN to_tsvector('medired_en', title || ' ' || spoiler_text || ' ' || content_source)
      ELSE to_tsvector('medired_es', title || ' ' || spoiler_text || ' ' || content_source)
    END
  ) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz
);
-- A profile's posts, and the per-author probe of the home timeline.
CREATE INDEX statuses_account_idx ON statuses (account_id, id DESC);
CREATE INDEX statuses_account_articles_idx ON statuses (account_id, id DESC) WHERE kind = 'article';
-- The local/public timeline.
CREATE INDEX statuses_public_idx ON statuses (id DESC) WHERE visibility = 'public' AND reblog_of_id IS NULL;
CREATE INDEX statuses_reply_idx ON statuses (in_reply_to_id) WHERE in_reply_to_id IS NOT NULL;
CREATE UNIQUE INDEX statuses_one_reblog_idx ON statuses (account_id, reblog_of_id) WHERE reblog_of_id IS NOT NULL;
CREATE INDEX statuses_reblog_of_idx ON statuses (reblog_of_id) WHERE reblog_of_id IS NOT NULL;
CREATE INDEX statuses_search_idx ON statuses USING gin (search_vector);

ALTER TABLE media_attachments
  ADD CONSTRAINT media_attachments_status_fk FOREIGN KEY (status_id) REFERENCES statuses (id) ON DELETE CASCADE;
ALTER TABLE accounts
  ADD CONSTRAINT accounts_avatar_fk FOREIGN KEY (avatar_media_id) REFERENCES media_attachments (id) ON DELETE SET NULL,
  ADD CONSTRAINT accounts_header_fk FOREIGN KEY (header_media_id) REFERENCES media_attachments (id) ON DELETE SET NULL;

-- Earlier versions of an edited status (Mastodon's status history).
CREATE TABLE status_edits (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status_id bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  title text NOT NULL DEFAULT '',
  content_source text NOT NULL,
  content_html text NOT NULL,
  spoiler_text text NOT NULL DEFAULT '',
  sensitive boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);
CREATE INDEX status_edits_status_idx ON status_edits (status_id, id);

CREATE TABLE favourites (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, status_id)
);
CREATE INDEX favourites_status_idx ON favourites (status_id);
CREATE INDEX favourites_account_idx ON favourites (account_id, id DESC);

CREATE TABLE tags (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL CHECK (name ~ '^[[:alnum:]_]{1,100}$'),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tags_name_unique ON tags (lower(name));

CREATE TABLE status_tags (
  status_id bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  PRIMARY KEY (tag_id, status_id)
);
CREATE INDEX status_tags_status_idx ON status_tags (status_id);

CREATE TABLE mentions (
  status_id bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (status_id, account_id)
);
CREATE INDEX mentions_account_idx ON mentions (account_id, status_id DESC);

-- Durable background jobs; workers claim with FOR UPDATE SKIP LOCKED so several instances share them.
CREATE TABLE jobs (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  queue text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  run_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  locked_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_ready_idx ON jobs (run_at, id);
