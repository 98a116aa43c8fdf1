-- Mastodon's Web Push subscriptions (POST /api/v1/push/subscription): one per access token, gone
-- with it. The token itself is kept sealed (app.sealer), because Mastodon's push payload carries it
-- so the app knows which of its accounts a message is for; the payload is end-to-end encrypted to
-- the app, never readable by the push service.
CREATE TABLE push_subscriptions (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  access_token_id bigint NOT NULL UNIQUE REFERENCES oauth_access_tokens (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  endpoint text NOT NULL,
  key_p256dh text NOT NULL,
  key_auth text NOT NULL,
  access_token_sealed bytea NOT NULL,
  alerts jsonb NOT NULL DEFAULT '{}',
  policy text NOT NULL DEFAULT 'all' CHECK (policy IN ('all', 'followed', 'follower', 'none')),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX push_subscriptions_account_idx ON push_subscriptions (account_id);

-- Revoking a token (sign-out of an app, password change, the security page…) ends its push
-- subscription, wherever in the code the token is revoked.
CREATE FUNCTION drop_push_subscription_of_revoked_token() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM push_subscriptions WHERE access_token_id = NEW.id;
  RETURN NULL;
END;
$$;
CREATE TRIGGER oauth_access_tokens_revoked_push AFTER UPDATE OF revoked_at ON oauth_access_tokens
FOR EACH ROW WHEN (OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL)
EXECUTE FUNCTION drop_push_subscription_of_revoked_token();

-- Mastodon's announcements: written by admins, read (and dismissed, and reacted to) by everyone.
CREATE TABLE announcements (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  text text NOT NULL,
  published boolean NOT NULL DEFAULT true,
  all_day boolean NOT NULL DEFAULT false,
  starts_at timestamptz,
  ends_at timestamptz,
  published_at timestamptz,
  created_by_account_id bigint REFERENCES accounts (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE announcement_dismissals (
  announcement_id bigint NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, announcement_id)
);
CREATE TABLE announcement_reactions (
  announcement_id bigint NOT NULL REFERENCES announcements (id) ON DELETE CASCADE,
  account_id bigint NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (announcement_id, account_id, name)
);

-- The instance's rules (GET /api/v1/instance/rules), written by admins; Spanish text with an
-- English translation. Removed rules are kept (deleted_at) so reports that cite them still can.
CREATE TABLE instance_rules (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  position integer NOT NULL DEFAULT 0,
  text text NOT NULL,
  hint text NOT NULL DEFAULT '',
  text_en text NOT NULL DEFAULT '',
  hint_en text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz
);
INSERT INTO instance_rules (position, text, hint, text_en, hint_en) VALUES
  (1, 'No difundas desinformación médica.', 'Lo que afirmes sobre salud debe apoyarse en pruebas; no presentes remedios sin eficacia demostrada como tratamientos.', 'Do not spread medical misinformation.', 'Health claims must rest on evidence; do not present remedies without proven efficacy as treatments.'),
  (2, 'No publiques datos personales ni de salud de otras personas.', 'Ni nombres de pacientes, ni historias clínicas, teléfonos, direcciones o documentos de identidad.', 'Do not publish other people''s personal or health data.', 'No patient names, medical records, phone numbers, addresses or identity documents.'),
  (3, 'Una publicación no sustituye a una consulta médica.', 'Quien responde orienta; ante una urgencia, llama al 112.', 'A post is not a substitute for a medical appointment.', 'Answers give guidance; in an emergency, call your local emergency number.'),
  (4, 'Trata a todo el mundo con respeto.', 'Nada de acoso, insultos, discriminación ni burlas sobre enfermedades o cuerpos.', 'Treat everyone with respect.', 'No harassment, insults, discrimination or mockery of illnesses or bodies.'),
  (5, 'No suplantes a profesionales sanitarios.', 'Solo las cuentas verificadas se presentan como profesionales; no uses títulos que no tienes.', 'Do not impersonate health professionals.', 'Only verified accounts present themselves as professionals; do not use titles you do not hold.'),
  (6, 'Nada de publicidad engañosa ni venta de medicamentos.', 'Ni promociones encubiertas, ni venta o intercambio de fármacos con receta.', 'No misleading advertising or sale of medicines.', 'No covert promotion, and no selling or swapping prescription drugs.');

-- Weekly activity (GET /api/v1/instance/activity) is counted as it happens, in instance_counters
-- under `activity.<what>.<week>`; a login counts once per user and week.
CREATE TABLE instance_weekly_logins (
  week date NOT NULL,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  PRIMARY KEY (week, user_id)
);

CREATE FUNCTION count_weekly_activity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  this_week date := date_trunc('week', now() AT TIME ZONE 'UTC')::date;
  bucket smallint := (pg_backend_pid() % 8)::smallint;
  login_user bigint;
BEGIN
  IF TG_ARGV[0] = 'logins' THEN
    login_user := NEW.user_id;
    IF login_user IS NULL THEN RETURN NULL; END IF;
    INSERT INTO instance_weekly_logins (week, user_id) VALUES (this_week, login_user) ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN RETURN NULL; END IF;
  END IF;
  INSERT INTO instance_counters AS c (name, slot, value) VALUES ('activity.' || TG_ARGV[0] || '.' || this_week::text, bucket, 1)
  ON CONFLICT (name, slot) DO UPDATE SET value = c.value + 1;
  RETURN NULL;
END;
$$;
CREATE TRIGGER statuses_weekly_activity AFTER INSERT ON statuses FOR EACH ROW EXECUTE FUNCTION count_weekly_activity('statuses');
CREATE TRIGGER users_weekly_activity AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION count_weekly_activity('registrations');
CREATE TRIGGER sessions_weekly_activity AFTER INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION count_weekly_activity('logins');
CREATE TRIGGER oauth_access_tokens_weekly_activity AFTER INSERT ON oauth_access_tokens FOR EACH ROW EXECUTE FUNCTION count_weekly_activity('logins');

-- The last twelve weeks, once, from the rows already there.
INSERT INTO instance_counters (name, slot, value)
SELECT 'activity.statuses.' || date_trunc('week', created_at AT TIME ZONE 'UTC')::date::text, 0, count(*)
FROM statuses WHERE created_at >= now() - interval '12 weeks' GROUP BY 1
UNION ALL
SELECT 'activity.registrations.' || date_trunc('week', created_at AT TIME ZONE 'UTC')::date::text, 0, count(*)
FROM users WHERE created_at >= now() - interval '12 weeks' GROUP BY 1;
INSERT INTO instance_weekly_logins (week, user_id)
SELECT DISTINCT date_trunc('week', created_at AT TIME ZONE 'UTC')::date, user_id FROM sessions WHERE created_at >= now() - interval '12 weeks'
ON CONFLICT DO NOTHING;
INSERT INTO instance_counters (name, slot, value)
SELECT 'activity.logins.' || week::text, 0, count(*) FROM instance_weekly_logins GROUP BY week;
