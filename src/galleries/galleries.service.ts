import type { AppContext } from '../app-context.js';
import { findAccountById } from '../accounts/accounts.repository.js';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import type { AccountRow } from '../accounts/accounts.repository.js';
import { lockClaimableUploads } from '../attachments/attachments.repository.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError, forbidden, invalid, notFound } from '../errors.js';
import { deleteMediaFiles } from '../media/media-files.js';
import { setMediaDescription } from '../media/media.repository.js';
import { mediaPlace } from '../messages/sealed-text.js';
import { galleryConsentPlace } from './gallery-consent-place.js';
import type { GalleryEntryInput, GallerySide } from './galleries.js';
import { imagesShown, mayManageEntry, publishGalleryRefusal } from './galleries.policy.js';
import {
  deleteGalleryEntry,
  deleteMediaRows,
  findEntriesOfAccount,
  findEntryByCodeHash,
  findEntryMedia,
  findGalleryEntry,
  hasGalleryEntries,
  insertGalleryEntry,
  lockGalleryEntry,
  markConsentWithdrawn,
  setConsentSubjectSealed,
  type GalleryEntryRow,
} from './galleries.repository.js';
import type { WithdrawnBy } from './galleries.table.js';
import { newWithdrawalCode, withdrawalCodeHash } from './withdrawal-code.js';

export type { GalleryEntryRow } from './galleries.repository.js';

/**
 * A verified professional or organisation publishes a before/after pair of its own uploaded images
 * (each with a description, each unused elsewhere) under the recorded consent of the patient
 * shown. Returns the entry and the withdrawal code to hand to the patient: it is shown this once
 * (only its hash is kept), and lets the patient withdraw without an account.
 */
export async function publishGalleryEntry(app: AppContext, viewer: Viewer, input: GalleryEntryInput): Promise<{ entry: GalleryEntryRow; withdrawalCode: string }> {
  const refusal = publishGalleryRefusal(await findAccountById(app.db, viewer.accountId));
  if (refusal) throw refusal;
  if (input.before_media_id === input.after_media_id) throw invalid('The before and after images must be two different uploads', 'after_media_id', 'gallery.error.sameImage');
  const code = newWithdrawalCode();
  const id = await app.db.transaction().execute(async (trx) => {
    const uploads = await lockClaimableUploads(trx, viewer.accountId, [input.before_media_id, input.after_media_id]);
    for (const field of ['before_media_id', 'after_media_id'] as const) {
      const upload = uploads.find((u) => u.id === input[field]);
      if (!upload || upload.kind !== 'image' || upload.in_use) throw invalid('Each image must be an image you uploaded and have not used elsewhere', field, 'gallery.error.image');
    }
    // Descriptions stay sealed until an upload is published; these are public now.
    const rows = await trx.selectFrom('media_attachments').select(['id', 'description', 'sealed_description']).where('id', 'in', [input.before_media_id, input.after_media_id]).execute();
    for (const row of rows) {
      const description = row.sealed_description ? app.sealer.open(row.sealed_description, mediaPlace(row.id)) : row.description;
      if (!description.trim()) throw invalid('Each image needs a description (alternative text)', row.id === input.before_media_id ? 'before_media_id' : 'after_media_id', 'gallery.error.altRequired');
      if (row.sealed_description) await setMediaDescription(trx, row.id, description);
    }
    const entryId = await insertGalleryEntry(trx, {
      account_id: viewer.accountId,
      treatment: input.treatment,
      description: input.description,
      before_media_id: input.before_media_id,
      after_media_id: input.after_media_id,
      consent_date: input.consent.date,
      consent_statement: input.consent.statement,
      consent_scope: input.consent.scope,
      withdrawal_code_hash: withdrawalCodeHash(code),
    });
    await setConsentSubjectSealed(trx, entryId, app.sealer.seal(input.consent.subject, galleryConsentPlace(entryId)));
    // The patient's name or reference never enters the audit log.
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'gallery.publish', targetType: 'gallery_entry', targetId: entryId, targetAccountId: viewer.accountId, data: { consent_date: input.consent.date, consent_scope: input.consent.scope } });
    return entryId;
  });
  return { entry: (await findGalleryEntry(app.db, id))!, withdrawalCode: code };
}

/** An entry whose owner the viewer may see (404 unknown; 410 when the owner is suspended). */
export async function getGalleryEntry(app: AppContext, viewer: Viewer | null, id: string): Promise<GalleryEntryRow> {
  const entry = await findGalleryEntry(app.db, id);
  if (!entry) throw notFound('Gallery entry', 'gallery.error.notFound');
  await getVisibleAccount(app.db, entry.account_id, viewer);
  return entry;
}

/** A page of an account's gallery, newest first (withdrawn entries included, marked as such). */
export async function listAccountGallery(app: AppContext, viewer: Viewer | null, accountId: string, page: { maxId?: string | undefined; minId?: string | undefined; limit: number }): Promise<{ account: AccountRow; entries: GalleryEntryRow[] }> {
  const account = await getVisibleAccount(app.db, accountId, viewer);
  return { account, entries: await findEntriesOfAccount(app.db, account.id, page) };
}

