import { AppError } from '../../../errors.js';
import { POST_MAX_CHARS } from '../../../posts/limits.js';
import { noteLength } from '../../../posts/content-rules.js';
import type { FieldErrors } from '../../components/form-fields.js';
import { fieldErrorsInLang } from '../../errors/error-text.js';
import { t, type Lang } from '../../i18n/i18n.js';

/** Checks a short post in the reader's language before it reaches the service. */
export function checkNoteForm(lang: Lang, text: string, spoiler: string, hasMedia = false): FieldErrors {
  if (!text.trim() && !hasMedia) return { status: t(lang, 'error.postBlank') };
  const count = noteLength(text, spoiler);
  if (count > POST_MAX_CHARS) return { status: t(lang, 'error.postTooLong', { max: POST_MAX_CHARS, count }) };
  return {};
}

/** Field errors (in `lang`) from a service's validation error (other errors are rethrown). */
export function fieldErrorsOf(lang: Lang, err: unknown): FieldErrors {
  if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
  return fieldErrorsInLang(lang, err);
}
