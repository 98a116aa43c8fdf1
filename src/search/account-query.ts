import type { OrganizationType, Profession, Specialty } from '../accounts/specialties.js';
import { foldWord, matchVocabulary, STOP_WORDS } from './health-vocabulary.js';
import { queryWords } from './search-query.js';

/**
 * Reading an accounts query the way people write it: "cardióloga en Madrid", "pediatra Sevilla",
 * "nurse Valencia", "clínica dental Bilbao". Words that name a profession, specialty or kind of
 * organisation (`health-vocabulary.ts`) or a country become terms matched by code; the other
 * words (names, handles, cities) are matched in the accounts' search vector, the last one as a
 * prefix while typing. A term also matches its own words in the vector, so a display name that
 * says "Pediatría" still counts for an account without that specialty code.
 */

export interface QueryTerm {
  /** The folded words of the query this term stands for. */
  words: string[];
  /** The last of `words` is being typed: match it as a prefix in the vector. */
  prefix: boolean;
  professions: Profession[];
  specialties: Specialty[];
  organizationTypes: OrganizationType[];
  /** ISO 3166-1 codes of a country named in the query ("España", "Spain"). */
  countries: string[];
}

export interface AccountQuery {
  terms: QueryTerm[];
  /** Folded words matched in the vector only. */
  free: string[];
  /** The last free word is the query's last word: match it as a prefix. */
  freePrefix: boolean;
}

let countryIndex: Map<string, string> | null = null;
let longestCountry = 1;

/** Folded country names in Spanish and English → code ("espana" → ES, "reino unido" → GB). */
function countries(): Map<string, string> {
  if (countryIndex) return countryIndex;
  const index = new Map<string, string>();
  for (const lang of ['es', 'en']) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const code = String.fromCharCode(a, b);
        const name = names.of(code);
        if (!name || name === code || /\d/.test(name)) continue;
        const key = foldWord(name)
          .split(/[^\p{L}\p{N}]+/u)
          .filter((w) => w && !STOP_WORDS.has(w))
          .join(' ');
        if (key && !index.has(key)) index.set(key, code);
      }
    }
  }
  longestCountry = Math.max(...[...index.keys()].map((k) => k.split(' ').length));
  countryIndex = index;
  return index;
}

function matchCountry(words: readonly string[], start: number): { code: string; length: number } | null {
  const index = countries();
  for (let length = Math.min(longestCountry, words.length - start); length >= 1; length--) {
    const code = index.get(words.slice(start, start + length).join(' '));
    if (code) return { code, length };
  }
  return null;
}

/** The query's words, folded; connecting words dropped unless nothing else is left. */
function significantWords(q: string): string[] {
  const words = queryWords(q).map(foldWord);
  const kept = words.filter((w) => !STOP_WORDS.has(w));
  return kept.length > 0 ? kept : words;
}

/** Reads `q` into vocabulary and country terms and free words (see the module comment). */
export function readAccountQuery(q: string): AccountQuery {
  const words = significantWords(q);
  const terms: QueryTerm[] = [];
  const free: string[] = [];
  let freePrefix = false;
  for (let i = 0; i < words.length; ) {
    const vocabulary = matchVocabulary(words, i, true);
    const country = vocabulary ? null : matchCountry(words, i);
    const length = vocabulary?.length ?? country?.length ?? 0;
    if (length > 0) {
      terms.push({
        words: words.slice(i, i + length),
        prefix: i + length === words.length,
        professions: vocabulary ? [...vocabulary.professions] : [],
        specialties: vocabulary ? [...vocabulary.specialties] : [],
        organizationTypes: vocabulary ? [...vocabulary.organizationTypes] : [],
        countries: country ? [country.code] : [],
      });
      i += length;
    } else {
      free.push(words[i]!);
      freePrefix = i === words.length - 1;
      i += 1;
    }
  }
  return { terms, free, freePrefix };
}

/** `'dra' & 'garc':*`: every word, the last as a prefix when `prefix`; null without words. */
export function wordsTsQuery(words: readonly string[], prefix: boolean): string | null {
  if (words.length === 0) return null;
  return words.map((w, i) => (prefix && i === words.length - 1 ? `'${w}':*` : `'${w}'`)).join(' & ');
}
