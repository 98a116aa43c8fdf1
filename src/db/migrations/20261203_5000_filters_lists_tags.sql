-- Mastodon's filters (v2: a filter with keywords and statuses; v1 reads each keyword as a
-- filter), lists, followed and featured tags, endorsements, dismissed suggestions and domain
-- blocks. Everything belongs to one account and goes with it.

CREATE TABLE filters (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 256),
  context text[] NOT NULL CHECK (cardinality(context) > 0 AND context <@ ARRAY['home', 'notifications', 'public', 'thread', 'account']),
  filter_action text NOT NULL DEFAULT 'warn' CHECK (filter_action IN ('warn', 'hide')),
  expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX filters_account_idx ON filters (account_id, id);

CREATE TABLE filter_keywords (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  filter_id bigint NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
  keyword text NOT NULL CHECK (char_length(keyword) BETWEEN 1 AND 256),
  whole_word boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX filter_keywords_filter_idx ON filter_keywords (filter_id, id);

CREATE TABLE filter_statuses (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  filter_id bigint NOT NULL REFERENCES filters (id) ON DELETE CASCADE,
  status_id bigint NOT NULL REFERENCES statuses (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (filter_id, status_id)
);

CREATE TABLE lists (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 256),
  replies_policy text NOT NULL DEFAULT 'list' CHECK (replies_policy IN ('followed', 'list', 'none')),
  exclusive boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lists_account_idx ON lists (account_id, id);

-- A member is an account the list's owner follows (Mastodon's rule); an unfollow removes it
-- (the trigger at the end), and reads join `follows` as well.
CREATE TABLE list_accounts (
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  list_id bigint NOT NULL REFERENCES lists (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  PRIMARY KEY (list_id, account_id)
);
CREATE INDEX list_accounts_account_idx ON list_accounts (account_id);

CREATE TABLE tag_follows (
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, tag_id)
);
CREATE INDEX tag_follows_tag_idx ON tag_follows (tag_id, id);

CREATE TABLE featured_tags (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  tag_id bigint NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (account_id, tag_id)
);

-- Endorsements (Mastodon's account pins): accounts one follows and shows on one's profile.
CREATE TABLE account_pins (
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, target_account_id)
);

CREATE TABLE suggestion_dismissals (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, target_account_id)
);

-- Domains an account blocks. Medired does not federate yet, so no account is on another
-- domain and a block hides nothing; it is kept for when federation comes, as Mastodon keeps it.
CREATE TABLE account_domain_blocks (
  id bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  domain text NOT NULL CHECK (char_length(domain) BETWEEN 1 AND 253),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, domain)
);

-- Unfollowing (or a block, which ends follows) takes the account out of the follower's lists and
-- endorsements, as Mastodon does: following again does not bring them back.
CREATE FUNCTION follows_end_lists_and_pins() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM list_accounts
  WHERE account_id = OLD.followed_id
    AND list_id IN (SELECT id FROM lists WHERE account_id = OLD.follower_id);
  DELETE FROM account_pins WHERE account_id = OLD.follower_id AND target_account_id = OLD.followed_id;
  RETURN OLD;
END;
$$;
CREATE TRIGGER follows_end_lists_and_pins AFTER DELETE ON follows FOR EACH ROW EXECUTE FUNCTION follows_end_lists_and_pins();
