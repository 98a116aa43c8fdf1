import { z } from 'zod';

/** A boolean as JSON sends it, or as a form or query string does ("true", "1", "on"). */
export const zBool = z.preprocess((v) => {
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (['true', '1', 'on', 'yes'].includes(s)) return true;
    if (['false', '0', 'off', 'no', ''].includes(s)) return false;
  }
  return v;
}, z.boolean({ message: 'must be true or false' }));

/** The largest id a PostgreSQL `bigint` holds (2^63 − 1). */
const MAX_ID = 9_223_372_036_854_775_807n;

/**
 * A bigint id, as a string of 1–19 digits no larger than 2^63 − 1 (numbers are accepted and
 * turned into strings). A larger one is refused like any malformed id (422), never sent to the
 * database.
 */
export const zId = z.preprocess(
  (v) => (typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : v),
  z.string().refine((v) => /^\d{1,19}$/.test(v) && BigInt(v) <= MAX_ID, 'must be an id'),
);

/** A list given as an array, or as one value (forms with a single `x[]` entry). */
export const zList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));

/** Path parameter `:id`. */
export const idParams = z.object({ id: zId });
