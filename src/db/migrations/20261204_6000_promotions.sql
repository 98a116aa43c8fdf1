-- Promoted posts (src/promotions/): professionals and organisations spend credits, granted by an
-- administrator (no payment provider), to show one of their public posts or articles in the home
-- timelines of the accounts a promotion targets, after a moderator checked it against the
-- health-advertising checklist. Amounts are kept in millicredits (1 credit = 1000), so a cost per
-- thousand impressions of N credits is exactly N millicredits per impression.

-- What an account may still spend: never negative (reservations are conditional updates, and
-- this check is the last line).
CREATE TABLE promotion_credit_balances (
  account_id bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  balance_millicredits bigint NOT NULL DEFAULT 0 CHECK (balance_millicredits >= 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE promotions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  -- The promoted post or article; gone if it is deleted (the promotion then ends and refunds).
  status_id bigint REFERENCES statuses (id) ON DELETE SET NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected', 'cancelled', 'completed')),
  budget_credits integer NOT NULL CHECK (budget_credits > 0),
  -- Credits per thousand impressions = millicredits per impression.
  cpm_credits integer NOT NULL CHECK (cpm_credits > 0),
  spent_millicredits bigint NOT NULL DEFAULT 0,
  impressions integer NOT NULL DEFAULT 0 CHECK (impressions >= 0),
  clicks integer NOT NULL DEFAULT 0 CHECK (clicks >= 0),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  target_specialties text[] NOT NULL DEFAULT '{}',
  target_countries text[] NOT NULL DEFAULT '{}',
  -- Lower case, compared with lower(accounts.city).
  target_cities text[] NOT NULL DEFAULT '{}',
  -- Normalised hashtag names (lower case, no #).
  target_tags text[] NOT NULL DEFAULT '{}',
  reviewed_by bigint REFERENCES accounts (id) ON DELETE SET NULL,
  reviewed_at timestamptz,
  -- The checklist items the approving moderator confirmed (codes of advertising-checklist.ts).
  checklist_confirmed text[] NOT NULL DEFAULT '{}',
  rejection_reason text,
  ended_reason text CHECK (ended_reason IN ('budget', 'end_date', 'cancelled', 'post_removed', 'rejected')),
  refunded_millicredits bigint,
  settled_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  -- The budget is never overspent, whatever runs at the same time.
  CHECK (spent_millicredits >= 0 AND spent_millicredits <= budget_credits::bigint * 1000),
  CHECK (state <> 'rejected' OR rejection_reason IS NOT NULL),
  CHECK (state <> 'approved' OR cardinality(checklist_confirmed) > 0),
  CHECK ((state IN ('rejected', 'cancelled', 'completed')) = (settled_at IS NOT NULL))
);
CREATE INDEX promotions_account_idx ON promotions (account_id, id DESC);
CREATE INDEX promotions_pending_idx ON promotions (id) WHERE state = 'pending';
-- Delivery reads the running promotions on every home page: few rows, by end date.
CREATE INDEX promotions_running_idx ON promotions (ends_at) WHERE state = 'approved';

-- Every movement of credits: grants by administrators, reservations at creation, refunds of
-- what a promotion did not spend.
CREATE TABLE promotion_credit_ledger (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('grant', 'reserve', 'refund')),
  delta_millicredits bigint NOT NULL,
  balance_after_millicredits bigint NOT NULL CHECK (balance_after_millicredits >= 0),
  promotion_id bigint REFERENCES promotions (id) ON DELETE SET NULL,
  actor_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  note text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'reserve' AND delta_millicredits < 0) OR (kind <> 'reserve' AND delta_millicredits > 0))
);
CREATE INDEX promotion_credit_ledger_account_idx ON promotion_credit_ledger (account_id, id DESC);

-- One row per promotion, reader and UTC day: the day's billable impression (the row's insert),
-- how many times it was shown that day (the frequency cap) and whether it was opened.
CREATE TABLE promotion_impressions (
  promotion_id bigint NOT NULL REFERENCES promotions (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  day date NOT NULL,
  shows integer NOT NULL DEFAULT 1 CHECK (shows >= 1),
  clicked_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (promotion_id, account_id, day)
);
-- Delivery: which promotions this reader already saw today.
CREATE INDEX promotion_impressions_reader_idx ON promotion_impressions (account_id, day);

-- One promotion under way (waiting for review or approved) per post at a time.
CREATE UNIQUE INDEX promotions_one_active_idx ON promotions (status_id) WHERE state IN ('pending', 'approved');
