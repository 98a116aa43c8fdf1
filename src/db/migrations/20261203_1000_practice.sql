-- Practice information of professionals and organisations (src/practice/): where and when they
-- see people, how to reach them, and whether they accept online care requests. One row per
-- account; addresses and opening hours are small validated JSON documents (see practice.ts).
CREATE TABLE practice_info (
  account_id bigint PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
  -- [{ "street", "postal_code", "city", "country" }], at most 5.
  addresses jsonb NOT NULL DEFAULT '[]',
  -- { "mon": [{ "from": "09:00", "to": "14:00" }], ... }: ranges per weekday, sorted, not overlapping.
  opening_hours jsonb NOT NULL DEFAULT '{}',
  phone text NOT NULL DEFAULT '',
  website text NOT NULL DEFAULT '',
  languages text[] NOT NULL DEFAULT '{}',
  insurers text NOT NULL DEFAULT '',
  accepts_online_requests boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now()
);
