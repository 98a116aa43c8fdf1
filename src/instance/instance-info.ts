import type { Context } from 'hono';
import type { AppContext } from '../app-context.js';
import { findAccountById } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { HonoEnv } from '../http/hono-env.js';
import { findContactAccountId, readActivityCounters } from './instance.repository.js';
import { findRules, type RuleRow } from './rules.repository.js';

/** Mastodon's Rule entity (4.4 shape: with `translations`). */
export interface RuleEntity {
  id: string;
  text: string;
  hint: string;
  translations: Record<string, { text: string; hint: string }>;
}

/**
 * The language the rules are given in: English when the request prefers it (Accept-Language),
 * otherwise Spanish, the instance's language; both are always in `translations`.
 */
export function rulesLocale(c: Context<HonoEnv>): 'es' | 'en' {
  const first = (c.req.header('accept-language') ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'es';
}

export function toRuleEntity(row: RuleRow, locale: 'es' | 'en'): RuleEntity {
  const en = { text: row.text_en || row.text, hint: row.hint_en || row.hint };
  const es = { text: row.text, hint: row.hint };
  return { id: row.id, ...(locale === 'en' ? en : es), translations: { es, en } };
}

const RULES_KEY = 'instance:rules';

/** The rules in force, cached briefly (the instance entities are public and polled often). */
export async function instanceRules(app: AppContext, locale: 'es' | 'en'): Promise<RuleEntity[]> {
  const cached = await app.cache.get(RULES_KEY);
  const rows = cached ? (JSON.parse(cached) as RuleRow[]) : await findRules(app.db);
  if (!cached) await app.cache.fill(RULES_KEY, JSON.stringify(rows), 60);
  return rows.map((r) => toRuleEntity(r, locale));
}

/** Forgets the cached rules after an admin changed them. */
export async function rulesChanged(app: AppContext): Promise<void> {
  await app.cache.invalidate([RULES_KEY]);
}

/** The first administrator's account, Mastodon's `contact_account` (null before there is one). */
export async function contactAccount(app: AppContext): Promise<MastodonAccount | null> {
  const id = await findContactAccountId(app.db);
  const row = id ? await findAccountById(app.db, id) : undefined;
  return row ? toMastodonAccount(row, app.config) : null;
}

/** Mastodon's weekly activity: `week` is the Unix time of the week's Monday (UTC), figures are strings. */
export interface ActivityWeek {
  week: string;
  statuses: string;
  logins: string;
  registrations: string;
}

const ACTIVITY_KEY = 'instance:activity';

/**
 * The last 12 weeks, this week first, from the counters the database keeps as things happen
 * (`count_weekly_activity`): at most 36 small rows read, and the answer cached for ten minutes.
 */
export async function instanceActivity(app: AppContext, now = new Date()): Promise<ActivityWeek[]> {
  const cached = await app.cache.get(ACTIVITY_KEY);
  if (cached) return JSON.parse(cached) as ActivityWeek[];
  const monday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7)));
  const weeks = Array.from({ length: 12 }, (_, i) => new Date(monday.getTime() - i * 7 * 86_400_000));
  const days = weeks.map((d) => d.toISOString().slice(0, 10));
  const counters = await readActivityCounters(app.db, days);
  const figure = (what: string, day: string) => String(counters.get(`activity.${what}.${day}`) ?? 0);
  const activity = weeks.map((d, i) => ({
    week: String(d.getTime() / 1000),
    statuses: figure('statuses', days[i]!),
    logins: figure('logins', days[i]!),
    registrations: figure('registrations', days[i]!),
  }));
  await app.cache.fill(ACTIVITY_KEY, JSON.stringify(activity), 600);
  return activity;
}