/**
 * Withdraws the patient's consent: at once the entry says so, and the images' rows and files are
 * deleted, so no page, API answer or media URL shows them any more. Idempotent.
 */
async function withdraw(app: AppContext, entryId: string, by: WithdrawnBy, actorAccountId: string | null): Promise<GalleryEntryRow> {
  const files = await app.db.transaction().execute(async (trx) => {
    const entry = await lockGalleryEntry(trx, entryId);
    if (!entry) throw notFound('Gallery entry', 'gallery.error.notFound');
    if (entry.withdrawn_at) return [];
    await markConsentWithdrawn(trx, entry.id, by);
    const removed = await deleteMediaRows(trx, [entry.before_media_id, entry.after_media_id].filter((x): x is string => x !== null));
    await recordAudit(trx, { actorAccountId, action: 'gallery.withdraw_consent', targetType: 'gallery_entry', targetId: entry.id, targetAccountId: entry.account_id, data: { withdrawn_by: by } });
    return removed;
  });
  await deleteMediaFiles(app, files);
  return (await findGalleryEntry(app.db, entryId))!;
}

/** The clinic withdraws consent on the patient's request (only the entry's owner). */
export async function withdrawConsentByClinic(app: AppContext, viewer: Viewer, entryId: string): Promise<GalleryEntryRow> {
  const entry = await getGalleryEntry(app, viewer, entryId);
  if (!mayManageEntry(viewer, entry)) throw forbidden('Only the clinic that published this pair manages it', 'gallery.error.notOwner');
  return withdraw(app, entry.id, 'clinic', viewer.accountId);
}

/** The entry a withdrawal code belongs to, or a 404 that says nothing about other codes. */
export async function entryOfWithdrawalCode(app: AppContext, code: string): Promise<GalleryEntryRow> {
  const entry = await findEntryByCodeHash(app.db, withdrawalCodeHash(code));
  if (!entry) throw new AppError('not_found', 'No before/after pair has this withdrawal code', { key: 'gallery.error.codeUnknown' });
  return entry;
}

/** The patient withdraws consent with the code handed over at consent time; no account needed. */
export async function withdrawConsentByCode(app: AppContext, code: string): Promise<GalleryEntryRow> {
  const entry = await entryOfWithdrawalCode(app, code);
  return withdraw(app, entry.id, 'patient', null);
}

/** The owner deletes an entry altogether (with its images, if consent still stands). */
export async function deleteGalleryEntryByOwner(app: AppContext, viewer: Viewer, entryId: string): Promise<void> {
  const entry = await getGalleryEntry(app, viewer, entryId);
  if (!mayManageEntry(viewer, entry)) throw forbidden('Only the clinic that published this pair manages it', 'gallery.error.notOwner');
  const files = await app.db.transaction().execute(async (trx) => {
    const locked = await lockGalleryEntry(trx, entry.id);
    if (!locked) return [];
    await deleteGalleryEntry(trx, locked.id);
    const removed = await deleteMediaRows(trx, [locked.before_media_id, locked.after_media_id].filter((x): x is string => x !== null));
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'gallery.delete', targetType: 'gallery_entry', targetId: locked.id, targetAccountId: locked.account_id, data: { withdrawn: locked.withdrawn_at !== null } });
    return removed;
  });
  await deleteMediaFiles(app, files);
}

/**
 * The stored file of one image of a pair while consent stands: 410 once withdrawn (the pair
 * exists, its images are gone for good), 404 for an unknown pair.
 */
export async function galleryImageFile(app: AppContext, viewer: Viewer | null, entryId: string, side: GallerySide, size: 'original' | 'small'): Promise<string> {
  const entry = await getGalleryEntry(app, viewer, entryId);
  const mediaId = side === 'before' ? entry.before_media_id : entry.after_media_id;
  if (!imagesShown(entry) || !mediaId) throw new AppError('gone', 'The patient withdrew consent: these images are no longer shown', { key: 'gallery.error.withdrawn' });
  const media = (await findEntryMedia(app.db, [mediaId])).get(mediaId);
  if (!media) throw new AppError('gone', 'The patient withdrew consent: these images are no longer shown', { key: 'gallery.error.withdrawn' });
  return size === 'small' && media.preview_path ? media.preview_path : media.file_path;
}

/**
 * Whether a profile offers the before/after tab: an account that published pairs, or one that
 * may publish them looking at its own profile (where the tab leads to the form).
 */
export async function showsGallery(app: AppContext, account: AccountRow, viewer: Viewer | null): Promise<boolean> {
  if (account.kind === 'patient') return false;
  if (viewer?.accountId === account.id && publishGalleryRefusal(account) === null) return true;
  return hasGalleryEntries(app.db, account.id);
}

/** Who consented, for the entry's owner only (opened from its seal). */
export function consentSubjectOf(app: AppContext, entry: GalleryEntryRow): string {
  return app.sealer.open(entry.consent_subject_sealed, galleryConsentPlace(entry.id));
}
