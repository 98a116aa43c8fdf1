-- Directory of health accounts, search that understands how people ask, and influence scores
-- (issue 11; src/directory/, src/search/, src/influence/).

-- 1. A patient's place (city and country) is private unless the patient chooses to show it.
-- Professionals and organisations always show theirs (they are in the directory for it), so the
-- flag only matters for patients; every existing patient starts hidden.
ALTER TABLE accounts ADD COLUMN place_public boolean NOT NULL DEFAULT false;
UPDATE accounts SET place_public = false WHERE kind = 'patient';

-- The accounts' search vector no longer holds a hidden place: searching a city never finds the
-- patients who live there unless they opted in.
DROP INDEX accounts_search_idx;
ALTER TABLE accounts DROP COLUMN search_vector;
ALTER TABLE accounts ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
  to_tsvector('medired_simple', username || ' ' || display_name || ' ' || coalesce(specialty, '') || ' ' ||
    CASE WHEN kind <> 'patient' OR place_public THEN city ELSE '' END)
) STORED;
CREATE INDEX accounts_search_idx ON accounts USING gin (search_vector);
-- A query naming a profession or a kind of organisation ("enfermera", "clínica") matches by code
-- (specialties already have accounts_specialty_idx).
CREATE INDEX accounts_profession_idx ON accounts (profession) WHERE profession IS NOT NULL;
CREATE INDEX accounts_organization_type_idx ON accounts (organization_type) WHERE organization_type IS NOT NULL;

-- The directory lists discoverable professionals and organisations, most followed first by default.
CREATE INDEX accounts_directory_idx ON accounts (followers_count DESC, id DESC)
  WHERE kind <> 'patient' AND discoverable AND suspended_at IS NULL AND silenced_at IS NULL;
CREATE INDEX accounts_directory_new_idx ON accounts (created_at DESC, id DESC)
  WHERE kind <> 'patient' AND discoverable AND suspended_at IS NULL AND silenced_at IS NULL;

-- 2. Influence scores (src/influence/influence-formula.ts), one row per professional or
-- organisation, computed by the `influence.refresh` job; the directory sorts by its columns.
CREATE TABLE account_influence (
  account_id bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  -- 0..100, see the formula.
  score real NOT NULL CHECK (score >= 0 AND score <= 100),
  -- What the score is made of (points and the figures behind them), shown on the profile.
  breakdown jsonb NOT NULL,
  -- Answers in the consultas that were accepted or voted helpful by someone else (365 days).
  helpful_answers integer NOT NULL DEFAULT 0 CHECK (helpful_answers >= 0),
  -- The mean of the median response times the account has (answers, care requests, complaints).
  response_seconds integer CHECK (response_seconds >= 0),
  computed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX account_influence_score_idx ON account_influence (score DESC, account_id DESC);
CREATE INDEX account_influence_helpful_idx ON account_influence (helpful_answers DESC, account_id DESC);
CREATE INDEX account_influence_response_idx ON account_influence (response_seconds, account_id DESC) WHERE response_seconds IS NOT NULL;
-- The rolling refresh takes the oldest scores first.
CREATE INDEX account_influence_computed_idx ON account_influence (computed_at);

-- Accounts whose score inputs changed since it was computed: filled by the triggers below (only
-- professionals and organisations), emptied by the job. No foreign key: a trigger fired by an
-- account's own deletion cascade may name it, and the job drops ids without an account.
CREATE TABLE influence_dirty (
  account_id bigint PRIMARY KEY,
  marked_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION influence_mark(ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO influence_dirty (account_id)
  SELECT DISTINCT a.id FROM accounts a WHERE a.id = ANY (ids) AND a.kind <> 'patient'
  ON CONFLICT DO NOTHING
$$;

-- Statement-level triggers with transition tables: a bulk insert marks each account once.
CREATE FUNCTION influence_favourites_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(
    SELECT s.account_id FROM changed c JOIN statuses s ON s.id = c.status_id
    UNION SELECT c.account_id FROM changed c));
  RETURN NULL;
END;
$$;
CREATE TRIGGER favourites_influence_insert AFTER INSERT ON favourites
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_favourites_changed();
CREATE TRIGGER favourites_influence_delete AFTER DELETE ON favourites
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_favourites_changed();

-- Replies and reposts mark both sides; a deleted status also marks its author.
CREATE FUNCTION influence_statuses_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(
    SELECT c.account_id FROM changed c WHERE c.reblog_of_id IS NOT NULL OR c.in_reply_to_account_id IS NOT NULL
    UNION SELECT c.in_reply_to_account_id FROM changed c WHERE c.in_reply_to_account_id IS NOT NULL
    UNION SELECT s.account_id FROM changed c JOIN statuses s ON s.id = c.reblog_of_id));
  RETURN NULL;
END;
$$;
CREATE FUNCTION influence_statuses_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(
    SELECT c.account_id FROM changed c
    UNION SELECT c.in_reply_to_account_id FROM changed c WHERE c.in_reply_to_account_id IS NOT NULL
    UNION SELECT s.account_id FROM changed c JOIN statuses s ON s.id = c.reblog_of_id));
  RETURN NULL;
END;
$$;
CREATE TRIGGER statuses_influence_insert AFTER INSERT ON statuses
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_statuses_inserted();
CREATE TRIGGER statuses_influence_delete AFTER DELETE ON statuses
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_statuses_deleted();

CREATE FUNCTION influence_status_hidden() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY[NEW.account_id, NEW.in_reply_to_account_id,
    (SELECT s.account_id FROM statuses s WHERE s.id = NEW.reblog_of_id)]);
  RETURN NULL;
