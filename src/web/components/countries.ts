import type { Lang } from '../i18n/i18n.js';
import type { SelectOption } from './form-fields.js';

/**
 * Two-letter codes the runtime names that are not current countries or territories: groupings,
 * pseudo-locales, reserved and withdrawn codes (which would list a country twice).
 */
const NOT_COUNTRIES = new Set([
  'EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ', 'AC', 'CP', 'CQ', 'DG', 'EA', 'IC', 'TA',
  'AN', 'BU', 'CS', 'DD', 'DY', 'FX', 'HV', 'NH', 'RH', 'SU', 'TP', 'UK', 'VD', 'YD', 'YU', 'ZR',
]);
const cache = new Map<Lang, SelectOption[]>();

/**
 * Every ISO 3166-1 region the runtime can name, as select options labelled in `lang` and sorted
 * by that label.
 */
export function countryOptions(lang: Lang): SelectOption[] {
  const cached = cache.get(lang);
  if (cached) return cached;
  const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
  const options: SelectOption[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      if (NOT_COUNTRIES.has(code)) continue;
      const label = names.of(code);
      if (label && label !== code) options.push({ value: code, label });
    }
  }
  options.sort((x, y) => x.label.localeCompare(y.label, lang));
  cache.set(lang, options);
  return options;
}
