-- Care requests (src/care-requests/): a patient (or anyone) asks a professional or organisation
-- that accepts online requests for an appointment, about a service or an administrative matter.
-- The request's text is the first message of a private conversation (sealed at rest there);
-- this row holds no text, only the kind, the preferred slots and the state.
CREATE TABLE care_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  requester_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('appointment', 'service_question', 'administrative')),
  -- [{ "date": "2026-12-10", "from": "09:00", "to": "11:00" }], at most 3 (appointments only).
  slots jsonb NOT NULL DEFAULT '[]',
  state text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'answered', 'closed')),
  conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  -- The first message (the request's text, sealed in the conversation); gone if it is deleted.
  status_id bigint REFERENCES statuses (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  first_answered_at timestamptz,
  closed_at timestamptz,
  closed_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  CHECK (requester_id <> target_id),
  CHECK ((state = 'closed') = (closed_at IS NOT NULL))
);
-- The target's inbox by state, newest first; the requester's list; at most one open request per pair.
CREATE INDEX care_requests_target_idx ON care_requests (target_id, state, id DESC);
CREATE INDEX care_requests_requester_idx ON care_requests (requester_id, id DESC);
CREATE UNIQUE INDEX care_requests_one_open_idx ON care_requests (requester_id, target_id) WHERE state <> 'closed';
-- The answer hook looks up a conversation's unanswered requests on every message.
CREATE INDEX care_requests_unanswered_idx ON care_requests (conversation_id) WHERE state = 'new';
-- The median time to first answer of a target.
CREATE INDEX care_requests_answered_idx ON care_requests (target_id, created_at) WHERE first_answered_at IS NOT NULL;
