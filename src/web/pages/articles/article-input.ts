import type { AppContext } from '../../../app-context.js';
import type { Viewer } from '../../../auth/viewer.js';
import { AppError } from '../../../errors.js';
import { uploadMedia } from '../../../media/media.service.js';
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
    coverUrl: defaults.coverUrl ?? null,
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

/** Stores an uploaded cover image; returns its media id, or a field error. */
export async function uploadCover(app: AppContext, viewer: Viewer, lang: Lang, form: Record<string, unknown>): Promise<{ id?: string; error?: string }> {
  const file = fileField(form, 'cover');
  if (!file) return {};
  if (!file.type.startsWith('image/')) return { error: t(lang, 'error.imageInvalid') };
  try {
    const media = await uploadMedia(app, viewer, file, '');
    return { id: media.id };
  } catch (err) {
    if (err instanceof AppError && ['unsupported_media_type', 'payload_too_large', 'validation_failed'].includes(err.code)) {
      return { error: `${t(lang, 'error.imageInvalid')} ${errorText(lang, err)}` };
    }
    throw err;
  }
}