END;
$$;
CREATE TRIGGER statuses_influence_hidden AFTER UPDATE OF hidden_at ON statuses
  FOR EACH ROW WHEN (OLD.hidden_at IS DISTINCT FROM NEW.hidden_at) EXECUTE FUNCTION influence_status_hidden();

-- Follows change the reach beyond followers.
CREATE FUNCTION influence_follows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(SELECT DISTINCT c.followed_id FROM changed c));
  RETURN NULL;
END;
$$;
CREATE TRIGGER follows_influence_insert AFTER INSERT ON follows
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_follows_changed();
CREATE TRIGGER follows_influence_delete AFTER DELETE ON follows
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_follows_changed();

-- Consultas: answers, helpful votes and accepted answers.
CREATE FUNCTION influence_answers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(SELECT DISTINCT c.account_id FROM changed c));
  RETURN NULL;
END;
$$;
CREATE TRIGGER consulta_answers_influence_insert AFTER INSERT ON consulta_answers
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_answers_changed();
CREATE TRIGGER consulta_answers_influence_delete AFTER DELETE ON consulta_answers
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_answers_changed();

CREATE FUNCTION influence_answer_hidden() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY[NEW.account_id]);
  RETURN NULL;
END;
$$;
CREATE TRIGGER consulta_answers_influence_hidden AFTER UPDATE OF hidden_at ON consulta_answers
  FOR EACH ROW WHEN (OLD.hidden_at IS DISTINCT FROM NEW.hidden_at) EXECUTE FUNCTION influence_answer_hidden();

CREATE FUNCTION influence_helpful_votes_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(SELECT DISTINCT a.account_id FROM changed c JOIN consulta_answers a ON a.id = c.answer_id));
  RETURN NULL;
END;
$$;
CREATE TRIGGER consulta_helpful_votes_influence_insert AFTER INSERT ON consulta_helpful_votes
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_helpful_votes_changed();
CREATE TRIGGER consulta_helpful_votes_influence_delete AFTER DELETE ON consulta_helpful_votes
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_helpful_votes_changed();

CREATE FUNCTION influence_answer_accepted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(SELECT a.account_id FROM consulta_answers a WHERE a.id IN (OLD.accepted_answer_id, NEW.accepted_answer_id)));
  RETURN NULL;
END;
$$;
CREATE TRIGGER consulta_questions_influence_accepted AFTER UPDATE OF accepted_answer_id ON consulta_questions
  FOR EACH ROW WHEN (OLD.accepted_answer_id IS DISTINCT FROM NEW.accepted_answer_id) EXECUTE FUNCTION influence_answer_accepted();

-- Endorsements (Mastodon's account pins).
CREATE FUNCTION influence_pins_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(SELECT c.target_account_id FROM changed c UNION SELECT c.account_id FROM changed c));
  RETURN NULL;
END;
$$;
CREATE TRIGGER account_pins_influence_insert AFTER INSERT ON account_pins
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_pins_changed();
CREATE TRIGGER account_pins_influence_delete AFTER DELETE ON account_pins
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_pins_changed();

-- Moderation actions and their reversal.
CREATE FUNCTION influence_moderation_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(SELECT DISTINCT c.target_account_id FROM changed c));
  RETURN NULL;
END;
$$;
CREATE TRIGGER moderation_actions_influence_insert AFTER INSERT ON moderation_actions
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_moderation_inserted();

CREATE FUNCTION influence_target_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY[NEW.target_id]);
  RETURN NULL;
END;
$$;
CREATE FUNCTION influence_moderation_reverted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY[NEW.target_account_id]);
  RETURN NULL;
END;
$$;
CREATE TRIGGER moderation_actions_influence_reverted AFTER UPDATE OF reverted_at ON moderation_actions
  FOR EACH ROW EXECUTE FUNCTION influence_moderation_reverted();

-- Response times: care requests answered, complaints filed, answered or removed.
CREATE TRIGGER care_requests_influence_answered AFTER UPDATE OF first_answered_at ON care_requests
  FOR EACH ROW WHEN (OLD.first_answered_at IS DISTINCT FROM NEW.first_answered_at) EXECUTE FUNCTION influence_target_changed();
CREATE FUNCTION influence_complaints_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(SELECT DISTINCT c.target_id FROM changed c));
  RETURN NULL;
END;
$$;
CREATE TRIGGER complaints_influence_insert AFTER INSERT ON complaints
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_complaints_inserted();
CREATE TRIGGER complaints_influence_changed AFTER UPDATE OF first_response_at, removed_at ON complaints
  FOR EACH ROW EXECUTE FUNCTION influence_target_changed();

-- New professionals and organisations get a score; a change of standing recomputes it.
CREATE FUNCTION influence_accounts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY(SELECT c.id FROM changed c WHERE c.kind <> 'patient'));
  RETURN NULL;
END;
$$;
CREATE TRIGGER accounts_influence_insert AFTER INSERT ON accounts
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION influence_accounts_inserted();
CREATE FUNCTION influence_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM influence_mark(ARRAY[NEW.id]);
  RETURN NULL;
END;
$$;
CREATE TRIGGER accounts_influence_changed AFTER UPDATE OF verification_status, suspended_at, silenced_at, kind ON accounts
  FOR EACH ROW EXECUTE FUNCTION influence_account_changed();

-- Every professional and organisation already here gets its first score at the next run.
INSERT INTO influence_dirty (account_id) SELECT id FROM accounts WHERE kind <> 'patient' ON CONFLICT DO NOTHING;
