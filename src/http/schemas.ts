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

/** A bigint id, as a string of digits (numbers are accepted and turned into strings). */
export const zId = z.preprocess((v) => (typeof v === 'number' ? String(v) : v), z.string().regex(/^\d{1,19}$/, 'must be an id'));

/** A list given as an array, or as one value (forms with a single `x[]` entry). */
export const zList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));

/** Path parameter `:id`. */
export const idParams = z.object({ id: zId });
