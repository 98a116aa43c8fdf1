import { z } from 'zod';
import { zId } from '../http/schemas.js';
import { keyed } from '../errors.js';

/** Longest an alert may stay up; a longer situation gets a new, updated alert. */
export const MAX_ALERT_DAYS = 90;

const countryCode = z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, keyed('errors.validation.countryCode', 'must be a two-letter country code (ISO 3166-1)'));

const expiry = z
  .union([z.string().trim().min(1), z.date()])
  .transform((v, ctx) => {
    const d = v instanceof Date ? v : new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: keyed('alerts.dateInvalid', 'must be a date and time (ISO 8601)') });
      return z.NEVER;
    }
    return d;
  })
  .refine((d) => d.getTime() > Date.now(), keyed('alerts.mustBeFuture', 'must be in the future'))
  .refine((d) => d.getTime() <= Date.now() + MAX_ALERT_DAYS * 86_400_000, { message: keyed('alerts.tooFar', `must be at most ${MAX_ALERT_DAYS} days from now`), params: { days: MAX_ALERT_DAYS } });

/** A health alert as its organisation writes it. */
export const alertInput = z.object({
  title: z.string().trim().min(5, 'must have at least 5 characters').max(140, 'must have at most 140 characters'),
  body: z.string().trim().min(10, 'must have at least 10 characters').max(5000, 'must have at most 5000 characters'),
  severity: z.enum(['info', 'warning', 'urgent'], { message: keyed('alerts.severityInvalid', 'must be info, warning or urgent') }),
  country: countryCode,
  /** Empty or absent: the whole country. */
  city: z.string().trim().max(100).default(''),
  expires_at: expiry,
});
export type AlertInput = z.infer<typeof alertInput>;

export const alertListQuery = z.object({
  /** `active` (default): not expired nor withdrawn; `all`: also recently expired ones. */
  status: z.enum(['active', 'all']).default('active'),
  country: countryCode.optional(),
  max_id: zId.optional(),
  limit: z.coerce.number().int().min(1).default(20).transform((n) => Math.min(n, 40)),
});
export type AlertListQuery = z.infer<typeof alertListQuery>;
