import { accountViewerChanged } from '../auth/viewer-cache.js';
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, forbidden, invalid, notFound } from '../errors.js';
import { enqueue } from '../jobs/jobs.queue.js';
import { renderMarkdown } from '../text/markdown.js';
import { readerOf } from '../auth/reader.js';
import { hasStaffPower } from '../auth/staff-power.js';
import type { Viewer } from '../auth/viewer.js';
import type { RegistrationInput, ProfileUpdateInput } from './accounts.js';
import {
  findAccountById,
  findAccountsByIds,
  hasAnyUser,
  insertAccount,
  insertUser,
  lockRegistrations,
  setUserLocale,
  updateAccount,
  type AccountRow,
} from './accounts.repository.js';
import { assertAcceptablePassword, hashPassword } from './passwords.js';
import { assertSignUpAllowed } from '../admin-blocks/sign-up-blocks.js';

/**
 * Queued when a locked account is unlocked; the relations module handles it by accepting the
 * pending follow requests (as Mastodon does), so accounts does not depend on relations.
 */
export const ACCOUNT_UNLOCKED_QUEUE = 'accounts.unlocked';

export interface RegisteredUser {
  userId: string;
  accountId: string;
  staffRole: 'user' | 'moderator' | 'admin';
}

/**
 * Creates an account and its user. The first user of a fresh instance becomes its admin.
 * Professionals who give a licence number are marked pending verification.
 */
export async function registerAccount(db: Db, input: RegistrationInput, options: { awaitEmailConfirmation?: boolean; ip?: string } = {}): Promise<RegisteredUser> {
  assertAcceptablePassword(input.password, [input.username, input.email.split('@')[0] ?? '']);
  // The administrators' blocks (address ranges, e-mail domains, canonical addresses).
  await assertSignUpAllowed(db, { email: input.email, ip: options.ip });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      // Serialise registrations so that exactly one first user becomes admin.
      await lockRegistrations(trx);
      const anyUser = await hasAnyUser(trx);
      const account = await insertAccount(trx, {
        username: input.username,
        display_name: input.display_name || input.username,
        kind: input.kind,
        profession: input.kind === 'professional' ? (input.profession ?? null) : null,
        specialty: input.specialty ?? null,
        license_number: input.license_number ?? null,
        license_country: input.license_country ?? null,
        verification_status: input.kind !== 'patient' && input.license_number ? 'pending' : 'unverified',
        organization_type: input.kind === 'organization' ? (input.organization_type ?? null) : null,
        city: input.city ?? '',
        country: input.country ?? null,
        fields: '[]',
      });
      const staffRole = anyUser ? 'user' : 'admin';
      const user = await insertUser(trx, {
        account_id: account.id,
        email: input.email,
        password_hash: passwordHash,
        locale: input.locale,
        staff_role: staffRole,
        // Left unconfirmed only when a confirmation mail is sent (SMTP configured); else confirmed now.
        ...(options.awaitEmailConfirmation ? { email_confirmed_at: null } : {}),
      });
      return { userId: user.id, accountId: account.id, staffRole };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'accounts_username_unique')) throw invalid('This username is already taken', 'username', 'accounts.username.taken');
    if (isUniqueViolation(err, 'users_email_unique')) throw invalid('This e-mail address is already registered', 'email', 'accounts.email.taken');
    throw err;
  }
}

/**
 * An account as someone may see it: suspended accounts are gone for everyone but staff (with
 * staff power); a suspended viewer reads as an anonymous visitor, so its own profile is gone too.
 */
export async function getVisibleAccount(db: Db, id: string, viewer: Viewer | null): Promise<AccountRow> {
  const row = await findAccountById(db, id);
  if (!row) throw notFound('Account');
  const reader = readerOf(viewer);
  if (row.suspended_at && !hasStaffPower(reader) && reader?.accountId !== id) {
    throw new AppError('gone', 'This account has been suspended', { key: 'accounts.suspended' });
  }
  return row;
}

