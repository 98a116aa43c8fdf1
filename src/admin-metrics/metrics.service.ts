import type { AppContext } from '../app-context.js';
import { MEDIRED_VERSION } from '../instance/version.js';
import {
  activeDaysOf,
  activeUsersIn,
  activeUsersPerDay,
  databaseFacts,
  interactionsPerDay,
  newUsersPerDay,
  openedReportsPerDay,
  resolvedReportsPerDay,
  signUpDays,
  statusLanguages,
  statusesWithTag,
  statusSources,
  tagAccountsIn,
  tagUsesPerDay,
  type DayCounts,
  type DayRange,
} from './metrics.repository.js';

/**
 * Mastodon's dashboard figures (`/api/v1/admin/measures`, `dimensions`, `retention`) from what
 * Medired keeps. Everything happens on this one server: measures and dimensions about remote
 * servers (`instance_*`, `servers`, `tag_servers` beyond this one) are what they are, zero or empty.
 */

const DAY_MS = 86_400_000;
const dayString = (t: number) => new Date(t).toISOString().slice(0, 10);
const daysOf = (r: DayRange) => {
  const out: string[] = [];
  for (let t = Date.parse(`${r.start}T00:00:00Z`); t <= Date.parse(`${r.end}T00:00:00Z`); t += DAY_MS) out.push(dayString(t));
  return out;
};
/** The range of the same length just before `r` (Mastodon's `previous_total`). */
const previousOf = (r: DayRange): DayRange => {
  const length = daysOf(r).length;
  const start = Date.parse(`${r.start}T00:00:00Z`);
  return { start: dayString(start - length * DAY_MS), end: dayString(start - DAY_MS) };
};
const sum = (m: DayCounts) => [...m.values()].reduce((a, b) => a + b, 0);

export const MEASURE_KEYS = [
  'active_users',
  'new_users',
  'interactions',
  'opened_reports',
  'resolved_reports',
  'tag_accounts',
  'tag_uses',
  'tag_servers',
  'instance_accounts',
  'instance_media_attachments',
  'instance_reports',
  'instance_statuses',
  'instance_follows',
  'instance_followers',
] as const;
export type MeasureKey = (typeof MEASURE_KEYS)[number];

export interface MeasureParams {
  /** `tag_*[id]` */
  tagIds: Partial<Record<MeasureKey, string>>;
}

function measureOf(key: MeasureKey, r: DayRange, counts: DayCounts, total: number, previousTotal: number, unit: string | null = null) {
  return {
    key,
    unit,
    total: String(total),
    ...(unit === 'bytes' ? { human_value: `${total} Bytes` } : {}),
    previous_total: String(previousTotal),
    data: daysOf(r).map((day) => ({ date: `${day}T00:00:00Z`, value: String(counts.get(day) ?? 0) })),
  };
}

async function oneMeasure(app: AppContext, key: MeasureKey, r: DayRange, p: MeasureParams) {
  const db = app.db;
  const prev = previousOf(r);
  const counted = async (f: (range: DayRange) => Promise<DayCounts>) => {
    const [now, before] = await Promise.all([f(r), f(prev)]);
    return measureOf(key, r, now, sum(now), sum(before));
  };
  const tagId = p.tagIds[key];
  switch (key) {
    case 'active_users': {
      const [now, total, previousTotal] = await Promise.all([activeUsersPerDay(db, r), activeUsersIn(db, r), activeUsersIn(db, prev)]);
      return measureOf(key, r, now, total, previousTotal);
    }
    case 'new_users':
      return counted((range) => newUsersPerDay(db, range));
    case 'interactions':
      return counted((range) => interactionsPerDay(db, range));
    case 'opened_reports':
      return counted((range) => openedReportsPerDay(db, range));
    case 'resolved_reports':
      return counted((range) => resolvedReportsPerDay(db, range));
    case 'tag_uses':
      return tagId ? counted((range) => tagUsesPerDay(db, range, tagId, false)) : measureOf(key, r, new Map(), 0, 0);
    case 'tag_accounts': {
      if (!tagId) return measureOf(key, r, new Map(), 0, 0);
      const [now, total, previousTotal] = await Promise.all([tagUsesPerDay(db, r, tagId, true), tagAccountsIn(db, r, tagId), tagAccountsIn(db, prev, tagId)]);
      return measureOf(key, r, now, total, previousTotal);
    }
    case 'tag_servers': {
      // Remote origin servers: none, every status is this server's.
      return measureOf(key, r, new Map(), 0, 0);
    }
    case 'instance_media_attachments':
      return measureOf(key, r, new Map(), 0, 0, 'bytes');
    default:
      // instance_*: about a remote server, and there are none.
      return measureOf(key, r, new Map(), 0, 0);
  }
}

