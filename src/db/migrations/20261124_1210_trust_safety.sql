-- Trust & safety: professional verification requests, reports, moderation actions, appeals and
-- the append-only audit log.

CREATE TABLE verification_requests (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- pending → approved | rejected | needs_info (→ pending again when the applicant resubmits);
  -- approved → revoked.
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'needs_info', 'approved', 'rejected', 'revoked')),
  license_number text NOT NULL CHECK (char_length(license_number) BETWEEN 2 AND 100),
  issuing_body text NOT NULL CHECK (char_length(issuing_body) BETWEEN 2 AND 200),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  specialty text,
  note text NOT NULL DEFAULT '' CHECK (char_length(note) <= 2000),
  -- Supporting document, stored under <media>/private/ and served only to staff.
  document_path text,
  document_mime text,
  document_size integer,
  -- The latest decision's reason (rejection, what more is needed, revocation).
  decision_reason text,
  decided_by_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- At most one open request per account.
CREATE UNIQUE INDEX verification_requests_open_idx ON verification_requests (account_id) WHERE status IN ('pending', 'needs_info');
CREATE INDEX verification_requests_queue_idx ON verification_requests (status, id DESC);
CREATE INDEX verification_requests_account_idx ON verification_requests (account_id, id DESC);

CREATE TABLE reports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  category text NOT NULL CHECK (category IN ('health_misinformation', 'spam', 'harassment', 'privacy', 'impersonation', 'other')),
  comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 1000),
  -- 'account', 'status', or a content type another module registers ('consulta_answer', 'message' ...).
  target_type text NOT NULL CHECK (target_type ~ '^[a-z_]{1,40}$'),
  target_id bigint,
  -- Reported statuses as a JSON array of id strings; kept even after a status is removed.
  status_ids jsonb NOT NULL DEFAULT '[]',
  forwarded boolean NOT NULL DEFAULT false,
  assigned_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  action_taken_at timestamptz,
  action_taken_by_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_open_idx ON reports (id DESC) WHERE action_taken_at IS NULL;
CREATE INDEX reports_target_account_idx ON reports (target_account_id, id DESC);
CREATE INDEX reports_reporter_idx ON reports (account_id, id DESC);

CREATE TABLE moderation_actions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  moderator_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  target_account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  report_id bigint REFERENCES reports (id) ON DELETE SET NULL,
  action text NOT NULL CHECK (action IN ('dismiss', 'hide', 'label', 'remove', 'sensitive', 'warn', 'limit', 'suspend', 'unlimit', 'unsuspend')),
  -- The content acted on, for content actions.
  target_type text,
  target_id bigint,
  label text,
  reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 2000),
  -- What is needed to revert it: the removed content, the statuses marked sensitive ...
  snapshot jsonb,
  reverted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_actions_account_idx ON moderation_actions (target_account_id, id DESC);
CREATE INDEX moderation_actions_report_idx ON moderation_actions (report_id) WHERE report_id IS NOT NULL;

CREATE TABLE appeals (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- One appeal per action.
  action_id bigint NOT NULL UNIQUE REFERENCES moderation_actions (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  decision_reason text,
  decided_by_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  decided_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX appeals_status_idx ON appeals (status, id DESC);
CREATE INDEX appeals_account_idx ON appeals (account_id, id DESC);

-- Every staff decision and every report, for admins to browse. Append-only: a trigger refuses
-- UPDATE, DELETE and TRUNCATE. No foreign keys, so deleting an account never rewrites history.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_account_id bigint,
  action text NOT NULL CHECK (action ~ '^[a-z_]+\.[a-z_]+$'),
  target_type text NOT NULL,
  target_id bigint,
  target_account_id bigint,
  reason text,
  data jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_action_idx ON audit_log (action, id DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_account_id, id DESC);
CREATE INDEX audit_log_target_account_idx ON audit_log (target_account_id, id DESC);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();

-- Notifications of one type for a recipient (types[] filter), and blocks/mutes listed by id.
CREATE INDEX notifications_account_type_idx ON notifications (account_id, type, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (account_id, id DESC) WHERE read_at IS NULL;
CREATE INDEX blocks_account_idx ON blocks (account_id, id DESC);
CREATE INDEX mutes_account_idx ON mutes (account_id, id DESC);
