import type { AppContext } from '../../app-context.js';
import type { Viewer } from '../../auth/viewer.js';
import { MAX_ATTACHMENTS } from '../../attachments/attachments.js';
import { AppError } from '../../errors.js';
import { toMediaAttachment, type MediaRow } from '../../media/media-entity.js';
import { ownMedia, updateMediaDescription, uploadMedia } from '../../media/media.service.js';
import type { FieldErrors } from '../components/form-fields.js';
import { errorText } from '../errors/error-text.js';
import { t, type Lang } from '../i18n/i18n.js';

/** The form field that says "publish without a description". */
export const CONFIRM_MISSING_ALT = 'confirm_missing_alt';

/** An upload a composer already holds: kept across submissions so nothing is chosen twice. */
export interface ComposerUpload {
  id: string;
  kind: MediaRow['kind'];
  previewUrl: string | null;
  description: string;
}

/** What a composer's images came to: the uploads to attach, and the problems to show next to them. */
export interface ComposerMedia {
  uploads: ComposerUpload[];
  errors: FieldErrors;
}

const ID = /^\d{1,19}$/;
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const text = (v: unknown): string => (typeof v === 'string' ? v.trim().slice(0, 1500) : '');

function toUpload(app: AppContext, row: MediaRow): ComposerUpload {
  const entity = toMediaAttachment(row, app.config);
  return { id: row.id, kind: row.kind, previewUrl: row.kind === 'image' ? entity.preview_url : null, description: row.description };
}

/**
 * The images of a web composer. The form carries the uploads of earlier submissions
 * (`media_ids[]`, each with its description `media_alt[<id>]`, or `media_remove[]` to drop it) and
 * new files (`media[]`, or `media`), whose descriptions are `media_descriptions[]` (one per file,
 * written by the page's script) or `media_description` (the first file, without the script).
 * New files are uploaded at once (`uploadMedia`: type checked by content, metadata stripped), so a
 * form shown again (a warning, an error) keeps them; changed descriptions are saved. At most
 * `max` in all; documents (PDF) only where `documents` allows them, no videos with `imagesOnly`.
 */
export async function composerMedia(app: AppContext, viewer: Viewer, lang: Lang, form: Record<string, unknown>, options: { max?: number; documents?: boolean; imagesOnly?: boolean; /** Messages: uploads go straight to the private storage area. */ private?: boolean } = {}): Promise<ComposerMedia> {
  const max = options.max ?? MAX_ATTACHMENTS;
  const errors: FieldErrors = {};
  const uploads: ComposerUpload[] = [];
  const removed = new Set(list(form.media_remove).filter((v): v is string => typeof v === 'string'));
  const alts = form.media_alt && typeof form.media_alt === 'object' && !Array.isArray(form.media_alt) ? (form.media_alt as Record<string, unknown>) : {};
  const keptIds = [...new Set(list(form.media_ids).filter((v): v is string => typeof v === 'string' && ID.test(v)))].filter((id) => !removed.has(id));
  for (const id of keptIds.slice(0, max)) {
    let row: MediaRow;
    try {
      row = await ownMedia(app, viewer, id);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') {
        errors.media = t(lang, 'media.error.notAttachable');
        continue;
      }
      throw err;
    }
    if (row.status_id !== null) {
      errors.media = t(lang, 'media.error.notAttachable');
      continue;
    }
    const description = text(alts[id]);
    if (description !== row.description) row = await updateMediaDescription(app, viewer, id, description);
    uploads.push(toUpload(app, row));
  }
  const files = list(form.media).filter((f): f is File => f instanceof File && f.size > 0);
  const descriptions = list(form.media_descriptions).map(text);
  if (uploads.length + files.length > max) errors.media = t(lang, 'media.error.tooMany', { max });
  for (const [i, file] of files.slice(0, Math.max(0, max - uploads.length)).entries()) {
    const description = descriptions[i] ?? (i === 0 ? text(form.media_description) : '');
    try {
      const row = await uploadMedia(app, viewer, file, description, options.private ? { private: true } : undefined);
      if (row.kind === 'document' && !options.documents) {
        errors.media = t(lang, 'media.error.noDocuments');
        continue;
      }
      if (row.kind === 'video' && options.imagesOnly) {
        errors.media = t(lang, 'media.error.imagesOnly');
        continue;
      }
      uploads.push(toUpload(app, row));
    } catch (err) {
      if (!(err instanceof AppError) || !['unsupported_media_type', 'payload_too_large', 'validation_failed'].includes(err.code)) throw err;
      errors.media = `${t(lang, 'error.imageInvalid')} ${errorText(lang, err)}`;
    }
  }
  return { uploads, errors };
}

/** The images still without a description, unless the person chose to publish without them. */
export function imagesMissingAlt(uploads: readonly ComposerUpload[], form: Record<string, unknown>): ComposerUpload[] {
  if (form[CONFIRM_MISSING_ALT] === 'true') return [];
  return uploads.filter((u) => u.kind === 'image' && !u.description.trim());
}
