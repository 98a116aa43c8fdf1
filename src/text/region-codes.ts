/**
 * Whether a code names a real country or territory (ISO 3166-1 alpha-2) or a real language
 * (ISO 639), as the runtime's CLDR data knows them: `XX` or `zz` are well-formed but name nothing,
 * and a filter or target on them would silently match nobody.
 */
const regions = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const languages = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

export function isCountryCode(code: string): boolean {
  if (!/^[A-Za-z]{2}$/.test(code)) return false;
  try {
    return regions.of(code.toUpperCase()) !== undefined;
  } catch {
    return false;
  }
}

export function isLanguageCode(code: string): boolean {
  if (!/^[a-z]{2,3}$/i.test(code)) return false;
  try {
    return languages.of(code.toLowerCase()) !== undefined;
  } catch {
    return false;
  }
}
