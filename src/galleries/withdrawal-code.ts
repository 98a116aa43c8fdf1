import { createHash, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A new withdrawal code, handed to the patient at consent time: 12 characters (60 random bits)
 * in three groups, `7KQ2-M9TX-4HVD`. Only its hash is stored (`withdrawalCodeHash`).
 */
export function newWithdrawalCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]!).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** The code as typed, normalised: case, spaces and dashes ignored; O read as 0, I and L as 1. */
export function normaliseWithdrawalCode(typed: string): string {
  return typed
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

/** The stored form of a code: SHA-256 of its normalised text. */
export function withdrawalCodeHash(code: string): Buffer {
  return createHash('sha256').update(normaliseWithdrawalCode(code)).digest();
}
