-- Blocks and mutes between accounts, notifications, and moderation state of statuses.

CREATE TABLE blocks (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, target_account_id),
  CHECK (account_id <> target_account_id)
);
CREATE INDEX blocks_target_idx ON blocks (target_account_id, account_id);

CREATE TABLE mutes (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  hide_notifications boolean NOT NULL DEFAULT true,
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, target_account_id),
  CHECK (account_id <> target_account_id)
);

-- Mastodon notification types plus Medired's (consulta_question, consulta_answer,
-- verification_decision, moderation_warning, moderation_decision, appeal_decision, health_alert,
-- fact_check ...). `payload` carries the type-specific data, never health details of others.
CREATE TABLE notifications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  type text NOT NULL,
  from_account_id bigint REFERENCES accounts (id) ON DELETE CASCADE,
  status_id bigint REFERENCES statuses (id) ON DELETE CASCADE,
  payload jsonb NOT NULL DEFAULT '{}',
  read_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_account_idx ON notifications (account_id, id DESC);

-- Moderation of individual statuses: hidden content stays visible to its author and to staff.
ALTER TABLE statuses ADD COLUMN hidden_at timestamptz;
ALTER TABLE statuses ADD COLUMN moderation_label text;