/** The accounts among `ids` the viewer may see (suspended ones only to staff and themselves), in the order of `ids`. */
export async function visibleAccounts(db: Db, ids: readonly string[], viewer: Viewer | null): Promise<AccountRow[]> {
  const reader = readerOf(viewer);
  const rows = new Map((await findAccountsByIds(db, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = rows.get(id);
    if (!row || (row.suspended_at && !hasStaffPower(reader) && reader?.accountId !== id)) return [];
    return [row];
  });
}

/** Applies a profile edit by its owner. Media ids for avatar/header are set by the media module. */
export async function updateProfile(
  app: AppContext,
  accountId: string,
  input: ProfileUpdateInput & { avatar_media_id?: string; header_media_id?: string },
): Promise<AccountRow> {
  const db = app.db;
  const current = await findAccountById(db, accountId);
  if (!current) throw notFound('Account');
  if (current.kind !== 'professional' && (input.profession || input.license_number)) {
    throw forbidden('Only professional accounts have a profession or licence', 'accounts.profession.onlyProfessionals');
  }
  if (current.kind !== 'organization' && input.organization_type) throw forbidden('Only organisations have an organisation type', 'accounts.organizationType.onlyOrganizations');
  const licenceChanged =
    (input.license_number !== undefined && input.license_number !== current.license_number) ||
    (input.license_country !== undefined && input.license_country !== current.license_country);
  await updateAccount(db, accountId, {
    ...(input.display_name !== undefined ? { display_name: input.display_name } : {}),
    ...(input.note !== undefined ? { note_source: input.note, note_html: renderMarkdown(input.note) } : {}),
    ...(input.locked !== undefined ? { locked: input.locked } : {}),
    ...(input.bot !== undefined ? { bot: input.bot } : {}),
    ...(input.discoverable !== undefined ? { discoverable: input.discoverable } : {}),
    ...(input.website !== undefined ? { website: input.website } : {}),
    ...(input.fields_attributes !== undefined ? { fields: JSON.stringify(input.fields_attributes) } : {}),
    ...(input.profession !== undefined ? { profession: input.profession } : {}),
    ...(input.specialty !== undefined ? { specialty: input.specialty } : {}),
    ...(input.license_number !== undefined ? { license_number: input.license_number } : {}),
    ...(input.license_country !== undefined ? { license_country: input.license_country } : {}),
    ...(input.organization_type !== undefined ? { organization_type: input.organization_type } : {}),
    ...(input.city !== undefined ? { city: input.city } : {}),
    ...(input.country !== undefined ? { country: input.country } : {}),
    ...(input.place_public !== undefined ? { place_public: input.place_public } : {}),
    ...(input.avatar_media_id !== undefined ? { avatar_media_id: input.avatar_media_id } : {}),
    ...(input.header_media_id !== undefined ? { header_media_id: input.header_media_id } : {}),
    // A new licence must be checked again.
    ...(licenceChanged ? { verification_status: 'pending' as const, verified_at: null } : {}),
    updated_at: new Date(),
  });
  if (current.locked && input.locked === false) await enqueue(db, ACCOUNT_UNLOCKED_QUEUE, { account_id: accountId });
  if (input.source?.language) {
    await setUserLocale(db, accountId, input.source.language);
    await accountViewerChanged(app, accountId);
  }
  return (await findAccountById(db, accountId))!;
}

/** Takes the avatar or the header off the owner's profile (Mastodon's `DELETE /api/v1/profile/avatar|header`); idempotent. */
export async function removeProfileImage(app: AppContext, accountId: string, image: 'avatar' | 'header'): Promise<AccountRow> {
  await updateAccount(app.db, accountId, { ...(image === 'avatar' ? { avatar_media_id: null } : { header_media_id: null }), updated_at: new Date() });
  const row = await findAccountById(app.db, accountId);
  if (!row) throw notFound('Account');
  return row;
}