export function measures(app: AppContext, keys: readonly MeasureKey[], r: DayRange, p: MeasureParams) {
  return Promise.all([...new Set(keys)].map((key) => oneMeasure(app, key, r, p)));
}

export const DIMENSION_KEYS = ['languages', 'sources', 'servers', 'space_usage', 'software_versions', 'tag_servers', 'tag_languages', 'instance_accounts', 'instance_languages'] as const;
export type DimensionKey = (typeof DIMENSION_KEYS)[number];

const LANGUAGE_NAMES: Record<string, string> = { es: 'Spanish', en: 'English' };

async function oneDimension(app: AppContext, key: DimensionKey, r: DayRange, limit: number, tagId: string | undefined) {
  const db = app.db;
  const host = new URL(app.config.publicUrl).host;
  switch (key) {
    case 'languages':
    case 'tag_languages': {
      const rows = key === 'tag_languages' && !tagId ? [] : await statusLanguages(db, r, limit, key === 'tag_languages' ? tagId : undefined);
      return { key, data: rows.map((x) => ({ key: x.key, human_key: LANGUAGE_NAMES[x.key] ?? x.key, value: String(x.value) })) };
    }
    case 'sources': {
      const rows = await statusSources(db, r, limit);
      return { key, data: rows.map((x) => ({ key: x.name ?? 'web', human_key: x.name ?? 'Website', value: String(x.value) })) };
    }
    case 'tag_servers': {
      const n = tagId ? await statusesWithTag(db, r, tagId) : 0;
      return { key, data: n > 0 ? [{ key: host, human_key: host, value: String(n) }] : [] };
    }
    case 'space_usage': {
      const facts = await databaseFacts(db);
      return { key, data: [{ key: 'postgresql', human_key: 'PostgreSQL', value: String(facts.bytes), unit: 'bytes', human_value: `${(facts.bytes / 1024 / 1024).toFixed(1)} MB` }] };
    }
    case 'software_versions': {
      const facts = await databaseFacts(db);
      return {
        key,
        data: [
          { key: 'medired', human_key: 'Medired', value: MEDIRED_VERSION, human_value: MEDIRED_VERSION },
          { key: 'nodejs', human_key: 'Node.js', value: process.versions.node, human_value: process.versions.node },
          { key: 'postgresql', human_key: 'PostgreSQL', value: facts.version, human_value: facts.version },
        ],
      };
    }
    default:
      // servers, instance_accounts, instance_languages: remote servers, and there are none.
      return { key, data: [] };
  }
}

export function dimensions(app: AppContext, keys: readonly DimensionKey[], r: DayRange, limit: number, tagIds: Partial<Record<DimensionKey, string>>) {
  return Promise.all([...new Set(keys)].map((key) => oneDimension(app, key, r, limit, tagIds[key])));
}

/**
 * Mastodon's retention: the users who signed up in each period (day or month) of the range, and
 * for each period from then to the end of the range how many of them used Medired (and the rate).
 */
export async function retention(app: AppContext, r: DayRange, frequency: 'day' | 'month') {
  const periodOf = (day: string) => (frequency === 'month' ? `${day.slice(0, 7)}-01` : day);
  const periods = [...new Set(daysOf(r).map(periodOf))];
  const signUps = await signUpDays(app.db, r);
  const activity = await activeDaysOf(app.db, signUps.map((s) => s.user_id), r);
  const activeIn = new Map<string, Set<string>>();
  for (const a of activity) {
    const period = periodOf(a.day);
    if (!activeIn.has(period)) activeIn.set(period, new Set());
    activeIn.get(period)!.add(a.user_id);
  }
  return periods.map((period) => {
    const cohort = signUps.filter((s) => periodOf(s.day) === period).map((s) => s.user_id);
    return {
      period: `${period}T00:00:00+00:00`,
      frequency,
      data: periods
        .filter((p) => p >= period)
        .map((p) => {
          const value = p === period ? cohort.length : cohort.filter((id) => activeIn.get(p)?.has(id)).length;
          return { date: `${p}T00:00:00+00:00`, rate: cohort.length === 0 ? 0 : value / cohort.length, value: String(value) };
        }),
    };
  });
}
