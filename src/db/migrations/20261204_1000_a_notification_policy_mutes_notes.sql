-- Mastodon 4.3's notification filtering (a policy per account, requests per sender, and the
-- senders a person accepted), muting a status's conversation, and private notes on accounts.

-- What happens to notifications from strangers: accept, filter (kept aside, under requests) or
-- drop (never recorded). No row: the defaults below.
CREATE TABLE notification_policies (
  account_id bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  for_not_following text NOT NULL DEFAULT 'accept' CHECK (for_not_following IN ('accept', 'filter', 'drop')),
  for_not_followers text NOT NULL DEFAULT 'accept' CHECK (for_not_followers IN ('accept', 'filter', 'drop')),
  for_new_accounts text NOT NULL DEFAULT 'accept' CHECK (for_new_accounts IN ('accept', 'filter', 'drop')),
  for_private_mentions text NOT NULL DEFAULT 'accept' CHECK (for_private_mentions IN ('accept', 'filter', 'drop')),
  for_limited_accounts text NOT NULL DEFAULT 'filter' CHECK (for_limited_accounts IN ('accept', 'filter', 'drop')),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A filtered notification is recorded but kept out of the list, the count, the streams and
-- Web Push until its sender's request is accepted.
ALTER TABLE notifications ADD COLUMN filtered boolean NOT NULL DEFAULT false;
CREATE INDEX notifications_filtered_idx ON notifications (account_id, from_account_id, id DESC) WHERE filtered;

-- One request per sender with filtered notifications; its count and last status are read live.
CREATE TABLE notification_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  from_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, from_account_id),
  CHECK (account_id <> from_account_id)
);
CREATE INDEX notification_requests_account_idx ON notification_requests (account_id, id DESC);

-- Senders whose request was accepted: their notifications are never filtered nor dropped by the policy.
CREATE TABLE notification_permissions (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  from_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, from_account_id)
);

-- The thread a status belongs to (Mastodon's conversation): the id of its first status. Set by
-- the trigger on every insert, whatever the path; kept when an ancestor is deleted.
ALTER TABLE statuses ADD COLUMN thread_id bigint;
WITH RECURSIVE threads AS (
  SELECT id, id AS root FROM statuses WHERE in_reply_to_id IS NULL
  UNION ALL
  SELECT s.id, t.root FROM statuses s JOIN threads t ON s.in_reply_to_id = t.id
)
UPDATE statuses SET thread_id = threads.root FROM threads WHERE statuses.id = threads.id;
UPDATE statuses SET thread_id = id WHERE thread_id IS NULL;
ALTER TABLE statuses ALTER COLUMN thread_id SET NOT NULL;
CREATE INDEX statuses_thread_idx ON statuses (thread_id);

CREATE FUNCTION statuses_set_thread() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.thread_id := COALESCE((SELECT p.thread_id FROM statuses p WHERE p.id = NEW.in_reply_to_id), NEW.id);
  RETURN NEW;
END $$;
CREATE TRIGGER statuses_set_thread BEFORE INSERT ON statuses FOR EACH ROW EXECUTE FUNCTION statuses_set_thread();

-- Threads someone muted (`POST /api/v1/statuses/:id/mute`): no notifications from them.
CREATE TABLE conversation_mutes (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  thread_id bigint NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, thread_id)
);

-- A private note about another account, seen only by its writer (Relationship.note).
CREATE TABLE account_notes (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  comment text NOT NULL CHECK (char_length(comment) BETWEEN 1 AND 2000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, target_account_id)
);
