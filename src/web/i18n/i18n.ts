import { en } from './en.js';
import { es, type MessageKey } from './es.js';

export type { MessageKey } from './es.js';

/** Languages of the web interface; Spanish is the default. */
export type Lang = 'es' | 'en';
export const LANGS: readonly Lang[] = ['es', 'en'];
export const DEFAULT_LANG: Lang = 'es';

const catalogues: Record<Lang, Record<MessageKey, string>> = { es, en };

export function isLang(value: unknown): value is Lang {
  return value === 'es' || value === 'en';
}

/** The message `key` in `lang`, with `{name}` placeholders replaced by `params`. */
export function t(lang: Lang, key: MessageKey, params?: Record<string, string | number>): string {
  const text = catalogues[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A bound translator for one language, for components that print many strings. */
export function translator(lang: Lang): (key: MessageKey, params?: Record<string, string | number>) => string {
  return (key, params) => t(lang, key, params);
}

/** A date as people of that language write it (e.g. "24 de noviembre de 2026"). */
export function formatDate(lang: Lang, date: Date | string): string {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(date));
}

/** A month and year ("noviembre de 2026", "November 2026"). */
export function formatMonth(lang: Lang, date: Date | string): string {
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(date));
}

/** A date and time for timestamps on posts. */
// Intl formatters are costly to build and safe to share: one per language.
const dateTimeFormats: Record<Lang, Intl.DateTimeFormat> = {
  es: new Intl.DateTimeFormat('es-ES', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }),
};
const numberFormats: Record<Lang, Intl.NumberFormat> = { es: new Intl.NumberFormat('es-ES'), en: new Intl.NumberFormat('en-GB') };

export function formatDateTime(lang: Lang, date: Date | string): string {
  return dateTimeFormats[lang].format(new Date(date));
}

/** A count in the language's number format (1.234 / 1,234). */
export function formatNumber(lang: Lang, n: number): string {
  return numberFormats[lang].format(n);
}
