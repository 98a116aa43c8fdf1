import { isCountryCode } from '../text/region-codes.js';
import { z } from 'zod';
import { SPECIALTIES } from '../accounts/specialties.js';
import { keyed } from '../errors.js';
import { pageQuery } from '../http/pagination.js';
import { zId, zList } from '../http/schemas.js';
import { normalizeTag } from '../posts/text-entities.js';
import { CHECKLIST_CODES } from './advertising-checklist.js';

/** Input schemas and limits of promoted posts, for the API and the web forms. */

export const PROMOTION_STATES = ['pending', 'approved', 'rejected', 'cancelled', 'completed'] as const;
/** Millicredits in a credit: a CPM of N credits is N millicredits per impression. */
export const MILLIS_PER_CREDIT = 1000;
export const MAX_BUDGET_CREDITS = 1_000_000;
export const MAX_GRANT_CREDITS = 1_000_000;
export const MAX_PROMOTION_DAYS = 90;
/** How far ahead a promotion may start. */
export const MAX_START_DAYS = 180;
export const MAX_TARGETS = 10;

/** A date (`YYYY-MM-DD`, UTC) or an ISO 8601 date-time. */
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const when = z
  .string()
  .trim()
  .max(40)
  .refine((v) => parseWhen(v, 'start') !== null, keyed('promotions.error.date', 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time'));

/**
 * A date-only value means a whole UTC day: as a start, its first instant; as an end, the end of
 * that day (the promotion runs through it). Null when it is not a real date.
 */
export function parseWhen(value: string, as: 'start' | 'end'): Date | null {
  if (DATE_ONLY.test(value)) {
    const d = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || !d.toISOString().startsWith(value)) return null;
    return as === 'end' ? new Date(d.getTime() + 86_400_000) : d;
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const specialty = z.enum(Object.keys(SPECIALTIES) as [keyof typeof SPECIALTIES, ...(keyof typeof SPECIALTIES)[]], { message: keyed('promotions.error.specialty', 'must be a specialty code of GET /api/v1/medired/vocabularies') });
const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, keyed('errors.validation.countryCode', 'must be a two-letter country code (ISO 3166-1)'))
  .refine(isCountryCode, keyed('errors.validation.countryCode', 'must be a two-letter country code (ISO 3166-1)'))
  .transform((c) => c.toUpperCase());
const city = z.string().trim().min(1).max(80).transform((c) => c.toLowerCase());
const tag = z
  .string()
  .trim()
  .regex(/^#?[\p{L}\p{N}_]{1,100}$/u, keyed('promotions.error.tag', 'must be a hashtag name (letters, digits, _)'))
  .transform((t) => normalizeTag(t.replace(/^#/, '')));
const targetList = <T extends z.ZodType>(item: T) =>
  zList(item)
    .refine((a) => a.length <= MAX_TARGETS, keyed('promotions.error.tooManyTargets', `may list at most ${MAX_TARGETS} values`))
    .transform((a) => [...new Set(a as unknown[])] as z.infer<T>[])
    .default([]);

/** `POST /api/v1/medired/promotions`. The service checks the post, the balance and the dates against now. */
export const createPromotionInput = z
  .object({
    status_id: zId,
    budget_credits: z.coerce
      .number({ message: keyed('promotions.error.wholeCredits', 'must be a whole number of credits') })
      .int(keyed('promotions.error.wholeCredits', 'must be a whole number of credits'))
      .min(1, keyed('promotions.error.budgetMin', 'must be at least 1 credit'))
      .max(MAX_BUDGET_CREDITS, keyed('promotions.error.budgetMax', `may be at most ${MAX_BUDGET_CREDITS} credits`)),
    starts_at: when,
    ends_at: when,
    target_specialties: targetList(specialty),
    target_countries: targetList(country),
    target_cities: targetList(city),
    target_tags: targetList(tag),
  })
  .refine((p) => {
    const start = parseWhen(p.starts_at, 'start');
    const end = parseWhen(p.ends_at, 'end');
    return !start || !end || end.getTime() > start.getTime();
  }, { message: keyed('promotions.error.endBeforeStart', 'must be after the start'), path: ['ends_at'] })
  .refine((p) => {
    const start = parseWhen(p.starts_at, 'start');
    const end = parseWhen(p.ends_at, 'end');
    return !start || !end || end.getTime() - start.getTime() <= MAX_PROMOTION_DAYS * 86_400_000;
  }, { message: keyed('promotions.error.tooLong', `a promotion may run at most ${MAX_PROMOTION_DAYS} days`), path: ['ends_at'], params: { days: MAX_PROMOTION_DAYS } });
export type CreatePromotionInput = z.infer<typeof createPromotionInput>;

/** `POST /api/v1/medired/admin/promotions/:id/approve`: every checklist item, and optionally another CPM. */
export const approvePromotionInput = z.object({
  checklist: zList(z.enum(CHECKLIST_CODES as [string, ...string[]], { message: keyed('promotions.error.checklistCode', 'must be codes of the advertising checklist') })).default([]),
  cpm_credits: z.coerce
    .number({ message: keyed('promotions.error.cpmWhole', 'must be a whole number of credits per thousand impressions') })
    .int(keyed('promotions.error.cpmWhole', 'must be a whole number of credits per thousand impressions'))
    .min(1, keyed('promotions.error.cpmMin', 'must be at least 1 credit per thousand impressions'))
    .max(100_000, keyed('promotions.error.cpmMax', 'may be at most 100000 credits per thousand impressions'))
    .optional(),
});
export type ApprovePromotionInput = z.infer<typeof approvePromotionInput>;

/** `POST /api/v1/medired/admin/promotions/:id/reject`: the reason is shown to the promoter. */
export const rejectPromotionInput = z.object({
  reason: z.string().trim().min(10, keyed('promotions.error.reasonShort', 'must say in at least 10 characters what to change')).max(2000),
});

/** `POST /api/v1/medired/admin/promotion_credits`. */
export const grantCreditsInput = z.object({
  account_id: zId,
  credits: z.coerce
    .number({ message: keyed('promotions.error.wholeCredits', 'must be a whole number of credits') })
    .int(keyed('promotions.error.wholeCredits', 'must be a whole number of credits'))
    .min(1, keyed('promotions.error.budgetMin', 'must be at least 1 credit'))
    .max(MAX_GRANT_CREDITS, keyed('promotions.error.creditsMax', `may be at most ${MAX_GRANT_CREDITS} credits at once`)),
  note: z.string().trim().max(500).default(''),
});
export type GrantCreditsInput = z.infer<typeof grantCreditsInput>;

export const promotionListQuery = pageQuery(20, 40).extend({
  state: z.enum(PROMOTION_STATES, { message: keyed('promotions.error.state', 'must be pending, approved, rejected, cancelled or completed') }).optional(),
});
export type PromotionListQuery = z.infer<typeof promotionListQuery>;

export const creditsQuery = z.object({ account_id: zId });

/** A results range (`GET …/promotions/:id?since=&until=`, and the dashboard's `promotionResultsFor`). */
export interface ResultsRange {
  /** First UTC day included. */
  since: Date;
  /** Day after the last one included. */
  until: Date;
}
