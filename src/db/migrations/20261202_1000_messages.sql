-- Private messages: a message is a `direct` status that belongs to a conversation. Its text is
-- sealed (AES-256-GCM, key from configuration, see src/messages/message-sealer.ts) in `sealed`;
-- the plaintext columns of a direct status stay empty, which a constraint enforces, so raw rows
-- and database dumps hold no message text and full-text search never sees it.

CREATE TABLE conversations (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  -- A group conversation (more than one other person, or created as a group) keeps its members
  -- when someone leaves; a one-to-one conversation is found again for the same two people.
  is_group boolean NOT NULL DEFAULT false,
  last_status_id bigint,
  last_activity_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Each person's side of a conversation.
--   state: 'active' (in the list), 'request' (a first message from someone the person's setting
--   does not let in: in message requests), 'declined' (request declined: reads nothing more),
--   'left' (left a group: reads nothing more).
--   cleared_up_to: "delete for me": messages up to this id are gone for this person.
--   unread: a message arrived after the person last read the conversation.
CREATE TABLE conversation_members (
  conversation_id bigint NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  state text NOT NULL CHECK (state IN ('active', 'request', 'declined', 'left')),
  unread boolean NOT NULL DEFAULT false,
  muted boolean NOT NULL DEFAULT false,
  cleared_up_to bigint NOT NULL DEFAULT 0,
  last_read_status_id bigint NOT NULL DEFAULT 0,
  joined_at timestamptz NOT NULL DEFAULT now(),
  state_changed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, account_id)
);
-- A person's conversations and requests, most recent first (the list joins conversations).
CREATE INDEX conversation_members_account_idx ON conversation_members (account_id, state, conversation_id);

-- Who may start a conversation with an account: 'anyone', 'following' (accounts it follows),
-- 'verified' (verified professionals and organisations, and accounts it follows), 'nobody'.
-- NULL means the default of the account's kind (see src/messages/messages.policy.ts).
ALTER TABLE accounts ADD COLUMN messages_from text CHECK (messages_from IN ('anyone', 'following', 'verified', 'nobody'));

ALTER TABLE statuses
  ADD COLUMN conversation_id bigint REFERENCES conversations (id) ON DELETE CASCADE,
  ADD COLUMN sealed bytea;
ALTER TABLE status_edits ADD COLUMN sealed bytea;
ALTER TABLE media_attachments ADD COLUMN sealed_description bytea;
-- Documents (PDF) travel in private messages only.
ALTER TABLE media_attachments DROP CONSTRAINT IF EXISTS media_attachments_kind_check;
ALTER TABLE media_attachments ADD CONSTRAINT media_attachments_kind_check CHECK (kind IN ('image', 'video', 'document'));
CREATE INDEX statuses_conversation_idx ON statuses (conversation_id, id DESC) WHERE conversation_id IS NOT NULL;

-- Direct statuses written before this migration become conversations: one per thread of direct
-- replies, its members the authors and mentioned accounts of the thread. Their text is sealed at
-- the next start (`sealPlaintextMessages`), which the key in the configuration makes possible.
ALTER TABLE conversations ADD COLUMN legacy_root bigint;
WITH RECURSIVE threads AS (
  SELECT s.id, s.id AS root FROM statuses s
  WHERE s.visibility = 'direct' AND NOT EXISTS (
    SELECT 1 FROM statuses p WHERE p.id = s.in_reply_to_id AND p.visibility = 'direct')
  UNION ALL
  SELECT s.id, t.root FROM statuses s JOIN threads t ON s.in_reply_to_id = t.id WHERE s.visibility = 'direct'
), roots AS (SELECT DISTINCT root FROM threads)
INSERT INTO conversations (created_by, legacy_root, last_status_id, last_activity_at)
SELECT s.account_id, s.id, s.id, s.created_at FROM roots JOIN statuses s ON s.id = roots.root;
WITH RECURSIVE threads AS (
  SELECT s.id, s.id AS root FROM statuses s
  WHERE s.visibility = 'direct' AND NOT EXISTS (
    SELECT 1 FROM statuses p WHERE p.id = s.in_reply_to_id AND p.visibility = 'direct')
  UNION ALL
  SELECT s.id, t.root FROM statuses s JOIN threads t ON s.in_reply_to_id = t.id WHERE s.visibility = 'direct'
)
UPDATE statuses SET conversation_id = c.id
FROM threads JOIN conversations c ON c.legacy_root = threads.root
WHERE statuses.id = threads.id;
INSERT INTO conversation_members (conversation_id, account_id, state)
SELECT DISTINCT s.conversation_id, p.account_id, 'active'
FROM statuses s
CROSS JOIN LATERAL (SELECT s.account_id UNION SELECT m.account_id FROM mentions m WHERE m.status_id = s.id) p
WHERE s.conversation_id IS NOT NULL
ON CONFLICT DO NOTHING;
UPDATE conversations c SET
  last_status_id = (SELECT max(s.id) FROM statuses s WHERE s.conversation_id = c.id),
  is_group = (SELECT count(*) FROM conversation_members m WHERE m.conversation_id = c.id) > 2;
ALTER TABLE conversations DROP COLUMN legacy_root;

ALTER TABLE conversations ADD CONSTRAINT conversations_last_status_fk FOREIGN KEY (last_status_id) REFERENCES statuses (id) ON DELETE SET NULL;

-- A direct status belongs to a conversation and keeps no plaintext. NOT VALID: rows written
-- before this migration are sealed at start-up; every row written from now on is checked.
ALTER TABLE statuses ADD CONSTRAINT statuses_direct_sealed CHECK (
  visibility <> 'direct' OR (conversation_id IS NOT NULL AND content_source = '' AND content_html = '' AND spoiler_text = '' AND title = '')
) NOT VALID;
