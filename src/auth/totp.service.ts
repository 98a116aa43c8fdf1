import { viewerChanged } from './viewer-cache.js';
import type { AppContext } from '../app-context.js';
import { Secret, TOTP } from 'otpauth';
import type { Db } from '../db/connect.js';
import { AppError, conflict, invalid, notFound } from '../errors.js';
import { advanceTotpCounter, clearTotp, findTotpSetupState, findTotpState, markTotpEnabled, setPendingTotpSecret } from './auth.repository.js';
import { checkPasswordOf } from './credentials.js';

const PERIOD = 30;
const DIGITS = 6;
/** Accept the previous, current and next 30-second step (clock drift of a phone). */
const WINDOW = 1;

function totpFor(secret: string, label = 'medired', issuer = 'Medired'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });
}

/** What a person needs to add the account to an authenticator app. */
export interface TotpSetup {
  /** Base32 secret, for typing into the app by hand. */
  secret: string;
  /** `otpauth://totp/...` URL (what a QR code would encode). */
  otpauthUrl: string;
}

/**
 * Starts (or restarts) TOTP setup: stores a fresh secret that becomes active only once a code from
 * it is confirmed by `enableTotp`. Needs the password; refused when TOTP is already on.
 */
export async function setupTotp(db: Db, userId: string, password: string, issuer: string): Promise<TotpSetup> {
  const user = await findTotpSetupState(db, userId);
  if (!user) throw notFound('User');
  if (!(await checkPasswordOf(db, userId, password))) throw invalid('The password is not correct', 'password', 'accounts.password.wrong');
  if (user.totp_enabled_at) throw conflict('Two-factor authentication is already enabled; disable it first to set up a new device', 'totp.alreadyEnabledSetup');
  const secret = new Secret({ size: 20 }).base32;
  await setPendingTotpSecret(db, userId, secret);
  return { secret, otpauthUrl: totpFor(secret, user.username, issuer).toString() };
}

/**
 * Checks a code against a secret and records its time step, atomically refusing a step already
 * used (or an older one): the same code cannot be replayed, not even by two concurrent requests.
 */
async function consumeCode(db: Db, userId: string, secret: string, code: string): Promise<boolean> {
  const token = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  const now = Date.now();
  const delta = totpFor(secret).validate({ token, timestamp: now, window: WINDOW });
  if (delta === null) return false;
  const counter = TOTP.counter({ period: PERIOD, timestamp: now }) + delta;
  return advanceTotpCounter(db, userId, String(counter));
}

/** Turns TOTP on after the person proves their app produces valid codes for the pending secret. */
export async function enableTotp(app: AppContext, userId: string, code: string): Promise<void> {
  const db = app.db;
  const user = await findTotpState(db, userId);
  if (!user) throw notFound('User');
  if (user.totp_enabled_at) throw conflict('Two-factor authentication is already enabled', 'totp.alreadyEnabled');
  if (!user.totp_secret) throw new AppError('bad_request', 'Start the two-factor setup first', { key: 'totp.setupFirst' });
  if (!(await consumeCode(db, userId, user.totp_secret, code))) throw invalid('The code is not valid; check your device clock and try a new code', 'code', 'totp.codeInvalidClock');
  await markTotpEnabled(db, userId);
  await viewerChanged(app, userId);
}

/** Turns TOTP off; needs both the password and a current code. */
export async function disableTotp(app: AppContext, userId: string, password: string, code: string): Promise<void> {
  const db = app.db;
  const user = await findTotpState(db, userId);
  if (!user) throw notFound('User');
  if (!user.totp_enabled_at || !user.totp_secret) throw conflict('Two-factor authentication is not enabled', 'totp.notEnabled');
  if (!(await checkPasswordOf(db, userId, password))) throw invalid('The password is not correct', 'password', 'accounts.password.wrong');
  if (!(await consumeCode(db, userId, user.totp_secret, code))) throw invalid('The code is not valid', 'code', 'totp.codeInvalid');
  await clearTotp(db, userId);
  await viewerChanged(app, userId);
}

/** Verifies a second-factor code of a user with TOTP enabled (single use per time step). */
export async function verifyTotp(db: Db, userId: string, code: string): Promise<boolean> {
  const user = await findTotpState(db, userId);
  if (!user?.totp_enabled_at || !user.totp_secret) return false;
  return consumeCode(db, userId, user.totp_secret, code);
}

/** Whether the user has TOTP on, and whether a setup is waiting for confirmation. */
export async function totpStatus(db: Db, userId: string): Promise<{ enabled: boolean; pendingSetup: boolean }> {
  const user = await findTotpState(db, userId);
  if (!user) throw notFound('User');
  return { enabled: user.totp_enabled_at !== null, pendingSetup: user.totp_enabled_at === null && user.totp_secret !== null };
}

/** The current code for a secret (tests and the demo use it to act like an authenticator app). */
export function currentTotpCode(secret: string, timestamp = Date.now()): string {
  return totpFor(secret).generate({ timestamp });
}
