import type { AccountKind } from '../accounts/accounts.table.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, type AppError } from '../errors.js';

/**
 * Who publishes before/after pairs: verified professionals and organisations (aesthetic and
 * dental clinics and their practitioners), while not suspended. Patients do not. The one home of
 * this rule, asked by the service before it publishes and by the pages to offer the form.
 */
export interface GalleryAuthorFacts {
  kind: AccountKind;
  verified_at: Date | null;
  suspended_at: Date | null;
}

export function publishGalleryRefusal(account: GalleryAuthorFacts | undefined): AppError | null {
  if (!account || account.kind === 'patient' || account.suspended_at) return forbidden('Only professionals and organisations publish before/after galleries', 'gallery.error.onlyPractitioners');
  if (!account.verified_at) return forbidden('Before/after galleries are for verified professionals and organisations', 'gallery.error.onlyVerified');
  return null;
}

/** Only the clinic or professional that published a pair manages it (withdraws consent, deletes it). */
export function mayManageEntry(viewer: Viewer | null, entry: { account_id: string }): boolean {
  return viewer !== null && !viewer.suspended && viewer.accountId === entry.account_id;
}

/**
 * The images of a pair are shown while the patient's consent stands; once withdrawn they are
 * gone for everyone, the owner included (the files are deleted).
 */
export function imagesShown(entry: { withdrawn_at: Date | null }): boolean {
  return entry.withdrawn_at === null;
}
