-- Support groups. A group's posts live in their own table, never in `statuses`, so no timeline,
-- search, status cache, stream or Mastodon status route can ever return them: the invisibility
-- of a private group's content outside the group is structural. The text of posts in private
-- groups is sealed at rest (`sealed`, AES-256-GCM at place `group_post:<id>`, see
-- src/messages/message-sealer.ts) and `text` stays empty, which a constraint enforces.

CREATE TABLE groups (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,58}[a-z0-9]$'),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  rules text NOT NULL DEFAULT '',
  -- Condition or specialty tags, lower case, for the directory's filter.
  tags text[] NOT NULL DEFAULT '{}',
  cover_media_id bigint REFERENCES media_attachments (id) ON DELETE SET NULL,
  visibility text NOT NULL CHECK (visibility IN ('public', 'private')),
  created_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  -- Set when the group is run from an organisation's page (shown in its "Grupos" section).
  organisation_account_id bigint REFERENCES accounts (id) ON DELETE CASCADE,
  members_count integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX groups_tags_idx ON groups USING gin (tags);
CREATE INDEX groups_organisation_idx ON groups (organisation_account_id) WHERE organisation_account_id IS NOT NULL;

-- A person's place in a group. state: 'active' (a member), 'pending' (asked to join a private
-- group), 'invited' (invited, not yet accepted), 'banned' (cannot rejoin nor read). Leaving
-- deletes the row.
CREATE TABLE group_members (
  group_id bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'moderator', 'member')),
  state text NOT NULL CHECK (state IN ('active', 'pending', 'invited', 'banned')),
  expert boolean NOT NULL DEFAULT false,
  pseudonym text,
  joined_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (group_id, account_id)
);
CREATE UNIQUE INDEX group_members_one_owner_idx ON group_members (group_id) WHERE role = 'owner';
CREATE UNIQUE INDEX group_members_pseudonym_idx ON group_members (group_id, lower(pseudonym)) WHERE pseudonym IS NOT NULL;
CREATE INDEX group_members_account_idx ON group_members (account_id, state);
CREATE INDEX group_members_state_idx ON group_members (group_id, state, created_at);

-- Posts and replies (parent_id). `pseudonym` is the name the post was written under (kept as it
-- was, so a later change of pseudonym does not link old posts); null: under the account.
CREATE TABLE group_posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  parent_id bigint REFERENCES group_posts (id) ON DELETE CASCADE,
  text text NOT NULL DEFAULT '',
  sealed bytea,
  pseudonym text,
  likes_count integer NOT NULL DEFAULT 0,
  replies_count integer NOT NULL DEFAULT 0,
  pinned_at timestamptz,
  removed_at timestamptz,
  removed_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  removed_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT group_posts_sealed_text_empty CHECK (sealed IS NULL OR text = '')
);
CREATE INDEX group_posts_feed_idx ON group_posts (group_id, id DESC) WHERE parent_id IS NULL;
CREATE INDEX group_posts_pinned_idx ON group_posts (group_id, pinned_at DESC) WHERE pinned_at IS NOT NULL;
CREATE INDEX group_posts_replies_idx ON group_posts (parent_id, id) WHERE parent_id IS NOT NULL;
CREATE INDEX group_posts_author_idx ON group_posts (account_id, group_id);

CREATE TABLE group_post_likes (
  post_id bigint NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (post_id, account_id)
);
CREATE INDEX group_post_likes_account_idx ON group_post_likes (account_id);

CREATE TABLE group_resources (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  title text NOT NULL,
  url text NOT NULL,
  note text NOT NULL DEFAULT '',
  position integer NOT NULL DEFAULT 0,
  created_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX group_resources_group_idx ON group_resources (group_id, position, id);

-- Reports of group posts go to the group's moderators first: state 'open', then 'dismissed',
-- 'removed' (the post was removed) or 'escalated' (an instance report was filed: report_id).
CREATE TABLE group_post_reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  group_id bigint NOT NULL REFERENCES groups (id) ON DELETE CASCADE,
  post_id bigint NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  comment text NOT NULL DEFAULT '',
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'dismissed', 'removed', 'escalated')),
  handled_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  handled_at timestamptz,
  report_id bigint REFERENCES reports (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX group_post_reports_queue_idx ON group_post_reports (group_id, state, id DESC);
CREATE UNIQUE INDEX group_post_reports_once_idx ON group_post_reports (post_id, account_id) WHERE state = 'open';
