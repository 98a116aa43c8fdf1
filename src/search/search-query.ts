/**
 * Turning what a person types into safe full-text queries.
 *
 * Statuses use `websearch_to_tsquery` (quotes, `or`, `-word`), which never fails on any input.
 * Accounts and hashtags are searched while typing, so the last word is a prefix: the words are
 * reduced to letters and digits and quoted, so the resulting `to_tsquery` text is always valid
 * (accounts: `account-query.ts`, which also reads professions, specialties and places).
 */

/** Words of the query: runs of letters, digits and underscores (any script), at most 10. */
export function queryWords(q: string): string[] {
  return (q.normalize('NFC').match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, 10);
}

/** A hashtag prefix as typed: without `#`, letters/digits/underscore only. */
export function hashtagPrefix(q: string): string | null {
  const word = q.trim().replace(/^#/, '');
  return /^[\p{L}\p{N}_]{1,100}$/u.test(word) ? word.toLowerCase() : null;
}
