-- Complaints (reclamaciones) about a professional or an organisation, and their threads.
-- A private complaint's subject and text, and its thread entries, are sealed at rest
-- (src/messages/message-sealer.ts, places `complaint:<id>` and `complaint_entry:<id>`): the
-- plaintext columns stay empty. Nobody deletes a complaint: moderators remove it (removed_at,
-- kept here) or close it; the target has no way to change it.
CREATE TABLE complaints (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  complainant_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
  subject text NOT NULL DEFAULT '' CHECK (char_length(subject) <= 140),
  body text NOT NULL DEFAULT '' CHECK (char_length(body) <= 5000),
  sealed bytea,
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered', 'resolved', 'closed')),
  conversation_id bigint REFERENCES conversations (id) ON DELETE SET NULL,
  moved_to_private_at timestamptz,
  removed_at timestamptz,
  removed_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  removal_reason text CHECK (char_length(removal_reason) <= 1000),
  closed_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  close_reason text CHECK (char_length(close_reason) <= 1000),
  created_at timestamptz NOT NULL DEFAULT now(),
  first_response_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  CHECK (complainant_id <> target_id),
  CHECK ((visibility = 'private') = (sealed IS NOT NULL))
);
-- At most one complaint still under way (open or answered) per complainant and target.
CREATE UNIQUE INDEX complaints_one_open_per_pair_idx ON complaints (complainant_id, target_id) WHERE state IN ('open', 'answered') AND removed_at IS NULL;
CREATE INDEX complaints_target_idx ON complaints (target_id, id DESC);
CREATE INDEX complaints_complainant_idx ON complaints (complainant_id, id DESC);
CREATE INDEX complaints_target_created_idx ON complaints (target_id, created_at) WHERE removed_at IS NULL;

CREATE TABLE complaint_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  complaint_id bigint NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- `reply`: a message of the thread; `moved_to_private`: the public note that the complaint
  -- goes on in a private conversation.
  kind text NOT NULL CHECK (kind IN ('reply', 'moved_to_private')),
  body text NOT NULL DEFAULT '' CHECK (char_length(body) <= 5000),
  sealed bytea,
  hidden_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX complaint_entries_thread_idx ON complaint_entries (complaint_id, id);
