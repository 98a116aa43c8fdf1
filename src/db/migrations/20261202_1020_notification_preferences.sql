-- Per-account notification preferences: one row per group of notification types the account
-- switched off or on again (groups in src/notifications/notification-groups.ts). No row means
-- the group's default (every group is on by default). notify() reads it by primary key.
CREATE TABLE notification_preferences (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  notification_group text NOT NULL CHECK (notification_group ~ '^[a-z_]{1,40}$'),
  enabled boolean NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, notification_group)
);
