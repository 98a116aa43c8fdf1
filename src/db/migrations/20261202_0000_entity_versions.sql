-- Entity caches key status and account entities by the row's version (its `xmin`, which changes
-- with every update of the row), so an edit, a counter change or a moderation label makes a new
-- key and nothing cached can go stale. A status entity also shows its attachments (and an
-- article its cover): changing one of those rows touches the statuses that show it, so their
-- version changes too.
CREATE FUNCTION touch_statuses_of_media() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE statuses SET account_id = account_id
  WHERE id IN (OLD.status_id, NEW.status_id) OR cover_media_id = NEW.id;
  RETURN NULL;
END;
$$;

CREATE TRIGGER media_attachments_touch_statuses
AFTER UPDATE ON media_attachments
FOR EACH ROW
WHEN (OLD.* IS DISTINCT FROM NEW.*)
EXECUTE FUNCTION touch_statuses_of_media();

-- Instance statistics are read on every `GET /api/v1/instance`; counting a million statuses per
-- call is not an option, so they are kept here, updated by the rows' own triggers, one row per
-- slot so concurrent inserts rarely wait on each other (the sum is the figure).
CREATE TABLE instance_counters (
  name text NOT NULL,
  slot smallint NOT NULL,
  value bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (name, slot)
);

INSERT INTO instance_counters (name, slot, value)
SELECT 'users', 0, count(*) FROM users
UNION ALL SELECT 'statuses', 0, count(*) FROM statuses;

CREATE FUNCTION count_instance_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta bigint := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE -1 END;
  bucket smallint := (pg_backend_pid() % 8)::smallint;
BEGIN
  INSERT INTO instance_counters AS c (name, slot, value) VALUES (TG_ARGV[0], bucket, delta)
  ON CONFLICT (name, slot) DO UPDATE SET value = c.value + EXCLUDED.value;
  RETURN NULL;
END;
$$;

CREATE TRIGGER users_count AFTER INSERT OR DELETE ON users
FOR EACH ROW EXECUTE FUNCTION count_instance_rows('users');
CREATE TRIGGER statuses_count AFTER INSERT OR DELETE ON statuses
FOR EACH ROW EXECUTE FUNCTION count_instance_rows('statuses');

-- The trigger above finds the articles whose cover changed.
CREATE INDEX statuses_cover_idx ON statuses (cover_media_id) WHERE cover_media_id IS NOT NULL;

-- Visibility asks "is the author suspended / limited?" of every row it checks; as anti-joins the
-- planner answers them once per query from these (tiny) partial indexes instead of reading the
-- whole accounts table.
CREATE INDEX accounts_suspended_idx ON accounts (id) WHERE suspended_at IS NOT NULL;
CREATE INDEX accounts_silenced_idx ON accounts (id) WHERE silenced_at IS NOT NULL;
