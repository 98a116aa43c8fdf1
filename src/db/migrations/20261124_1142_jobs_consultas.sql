-- Durable job queue bookkeeping, and Consulta abierta: public questions answered by verified
-- professionals, follow-up comments, helpful votes and the daily cap on "new question" notices.

-- Jobs that failed too many times stay for inspection and are never claimed again.
ALTER TABLE jobs ADD COLUMN failed_at timestamptz;
DROP INDEX IF EXISTS jobs_ready_idx;
CREATE INDEX jobs_ready_idx ON jobs (run_at, id) WHERE failed_at IS NULL;

CREATE TABLE consulta_questions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The real asker. Never shown to the public when `pseudonym` is set (only to the asker and staff).
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  pseudonym text CHECK (pseudonym IS NULL OR char_length(pseudonym) BETWEEN 2 AND 40),
  title text NOT NULL CHECK (char_length(title) BETWEEN 5 AND 200),
  body_source text NOT NULL CHECK (char_length(body_source) BETWEEN 10 AND 10000),
  body_html text NOT NULL,
  specialty text NOT NULL,
  tags text[] NOT NULL DEFAULT '{}',
  answers_count integer NOT NULL DEFAULT 0 CHECK (answers_count >= 0),
  comments_count integer NOT NULL DEFAULT 0 CHECK (comments_count >= 0),
  -- Sum of the helpful votes of its answers: the "most helpful" list orders by it.
  helpful_total integer NOT NULL DEFAULT 0 CHECK (helpful_total >= 0),
  accepted_answer_id bigint,
  -- Time to first answer = first_answered_at - created_at.
  first_answered_at timestamptz,
  -- The asker saw the personal-data / emergency warnings and chose to post anyway.
  personal_data_confirmed boolean NOT NULL DEFAULT false,
  emergency_confirmed boolean NOT NULL DEFAULT false,
  hidden_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz
);
CREATE INDEX consulta_questions_newest_idx ON consulta_questions (id DESC) WHERE hidden_at IS NULL;
CREATE INDEX consulta_questions_unanswered_idx ON consulta_questions (specialty, id DESC) WHERE answers_count = 0 AND hidden_at IS NULL;
CREATE INDEX consulta_questions_unanswered_all_idx ON consulta_questions (id DESC) WHERE answers_count = 0 AND hidden_at IS NULL;
CREATE INDEX consulta_questions_specialty_idx ON consulta_questions (specialty, id DESC);
CREATE INDEX consulta_questions_helpful_idx ON consulta_questions (helpful_total DESC, id DESC) WHERE hidden_at IS NULL;
CREATE INDEX consulta_questions_tags_idx ON consulta_questions USING gin (tags);
CREATE INDEX consulta_questions_account_idx ON consulta_questions (account_id, id DESC);

CREATE TABLE consulta_answers (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  question_id bigint NOT NULL REFERENCES consulta_questions (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  body_source text NOT NULL CHECK (char_length(body_source) BETWEEN 20 AND 10000),
  body_html text NOT NULL,
  helpful_count integer NOT NULL DEFAULT 0 CHECK (helpful_count >= 0),
  -- Seconds from the question to this answer: the professional's response time.
  response_seconds integer NOT NULL CHECK (response_seconds >= 0),
  hidden_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz,
  -- One answer per professional per question (they edit it to add to it).
  UNIQUE (question_id, account_id)
);
CREATE INDEX consulta_answers_account_idx ON consulta_answers (account_id, id DESC);

ALTER TABLE consulta_questions
  ADD CONSTRAINT consulta_questions_accepted_fk FOREIGN KEY (accepted_answer_id) REFERENCES consulta_answers (id) ON DELETE SET NULL;

CREATE TABLE consulta_helpful_votes (
  answer_id bigint NOT NULL REFERENCES consulta_answers (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (answer_id, account_id)
);
CREATE INDEX consulta_helpful_votes_account_idx ON consulta_helpful_votes (account_id);

CREATE TABLE consulta_comments (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  question_id bigint NOT NULL REFERENCES consulta_questions (id) ON DELETE CASCADE,
  -- NULL: a comment on the question; otherwise a follow-up on that answer.
  answer_id bigint REFERENCES consulta_answers (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  body_source text NOT NULL CHECK (char_length(body_source) BETWEEN 1 AND 2000),
  body_html text NOT NULL,
  hidden_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consulta_comments_question_idx ON consulta_comments (question_id, id);

-- How many "new question in your specialty" notices a professional got on a (UTC) day.
CREATE TABLE consulta_notice_quota (
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day date NOT NULL,
  sent integer NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, day)
);

-- Professionals of a specialty, found when a question is posted.
CREATE INDEX accounts_verified_specialty_idx ON accounts (specialty, id)
  WHERE kind = 'professional' AND verification_status = 'verified' AND suspended_at IS NULL;
