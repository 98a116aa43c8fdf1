import { z } from 'zod';
import type { CreateStatusInput } from '../posts/posts.js';

/** Mastodon's `ScheduledStatusValidator`: at least 5 minutes ahead, 300 pending, 25 per day. */
export const SCHEDULED_LIMITS = {
  minimumOffsetSeconds: 5 * 60,
  total: 300,
  daily: 25,
} as const;

/**
 * What a scheduled status keeps: the parameters of `POST /api/v1/statuses` it was posted with
 * (without `scheduled_at`), published later through the same service. `idempotency` is the
 * request's `Idempotency-Key`, if any.
 */
export type ScheduledParams = Omit<CreateStatusInput, 'scheduled_at'> & { idempotency: string | null };

/** `PUT /api/v1/scheduled_statuses/:id`: a new time (the only thing Mastodon lets change). */
export const rescheduleInput = z.object({
  scheduled_at: z.preprocess(
    (v) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) && !Number.isNaN(new Date(v).getTime()) ? new Date(v) : v),
    z.date({ message: 'must be a date and time (ISO 8601)' }),
  ),
});
