-- Health alerts published by verified organisations, and fact-check notes by verified
-- professionals on statuses and consulta answers.

CREATE TABLE health_alerts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (char_length(title) BETWEEN 5 AND 140),
  body_source text NOT NULL CHECK (char_length(body_source) BETWEEN 10 AND 5000),
  body_html text NOT NULL,
  severity text NOT NULL CHECK (severity IN ('info', 'warning', 'urgent')),
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  -- '' means the whole country.
  city text NOT NULL DEFAULT '' CHECK (char_length(city) <= 100),
  expires_at timestamptz NOT NULL,
  withdrawn_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  edited_at timestamptz
);
CREATE INDEX health_alerts_active_idx ON health_alerts (country, expires_at) WHERE withdrawn_at IS NULL;
CREATE INDEX health_alerts_account_idx ON health_alerts (account_id, expires_at) WHERE withdrawn_at IS NULL;
CREATE INDEX health_alerts_recent_idx ON health_alerts (id DESC);

CREATE TABLE fact_checks (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  status_id bigint REFERENCES statuses (id) ON DELETE CASCADE,
  answer_id bigint REFERENCES consulta_answers (id) ON DELETE CASCADE,
  body text NOT NULL CHECK (char_length(body) BETWEEN 10 AND 1000),
  sources text[] NOT NULL CHECK (cardinality(sources) BETWEEN 1 AND 5),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status_id IS NULL) <> (answer_id IS NULL))
);
CREATE UNIQUE INDEX fact_checks_one_per_status_idx ON fact_checks (status_id, account_id) WHERE status_id IS NOT NULL;
CREATE UNIQUE INDEX fact_checks_one_per_answer_idx ON fact_checks (answer_id, account_id) WHERE answer_id IS NOT NULL;

CREATE TABLE fact_check_ratings (
  fact_check_id bigint NOT NULL REFERENCES fact_checks (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  helpful boolean NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (fact_check_id, account_id)
);
