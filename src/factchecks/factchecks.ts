import { z } from 'zod';
import { zBool, zId, zList } from '../http/schemas.js';

export const FACT_CHECK_TARGETS = ['status', 'consulta_answer'] as const;
export type FactCheckTarget = (typeof FACT_CHECK_TARGETS)[number];

/** Other verified professionals who must rate a note helpful before everyone sees it. */
export const HELPFUL_RATINGS_TO_SHOW = 2;

const source = z
  .string()
  .trim()
  .max(500, 'must have at most 500 characters')
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
    } catch {
      return false;
    }
  }, 'must be an http(s) link');

export const factCheckInput = z.object({
  target_type: z.enum(FACT_CHECK_TARGETS, { message: 'must be status or consulta_answer' }),
  target_id: zId,
  note: z.string().trim().min(10, 'must have at least 10 characters').max(1000, 'must have at most 1000 characters'),
  /** 1 to 5 links to the sources the note relies on (a list, or one per line in forms). */
  sources: z
    .preprocess((v) => (typeof v === 'string' ? v.split(/\s+/).filter(Boolean) : Array.isArray(v) ? v.filter((s) => s !== '') : v), zList(source))
    .refine((v) => v.length >= 1, 'needs at least one source link')
    .refine((v) => v.length <= 5, 'at most 5 source links')
    .transform((v) => [...new Set(v)]),
});
export type FactCheckInput = z.infer<typeof factCheckInput>;

export const factCheckTargetQuery = z.object({
  target_type: z.enum(FACT_CHECK_TARGETS, { message: 'must be status or consulta_answer' }),
  target_id: zId,
});

export const ratingInput = z.object({ helpful: zBool });
