import type { Lang } from '../i18n/i18n.js';

const names = new Map<Lang, Intl.DisplayNames>();

/** A language's name in the reader's language ("catalán", "Catalan"), capitalised. */
export function languageName(lang: Lang, code: string): string {
  let n = names.get(lang);
  if (!n) {
    n = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
    names.set(lang, n);
  }
  const name = n.of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** A country's name in the reader's language. */
export function countryName(lang: Lang, code: string): string {
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A duration in seconds said roughly ("2 h", "35 min", "3 días"). */
export function durationText(lang: Lang, seconds: number): string {
  const fmt = (value: number, unit: 'minute' | 'hour' | 'day') => new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', { style: 'unit', unit, unitDisplay: 'long', maximumFractionDigits: 0 }).format(value);
  if (seconds < 3600) return fmt(Math.max(1, Math.round(seconds / 60)), 'minute');
  if (seconds < 48 * 3600) return fmt(Math.round(seconds / 3600), 'hour');
  return fmt(Math.round(seconds / 86400), 'day');
}
