import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id (a const enum the types declare but isolated modules cannot read).
const ARGON2ID = 2;
import { dictionary } from '@zxcvbn-ts/language-common';
import { invalid } from '../errors.js';

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));

/** Throws a validation error when a new password is too short, too long or commonly used. */
export function assertAcceptablePassword(password: string, context: string[] = []): void {
  if (password.length < PASSWORD_MIN) throw invalid(`Password must be at least ${PASSWORD_MIN} characters long`, 'password', 'accounts.password.tooShort', { min: PASSWORD_MIN });
  if (password.length > PASSWORD_MAX) throw invalid(`Password must be at most ${PASSWORD_MAX} characters long`, 'password', 'accounts.password.tooLong', { max: PASSWORD_MAX });
  const lower = password.toLowerCase();
  if (common.has(lower) || /^(.)\1+$/.test(password)) throw invalid('This password is too common; choose another', 'password', 'accounts.password.common');
  if (context.some((word) => word.length >= 4 && lower.includes(word.toLowerCase()))) {
    throw invalid('The password must not contain your username or e-mail', 'password', 'accounts.password.containsIdentity');
  }
}

/** argon2id with the OWASP-recommended parameters (19 MiB, 2 iterations). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A valid hash of a random password, verified against when the account does not exist (same timing). */
export const DUMMY_HASH = await hashPassword(`dummy-${Math.random()}-password`);
