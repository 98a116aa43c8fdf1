/** True when a database error is a unique-constraint violation (SQLSTATE 23505), on PGlite or PostgreSQL. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; message?: string } | null;
  if (!e || e.code !== '23505') return false;
  return !constraint || e.constraint === constraint || (e.message ?? '').includes(constraint);
}

/** True for a foreign-key violation (SQLSTATE 23503). */
export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === '23503';
}

/**
 * SQLSTATEs that only bad input can cause: untranslatable character (22P05), invalid byte
 * sequence (22021), numeric value out of range (22003), invalid text representation (22P02),
 * program limit exceeded, e.g. an index row too big (54000).
 */
const BAD_INPUT_STATES = new Set(['22P05', '22021', '22003', '22P02', '54000']);

/** The SQLSTATE of a database error that bad input caused (see above), or null. */
export function badInputState(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && BAD_INPUT_STATES.has(code) ? code : null;
}
