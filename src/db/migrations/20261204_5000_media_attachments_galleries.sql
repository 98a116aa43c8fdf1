-- Issue 11 (media): images on consulta answers and support-group posts, and the before/after
-- galleries of aesthetic and dental clinics.

-- Images attached to content that is not a status (src/attachments/). An upload belongs to at
-- most one piece of content (unique media_id); removing the content removes its uploads' rows
-- (trigger below), as deleting a status removes its media rows.
CREATE TABLE consulta_answer_media (
  answer_id bigint NOT NULL REFERENCES consulta_answers (id) ON DELETE CASCADE,
  media_id bigint NOT NULL UNIQUE REFERENCES media_attachments (id) ON DELETE CASCADE,
  position smallint NOT NULL,
  PRIMARY KEY (answer_id, media_id)
);

CREATE TABLE group_post_media (
  post_id bigint NOT NULL REFERENCES group_posts (id) ON DELETE CASCADE,
  media_id bigint NOT NULL UNIQUE REFERENCES media_attachments (id) ON DELETE CASCADE,
  position smallint NOT NULL,
  PRIMARY KEY (post_id, media_id)
);

CREATE FUNCTION delete_linked_media() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM media_attachments WHERE id = OLD.media_id;
  RETURN OLD;
END;
$$;
CREATE TRIGGER consulta_answer_media_delete AFTER DELETE ON consulta_answer_media FOR EACH ROW EXECUTE FUNCTION delete_linked_media();
CREATE TRIGGER group_post_media_delete AFTER DELETE ON group_post_media FOR EACH ROW EXECUTE FUNCTION delete_linked_media();

-- Before/after pairs (src/galleries/). Published only with a recorded consent of the patient
-- shown: who consented (a name or reference the clinic keeps, sealed at rest at place
-- `gallery_consent:<id>` and shown to the clinic only), when, the statement agreed to, and its
-- scope. The patient withdraws with a code handed over at consent time (only its SHA-256 is
-- stored); the clinic withdraws on the patient's request. Once withdrawn, the images' files and
-- rows are deleted (the media ids become null) and the entry only says that consent was withdrawn.
CREATE TABLE gallery_entries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  treatment text NOT NULL CHECK (char_length(treatment) BETWEEN 1 AND 120),
  description text NOT NULL DEFAULT '' CHECK (char_length(description) <= 2000),
  before_media_id bigint UNIQUE REFERENCES media_attachments (id) ON DELETE SET NULL,
  after_media_id bigint UNIQUE REFERENCES media_attachments (id) ON DELETE SET NULL,
  consent_subject_sealed bytea NOT NULL,
  consent_date date NOT NULL,
  consent_statement text NOT NULL CHECK (char_length(consent_statement) BETWEEN 20 AND 4000),
  consent_scope text NOT NULL CHECK (consent_scope IN ('public_medired')),
  withdrawal_code_hash bytea NOT NULL UNIQUE,
  withdrawn_at timestamptz,
  withdrawn_by text CHECK (withdrawn_by IN ('clinic', 'patient')),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
);
CREATE INDEX gallery_entries_account_idx ON gallery_entries (account_id, id DESC);
