import { z } from 'zod';
import { keyed } from '../errors.js';
import { zBool } from '../http/schemas.js';
import { countryOptions } from '../web/components/countries.js';

/**
 * Practice information of a professional or organisation: addresses, opening hours, phone,
 * website, languages, accepted insurers and whether it accepts online care requests. The input
 * schemas are the one definition of what is valid, for the API and the settings page.
 */

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MAX_ADDRESSES = 5;
export const MAX_RANGES_PER_DAY = 3;
export const MAX_LANGUAGES = 12;
export const MAX_INSURERS_LENGTH = 500;

/** Languages offered as checkboxes on the settings page (the API takes any ISO 639 code). */
export const COMMON_LANGUAGES = ['es', 'en', 'ca', 'eu', 'gl', 'fr', 'de', 'it', 'pt', 'ar', 'ro', 'zh', 'uk', 'ru'] as const;

const COUNTRY_CODES = new Set(countryOptions('en').map((o) => o.value));
const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** True for an ISO 639 language code the runtime can name (`es`, `ca`, `ast`). */
export function isLanguageCode(code: string): boolean {
  if (!/^[a-z]{2,3}$/.test(code)) return false;
  try {
    const name = languageNames.of(code);
    return Boolean(name) && name !== code;
  } catch {
    return false;
  }
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const time = z.string().trim().regex(HHMM, keyed('practice.error.time', 'must be a time written HH:MM (00:00 to 24:00)'));

export const timeRange = z
  .object({ from: time, to: time })
  .refine((r) => r.from < r.to, { message: keyed('practice.error.rangeOrder', 'must end after it starts'), path: ['to'] });
export type TimeRange = z.infer<typeof timeRange>;

const dayRanges = z
  .array(timeRange)
  .max(MAX_RANGES_PER_DAY, keyed('practice.error.tooManyRanges', `may have at most ${MAX_RANGES_PER_DAY} ranges a day`))
  .transform((ranges) => [...ranges].sort((a, b) => a.from.localeCompare(b.from)))
  .refine((ranges) => ranges.every((r, i) => i === 0 || ranges[i - 1]!.to <= r.from), keyed('practice.error.overlap', 'ranges of the same day must not overlap'));

/** Opening hours: for each weekday, its ranges (none: closed that day). */
export const openingHoursInput = z
  .strictObject(Object.fromEntries(WEEKDAYS.map((d) => [d, dayRanges.optional()])) as Record<Weekday, z.ZodOptional<typeof dayRanges>>, {
    message: keyed('practice.error.weekday', 'weekdays are mon, tue, wed, thu, fri, sat and sun'),
  })
  .transform((hours) => Object.fromEntries(WEEKDAYS.flatMap((d) => (hours[d]?.length ? [[d, hours[d]]] : []))) as OpeningHours);
export type OpeningHours = Partial<Record<Weekday, TimeRange[]>>;

const countryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => COUNTRY_CODES.has(c), keyed('practice.error.country', 'must be a country code of ISO 3166-1 (ES, PT, FR…)'));

export const addressInput = z.object({
  street: z.string().trim().min(1).max(200),
  postal_code: z.string().trim().max(12).regex(/^[A-Za-z0-9 -]*$/, keyed('practice.error.postalCode', 'may only use letters, digits, spaces and dashes')).default(''),
  city: z.string().trim().min(1).max(100),
  country: countryCode,
});
export type PracticeAddress = z.infer<typeof addressInput>;

const phone = z
  .string()
  .trim()
  .max(30)
  .refine((p) => p === '' || /^\+?[0-9][0-9 ().-]{5,28}$/.test(p), keyed('practice.error.phone', 'must be a phone number: digits, spaces and an optional leading +'));

const website = z
  .string()
  .trim()
  .max(300)
  .refine((v) => {
    if (v === '') return true;
    try {
      const url = new URL(v);
      return (url.protocol === 'https:' || url.protocol === 'http:') && Boolean(url.hostname) && !url.username && !url.password;
    } catch {
      return false;
    }
  }, keyed('practice.error.website', 'must be a web address starting with http:// or https://'));

const languages = z
  .array(z.string().trim().toLowerCase().refine(isLanguageCode, keyed('practice.error.language', 'must be a language code of ISO 639 (es, en, ca…)')))
  .max(MAX_LANGUAGES)
  .transform((codes) => [...new Set(codes)]);

/** `PATCH /api/v1/medired/practice`: every field optional; those sent replace the stored ones. */
export const practiceInput = z.object({
  addresses: z.array(addressInput).max(MAX_ADDRESSES).optional(),
  opening_hours: openingHoursInput.optional(),
  phone: phone.optional(),
  website: website.optional(),
  languages: languages.optional(),
  insurers: z.string().trim().max(MAX_INSURERS_LENGTH).optional(),
  accepts_online_requests: zBool.optional(),
});
export type PracticeInput = z.infer<typeof practiceInput>;

/** A practice as stored and shown. */
export interface Practice {
  addresses: PracticeAddress[];
  openingHours: OpeningHours;
  phone: string;
  website: string;
  languages: string[];
  insurers: string;
  acceptsOnlineRequests: boolean;
  updatedAt: Date | null;
}

export const EMPTY_PRACTICE: Practice = { addresses: [], openingHours: {}, phone: '', website: '', languages: [], insurers: '', acceptsOnlineRequests: false, updatedAt: null };

/**
 * A day's ranges as a person types them on the settings page: `09:00-14:00, 16:00-19:30`
 * (empty: closed). Returns the ranges for `timeRange` to validate, or null when the text is not
 * of that shape.
 */
export function parseDayText(text: string): { from: string; to: string }[] | null {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const parts = trimmed.split(/\s*[,;]\s*/);
  const ranges: { from: string; to: string }[] = [];
  for (const part of parts) {
    const m = /^(\d{1,2})[:.h](\d{2})\s*[-–]\s*(\d{1,2})[:.h](\d{2})$/.exec(part);
    if (!m) return null;
    ranges.push({ from: `${m[1]!.padStart(2, '0')}:${m[2]}`, to: `${m[3]!.padStart(2, '0')}:${m[4]}` });
  }
  return ranges;
}

/** A day's ranges written back as text (`09:00-14:00, 16:00-19:30`). */
export function dayText(ranges: TimeRange[] | undefined): string {
  return (ranges ?? []).map((r) => `${r.from}-${r.to}`).join(', ');
}
