-- Mastodon 4.3's grouped notifications: favourites, reblogs and follows of the same kind and
-- target within a span of hours share a group key, set when the notification is recorded
-- (src/notifications/notification-group-keys.ts). Null: the notification is its own group.
ALTER TABLE notifications ADD COLUMN group_key text CHECK (group_key IS NULL OR char_length(group_key) <= 100);
CREATE INDEX notifications_group_key ON notifications (account_id, group_key, id DESC) WHERE group_key IS NOT NULL;
