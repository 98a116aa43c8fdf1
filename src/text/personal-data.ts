/**
 * Detection of identifying data in a post, article, question or answer before it is published: e-mail
 * addresses, phone numbers (Spanish and international formats) and Spanish identity document
 * numbers (DNI/NIE, checked with their control letter so ordinary numbers do not trip it).
 */
export interface PersonalDataMatch {
  kind: 'email' | 'phone' | 'id_document';
  value: string;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
// A run of digits with the separators people type in phone numbers, optionally starting with
// + or 00 and possibly with a parenthesised area code.
const PHONE_CANDIDATE = /(?<![\p{L}\p{N}])(?:\+|00)?\(?\d[\d\s.()\-]{6,22}\d(?![\p{L}\p{N}])/gu;
// Digits in one run or grouped as people write them: 12345678, 12.345.678, 12 345 678.
const DNI = /(?<![\p{L}\p{N}])([XYZ]?)[-\s]?(\d{7,8}|\d{1,2}[.\s]\d{3}[.\s]\d{3})[-\s]?([A-Z])(?![\p{L}\p{N}])/giu;
// An ID number named as such, even without its letter: "DNI: 12.345.678", "NIF 12345678".
const NAMED_ID = /\b(?:DNI|NIF|NIE|pasaporte|passport)\b\s*(?:n[º°o.]*\s*)?[:#]?\s*([XYZ]?\d[\d.\s-]{6,11}\d[A-Z]?)/giu;
// Invisible characters people (or tools) put between digits.
const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g;
// Addresses spelled out to dodge filters: ana(at)example.com, ana [arroba] example.com.
const SPELLED_AT = /\s*[([{]\s*(?:at|arroba)\s*[)\]}]\s*/giu;
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

function isPhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  const trimmed = candidate.trim();
  // Separators must be single: "12  -  3" style runs are more likely measurements or lists.
  if (/[\s.\-]{3,}/.test(trimmed)) return false;
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  if (trimmed.startsWith('00')) return digits.length >= 10 && digits.length <= 17;
  // Spanish numbers: 9 digits, starting with 6 or 7 (mobile) or 8 or 9 (landline).
  if (digits.length === 9 && /^[6789]/.test(digits)) return true;
  // Spanish numbers written with their country code but without "+": 34 6xx xxx xxx.
  if (digits.length === 11 && /^34[6789]/.test(digits)) return true;
  // North American and Mexican ten-digit numbers written with separators or an area code in
  // brackets: (55) 1234 5678, 555-123-4567.
  if (digits.length === 10 && /[\s.()\-]/.test(trimmed)) return true;
  return false;
}

function validDni(prefix: string, grouped: string, letter: string): boolean {
  const number = grouped.replace(/[.\s]/g, '');
  const nie = { X: '0', Y: '1', Z: '2' }[prefix.toUpperCase()] ?? '';
  if (!prefix && number.length !== 8) return false;
  if (prefix && number.length !== 7) return false;
  const n = Number(nie + number);
  return DNI_LETTERS[n % 23] === letter.toUpperCase();
}

/** Every e-mail address, phone number and ID number in `text`, in order, without duplicates. */
export function findPersonalData(input: string): PersonalDataMatch[] {
  // Full-width and other compatibility digits read as digits; invisible separators are ignored.
  const text = input.normalize('NFKC').replace(INVISIBLE, '').replace(SPELLED_AT, '@');
  const found: PersonalDataMatch[] = [];
  const seen = new Set<string>();
  const add = (kind: PersonalDataMatch['kind'], value: string) => {
    const key = `${kind}:${value}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push({ kind, value });
  };
  for (const m of text.matchAll(EMAIL)) add('email', m[0]);
  const withoutEmails = text.replace(EMAIL, ' ');
  for (const m of withoutEmails.matchAll(DNI)) {
    if (validDni(m[1] ?? '', m[2] ?? '', m[3] ?? '')) add('id_document', m[0].trim());
  }
  for (const m of withoutEmails.matchAll(NAMED_ID)) {
    const value = (m[1] ?? m[0]).trim();
    if (!found.some((f) => f.kind === 'id_document' && (f.value.includes(value) || value.includes(f.value)))) add('id_document', value);
  }
  for (const m of withoutEmails.matchAll(PHONE_CANDIDATE)) {
    const value = m[0].trim().replace(/[\s.\-]+$/, '');
    if (isPhone(value)) add('phone', value);
  }
  return found;
}
