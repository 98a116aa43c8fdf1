import { z } from 'zod';
import { AppError, type ErrorDetail } from '../errors.js';

/** The ranges the dashboard offers in one click (days, ending today). */
export const PRESET_DAYS = [7, 30, 90, 365] as const;
export type PresetDays = (typeof PRESET_DAYS)[number];
export const DEFAULT_DAYS: PresetDays = 30;
/** The longest custom range, in days (a leap year). */
export const MAX_RANGE_DAYS = 366;
/** No statistics exist before this day, whatever the instance. */
export const EARLIEST_DAY = '2020-01-01';

const DAY_MS = 86_400_000;

/** A range of whole UTC days, both ends included, as `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
  /** Number of days, from..to inclusive. */
  days: number;
  /** The preset it matches (7, 30, 90, 365 days ending today), or null for a custom range. */
  preset: PresetDays | null;
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export const dayOf = (date: Date): string => date.toISOString().slice(0, 10);
/** Midnight UTC at the start of `day`. */
export const startOfDay = (day: string): Date => new Date(`${day}T00:00:00.000Z`);
/** Midnight UTC after `day` (the exclusive end of the day). */
export const endOfDay = (day: string): Date => new Date(startOfDay(day).getTime() + DAY_MS);
/** `day` moved by `n` days. */
export const addDays = (day: string, n: number): string => dayOf(new Date(startOfDay(day).getTime() + n * DAY_MS));

/** Every day of a range, oldest first. */
export function daysOf(range: Pick<DayRange, 'from' | 'to'>): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The query parameters of a range, as typed (the API's and the page's `?days=` or `?from=&to=`). */
export const rangeQuery = z.object({
  days: z.string().max(10).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
});
export type RangeQuery = z.infer<typeof rangeQuery>;

const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const isRealDay = (s: string): boolean => DAY_PATTERN.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && dayOf(startOfDay(s)) === s;

function refuse(details: ErrorDetail[]): AppError {
  return new AppError('validation_failed', `Validation failed: ${details.map((d) => `${d.field}: ${d.message}`).join('; ')}`, { details, key: 'errors.code.validation_failed' });
}

/**
 * The range a query asks for: `from` and `to` (custom; `to` defaults to today), else `days` (one
 * of the presets), else the last 30 days. Refuses, with one detail per field: a day that is not a
 * real `YYYY-MM-DD` date, a range ending after today or starting before `EARLIEST_DAY`, `from`
 * after `to`, a range longer than `MAX_RANGE_DAYS`, and `days` other than a preset.
 */
export function resolveRange(query: RangeQuery, now = new Date()): DayRange {
  const today = dayOf(now);
  const from = query.from?.trim() ?? '';
  const to = query.to?.trim() ?? '';
  if (!from && !to) {
    const raw = query.days?.trim();
    const days = raw ? Number(raw) : DEFAULT_DAYS;
    if (!PRESET_DAYS.includes(days as PresetDays)) throw refuse([{ field: 'days', message: 'must be 7, 30, 90 or 365', key: 'analytics.error.days' }]);
    return { from: addDays(today, 1 - days), to: today, days, preset: days as PresetDays };
  }
  const details: ErrorDetail[] = [];
  if (!from) details.push({ field: 'from', message: 'is required with to', key: 'analytics.error.fromRequired' });
  else if (!isRealDay(from)) details.push({ field: 'from', message: 'must be a date as YYYY-MM-DD', key: 'analytics.error.day' });
  else if (from < EARLIEST_DAY) details.push({ field: 'from', message: `must be ${EARLIEST_DAY} or later`, key: 'analytics.error.tooEarly', params: { day: EARLIEST_DAY } });
  const end = to || today;
  if (to && !isRealDay(to)) details.push({ field: 'to', message: 'must be a date as YYYY-MM-DD', key: 'analytics.error.day' });
  else if (end > today) details.push({ field: 'to', message: 'must not be after today', key: 'analytics.error.future' });
  if (details.length === 0 && from > end) details.push({ field: 'from', message: 'must not be after to', key: 'analytics.error.order' });
  if (details.length) throw refuse(details);
  const days = Math.round((startOfDay(end).getTime() - startOfDay(from).getTime()) / DAY_MS) + 1;
  if (days > MAX_RANGE_DAYS) throw refuse([{ field: 'from', message: `the range may cover at most ${MAX_RANGE_DAYS} days`, key: 'analytics.error.tooLong', params: { max: MAX_RANGE_DAYS } }]);
  const preset = end === today && PRESET_DAYS.includes(days as PresetDays) ? (days as PresetDays) : null;
  return { from, to: end, days, preset };
}
