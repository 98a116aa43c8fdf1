import type { AppContext } from '../../../app-context.js';
import type { Viewer } from '../../../auth/viewer.js';
import { AppError } from '../../../errors.js';
import { ownMedia, updateMediaDescription, uploadMedia } from '../../../media/media.service.js';
import { toMediaAttachment, type MediaRow } from '../../../media/media-entity.js';
import { CONFIRM_MISSING_ALT, type ComposerUpload } from '../../media/composer-media.js';
import { ARTICLE_MAX_CHARS, ARTICLE_TITLE_MAX_CHARS } from '../../../posts/limits.js';
import type { FieldErrors } from '../../components/form-fields.js';
import { field, fileField } from '../../forms.js';
import { t, type Lang } from '../../i18n/i18n.js';
import type { ArticleValues } from './article-form.js';
import { errorText } from '../../errors/error-text.js';

/** The editor's fields from a posted form. */
export function articleValues(form: Record<string, unknown>, defaults: Partial<ArticleValues> = {}): ArticleValues {
  const language = field(form, 'language');
  const visibility = field(form, 'visibility');
  return {
    title: field(form, 'title').trim(),
    body: field(form, 'status'),
    language: language === 'en' || language === 'es' ? language : (defaults.language ?? 'es'),
    visibility: ['public', 'unlisted', 'private'].includes(visibility) ? visibility : (defaults.visibility ?? 'public'),
    cover: defaults.cover ?? null,
    altConfirmed: field(form, CONFIRM_MISSING_ALT) === 'true',
  };
}

/** Checks the editor's fields in the reader's language. */
export function checkArticle(lang: Lang, v: ArticleValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!v.title) errors.title = t(lang, 'error.titleRequired');
  else if ([...v.title].length > ARTICLE_TITLE_MAX_CHARS) errors.title = t(lang, 'error.tooLong', { max: ARTICLE_TITLE_MAX_CHARS });
  if (!v.body.trim()) errors.status = t(lang, 'error.bodyRequired');
  else if ([...v.body].length > ARTICLE_MAX_CHARS) errors.status = t(lang, 'error.tooLong', { max: ARTICLE_MAX_CHARS });
  return errors;
}

/**
 * The article's cover as the form holds it: a new file (`cover`, uploaded at once so that the
 * preview and any form shown again keep it), else the upload of an earlier submission
 * (`cover_media_id`, unless `cover_remove`), else the published cover when editing (`current`).
 * Its description is `cover_description`; a changed one is saved. An upload that is not an image
 * is a field error.
 */
export async function articleCover(app: AppContext, viewer: Viewer, lang: Lang, form: Record<string, unknown>, current?: ComposerUpload | null): Promise<{ cover: ComposerUpload | null; error?: string }> {
  const description = field(form, 'cover_description').trim().slice(0, 1500);
  const file = fileField(form, 'cover');
  if (file) {
    try {
      const media = await uploadMedia(app, viewer, file, description);
      if (media.kind !== 'image') return { cover: current ?? null, error: t(lang, 'error.imageInvalid') };
      return { cover: coverUpload(app, media) };
    } catch (err) {
      if (err instanceof AppError && ['unsupported_media_type', 'payload_too_large', 'validation_failed'].includes(err.code)) {
        return { cover: current ?? null, error: `${t(lang, 'error.imageInvalid')} ${errorText(lang, err)}` };
      }
      throw err;
    }
  }
  const keptId = field(form, 'cover_media_id');
  if (/^\d{1,19}$/.test(keptId) && field(form, 'cover_remove') !== '1') {
    let row: MediaRow;
    try {
      row = await ownMedia(app, viewer, keptId);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return { cover: current ?? null, error: t(lang, 'media.error.notAttachable') };
      throw err;
    }
    if (row.kind !== 'image' || (row.status_id !== null && row.id !== current?.id)) return { cover: current ?? null, error: t(lang, 'media.error.notAttachable') };
    if ('cover_description' in form && description !== row.description) row = await updateMediaDescription(app, viewer, row.id, description);
    return { cover: coverUpload(app, row) };
  }
  return { cover: field(form, 'cover_remove') === '1' ? null : (current ?? null) };
}

function coverUpload(app: AppContext, row: MediaRow): ComposerUpload {
  const entity = toMediaAttachment(row, app.config);
  return { id: row.id, kind: row.kind, previewUrl: entity.preview_url ?? entity.url, description: row.description };
}

/** The published cover of an article, as the editor holds it. */
export function currentCover(cover: { id: string; url: string | null; preview_url: string | null; description: string | null } | null | undefined): ComposerUpload | null {
  return cover ? { id: cover.id, kind: 'image', previewUrl: cover.preview_url ?? cover.url, description: cover.description ?? '' } : null;
}

/** Stores an uploaded cover image (a group's cover); returns its media id, or a field error. */
export async function uploadCover(app: AppContext, viewer: Viewer, lang: Lang, form: Record<string, unknown>): Promise<{ id?: string; error?: string }> {
  if (!fileField(form, 'cover')) return {};
  const { cover, error } = await articleCover(app, viewer, lang, form);
  return error ? { error } : cover ? { id: cover.id } : {};
}
