import { SPECIALTIES } from '../accounts/specialties.js';

/**
 * Turning what a person types into safe full-text queries.
 *
 * Statuses use `websearch_to_tsquery` (quotes, `or`, `-word`), which never fails on any input.
 * Accounts and hashtags are searched while typing, so the last word is a prefix: the words are
 * reduced to letters and digits and quoted, so the resulting `to_tsquery` text is always valid.
 */

/** Words of the query: runs of letters, digits and underscores (any script), at most 10. */
export function queryWords(q: string): string[] {
  return (q.normalize('NFC').match(/[\p{L}\p{N}_]+/gu) ?? []).slice(0, 10);
}

/** `'dra' & 'garc':*` — every word must match, the last one as a prefix; null when no words. */
export function prefixTsQuery(q: string): string | null {
  const words = queryWords(q);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `'${w}':*` : `'${w}'`)).join(' & ');
}

/** Lower case without accents, to compare with labels ("cardiologia" ~ "Cardiología"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/**
 * Specialty codes whose Spanish or English label (or code) contains every word typed, the last
 * one as a prefix of a label word: "cardio" → cardiology, "medicina fam" → family_medicine. The
 * accounts' search vector holds the code; this lets people search by the label they read.
 */
export function specialtiesMatching(q: string): string[] {
  const words = queryWords(q).map(fold);
  if (words.length === 0) return [];
  return Object.entries(SPECIALTIES)
    .filter(([code, label]) => {
      const labelWords = [fold(label.es), fold(label.en), code.replace(/_/g, ' ')].flatMap((l) => l.split(/[^\p{L}\p{N}]+/u));
      return words.every((w, i) => labelWords.some((lw) => (i === words.length - 1 ? lw.startsWith(w) : lw === w || lw.startsWith(w))));
    })
    .map(([code]) => code);
}

/** A hashtag prefix as typed: without `#`, letters/digits/underscore only. */
export function hashtagPrefix(q: string): string | null {
  const word = q.trim().replace(/^#/, '');
  return /^[\p{L}\p{N}_]{1,100}$/u.test(word) ? word.toLowerCase() : null;
}
