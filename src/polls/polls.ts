import { z } from 'zod';
import { zBool, zList } from '../http/schemas.js';

/**
 * The poll limits the instance advertises (`configuration.polls` of /api/v1 and /api/v2/instance)
 * and enforces: Mastodon's defaults (`PollValidator`).
 */
export const POLL_LIMITS = {
  maxOptions: 4,
  maxCharactersPerOption: 50,
  /** Five minutes. */
  minExpirationSeconds: 5 * 60,
  /** Mastodon's `1.month`: 30.436875 days. */
  maxExpirationSeconds: 2_629_746,
} as const;

/** The instance's `configuration.polls`, as Mastodon names it. */
export const pollConfiguration = {
  max_options: POLL_LIMITS.maxOptions,
  max_characters_per_option: POLL_LIMITS.maxCharactersPerOption,
  min_expiration: POLL_LIMITS.minExpirationSeconds,
  max_expiration: POLL_LIMITS.maxExpirationSeconds,
};

/**
 * `poll[options][]`, `poll[expires_in]`, `poll[multiple]`, `poll[hide_totals]` of `POST
 * /api/v1/statuses`, as JSON or form fields. The counts and lengths are checked by
 * `checkPollInput` so each refusal has its own message.
 */
export const pollInput = z.object({
  options: zList(z.string({ message: 'must be text' }).max(10_000, 'is too long')).refine((o) => o.length <= 100, 'has too many options'),
  expires_in: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? Number(v) : v), z.number({ message: 'must be a number of seconds' }).int('must be a whole number of seconds')),
  multiple: zBool.optional(),
  hide_totals: zBool.optional(),
});
export type PollInput = z.infer<typeof pollInput>;

/** `POST /api/v1/polls/:id/votes`: `choices[]`, the indexes of the options chosen. */
export const voteInput = z.object({
  choices: zList(z.preprocess((v) => (typeof v === 'string' && /^\d{1,3}$/.test(v.trim()) ? Number(v) : v), z.number({ message: 'must be option indexes' }).int().min(0))),
});
