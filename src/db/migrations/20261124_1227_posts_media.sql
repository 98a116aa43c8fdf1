-- Posts: Idempotency-Key for status creation, favourites listing per status, media ownership index.

-- A client retrying POST /api/v1/statuses with the same Idempotency-Key within an hour gets the
-- status created the first time instead of a duplicate.
CREATE TABLE status_idempotency_keys (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  key text NOT NULL CHECK (char_length(key) <= 200),
  status_id bigint REFERENCES statuses (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, key)
);

-- favourited_by pages newest favourite first.
DROP INDEX favourites_status_idx;
CREATE INDEX favourites_status_idx ON favourites (status_id, id DESC);

-- reblogged_by pages newest reblog first.
DROP INDEX statuses_reblog_of_idx;
CREATE INDEX statuses_reblog_of_idx ON statuses (reblog_of_id, id DESC) WHERE reblog_of_id IS NOT NULL;

CREATE INDEX media_attachments_account_idx ON media_attachments (account_id, id DESC);
