import type { FigureFormat } from '../../analytics/analytics-sections.js';
import { formatNumber, t, type Lang } from '../i18n/i18n.js';

const percentFormats: Record<Lang, Intl.NumberFormat> = {
  es: new Intl.NumberFormat('es-ES', { style: 'percent', maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }),
};
const dayFormats: Record<Lang, Intl.DateTimeFormat> = {
  es: new Intl.DateTimeFormat('es-ES', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }),
};

/** A duration in seconds as minutes, hours or days, rounded for reading. */
export function formatDuration(lang: Lang, seconds: number): string {
  if (seconds < 3600) return t(lang, 'analytics.duration.minutes', { n: formatNumber(lang, Math.max(1, Math.round(seconds / 60))) });
  if (seconds < 2 * 86_400) return t(lang, 'analytics.duration.hours', { n: formatNumber(lang, Math.round((seconds / 3600) * 10) / 10) });
  return t(lang, 'analytics.duration.days', { n: formatNumber(lang, Math.round((seconds / 86_400) * 10) / 10) });
}

/** A figure or cell as people of that language read it; null is "no data". */
export function formatValue(lang: Lang, value: number | null | undefined, format: FigureFormat): string {
  if (value === null || value === undefined) return '—';
  if (format === 'percent') return percentFormats[lang].format(value);
  if (format === 'duration') return formatDuration(lang, value);
  return formatNumber(lang, value);
}

/** A UTC day (`YYYY-MM-DD`) in a short, readable form ("2 dic 2026"). */
export function formatDay(lang: Lang, day: string): string {
  return dayFormats[lang].format(new Date(`${day}T00:00:00Z`));
}
