-- Mastodon's markers: the reader's saved read position in the home timeline and in the
-- notifications (GET/POST /api/v1/markers). `version` counts the updates, as Mastodon's
-- lock_version does.
CREATE TABLE markers (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  timeline text NOT NULL CHECK (timeline IN ('home', 'notifications')),
  last_read_id bigint NOT NULL,
  version integer NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, timeline)
);
