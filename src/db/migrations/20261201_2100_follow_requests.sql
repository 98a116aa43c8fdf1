-- Follow requests: following a locked account asks it first; the follow exists only once the
-- locked account authorizes it (Mastodon's follow_requests).
CREATE TABLE follow_requests (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, target_account_id),
  CHECK (account_id <> target_account_id)
);
-- The locked account's pending requests, newest first (GET /api/v1/follow_requests), and
-- `requested_by` in relationships.
CREATE INDEX follow_requests_target_idx ON follow_requests (target_account_id, id DESC);
