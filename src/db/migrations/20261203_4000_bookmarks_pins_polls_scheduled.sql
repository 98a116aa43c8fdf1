-- Mastodon's bookmarks: statuses an account keeps for later (private to it). Listed newest
-- bookmark first, paginated by the bookmark's own id.
CREATE TABLE bookmarks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, status_id)
);
CREATE INDEX bookmarks_account_idx ON bookmarks (account_id, id DESC);
CREATE INDEX bookmarks_status_idx ON bookmarks (status_id);

-- Statuses pinned to their author's profile (at most 5 per account, checked by the service).
CREATE TABLE status_pins (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, status_id)
);
CREATE INDEX status_pins_status_idx ON status_pins (status_id);

-- A status's poll. `cached_tallies` holds the votes per option (same order as `options`);
-- `votes_count` the votes, `voters_count` the accounts that voted. `notified_at` is set once
-- the end of the poll has been announced to its author and voters.
CREATE TABLE polls (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  status_id bigint NOT NULL UNIQUE REFERENCES statuses (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  options text[] NOT NULL,
  cached_tallies integer[] NOT NULL,
  multiple boolean NOT NULL DEFAULT false,
  hide_totals boolean NOT NULL DEFAULT false,
  votes_count integer NOT NULL DEFAULT 0,
  voters_count integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  notified_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A status entity shows its poll's tallies: a vote touches the status so its version (and its
-- entity cache key, see 20261202_0000_entity_versions.sql) changes too.
CREATE FUNCTION touch_status_of_poll() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE statuses SET account_id = account_id WHERE id = NEW.status_id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER polls_touch_status
AFTER UPDATE ON polls
FOR EACH ROW
WHEN (OLD.* IS DISTINCT FROM NEW.*)
EXECUTE FUNCTION touch_status_of_poll();

CREATE INDEX polls_unnotified_idx ON polls (expires_at) WHERE notified_at IS NULL;

CREATE TABLE poll_votes (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  poll_id bigint NOT NULL REFERENCES polls (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  choice integer NOT NULL CHECK (choice >= 0),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (poll_id, account_id, choice)
);
CREATE INDEX poll_votes_account_idx ON poll_votes (account_id, poll_id);

-- Statuses to publish later: the parameters of POST /api/v1/statuses, published by a job at
-- `scheduled_at` through the same service as any post.
CREATE TABLE scheduled_statuses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  scheduled_at timestamptz NOT NULL,
  params jsonb NOT NULL,
  application_id bigint REFERENCES oauth_applications (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scheduled_statuses_account_idx ON scheduled_statuses (account_id, id DESC);
