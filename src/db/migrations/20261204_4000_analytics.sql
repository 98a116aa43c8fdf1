-- Analytics for professionals and organisations (src/analytics/). Only aggregates live here:
-- no table holds who viewed, no IP address, user agent, cookie or per-viewer hash. Views are
-- deduplicated per day in memory or Redis (a salted daily hash kept for that day only) and arrive
-- here as counts per item and day; follower changes arrive as +n/-n per followed account.

-- When the statistics started on this instance: the follower chart is exact from this moment
-- (every follow and unfollow since is an event below); days before it have no data.
CREATE TABLE analytics_state (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  started_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO analytics_state DEFAULT VALUES;

-- Follows gained (+n) and lost (-n) by an account, written by the triggers on `follows` below
-- (so every path that follows or unfollows counts: the API, the web, follow requests accepted,
-- removing a follower, blocks, deleted accounts). One row per statement and followed account.
CREATE TABLE analytics_follower_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  delta integer NOT NULL CHECK (delta <> 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX analytics_follower_events_account ON analytics_follower_events (account_id, created_at);

CREATE FUNCTION analytics_follows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO analytics_follower_events (account_id, delta)
    SELECT n.followed_id, count(*)::int FROM analytics_new_follows n GROUP BY n.followed_id;
  ELSE
    -- A follow deleted because its followed account is being deleted has no account to count for.
    INSERT INTO analytics_follower_events (account_id, delta)
    SELECT o.followed_id, -count(*)::int FROM analytics_old_follows o
    WHERE EXISTS (SELECT 1 FROM accounts a WHERE a.id = o.followed_id)
    GROUP BY o.followed_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER follows_analytics_inserted AFTER INSERT ON follows
  REFERENCING NEW TABLE AS analytics_new_follows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_follows_changed();
CREATE TRIGGER follows_analytics_deleted AFTER DELETE ON follows
  REFERENCING OLD TABLE AS analytics_old_follows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_follows_changed();

-- Followers of a professional or organisation at the end of each UTC day, written by the daily
-- job (analytics-jobs.ts) from the live count and the events after that day.
CREATE TABLE analytics_follower_snapshots (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day date NOT NULL,
  followers integer NOT NULL CHECK (followers >= 0),
  PRIMARY KEY (account_id, day)
);

-- Views of a post or article per UTC day (web page views and API status fetches, each viewer
-- counted once a day, authors and bots not at all), added by the flush job.
CREATE TABLE analytics_item_views (
  status_id bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day date NOT NULL,
  views integer NOT NULL CHECK (views >= 0),
  PRIMARY KEY (status_id, day)
);
CREATE INDEX analytics_item_views_account_day ON analytics_item_views (account_id, day);
