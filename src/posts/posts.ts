import { z } from 'zod';
import { zBool, zId, zList } from '../http/schemas.js';
import { ARTICLE_TITLE_MAX_CHARS } from './limits.js';

/** Form clients send empty fields as ''; treat them as absent. */
const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());

export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export const LANGUAGES = ['es', 'en'] as const;

const editableFields = {
  status: optional(z.string()),
  spoiler_text: optional(z.string().max(500, 'may be at most 500 characters')),
  sensitive: optional(zBool),
  language: optional(z.enum(LANGUAGES, { message: 'must be es or en' })),
  media_ids: z.preprocess(blankToUndefined, zList(zId).optional()),
  /** Medired: an article's title. */
  title: optional(z.string().trim().max(ARTICLE_TITLE_MAX_CHARS, `may be at most ${ARTICLE_TITLE_MAX_CHARS} characters`)),
  /** Medired: an article's cover image (one of the author's uploads). */
  cover_media_id: optional(zId),
  /** Refused when present: the instance advertises no polls (max_options 0). */
  poll: z.preprocess(blankToUndefined, z.unknown().optional()),
};

/** `POST /api/v1/statuses`, with Medired's `kind=article`, `title` and `cover_media_id`. */
export const createStatusInput = z.object({
  ...editableFields,
  in_reply_to_id: optional(zId),
  visibility: optional(z.enum(VISIBILITIES, { message: 'must be public, unlisted, private or direct' })),
  kind: z.preprocess(blankToUndefined, z.enum(['note', 'article'], { message: 'must be note or article' }).default('note')),
  /** Refused when present: scheduled posts are not offered. */
  scheduled_at: z.preprocess(blankToUndefined, z.unknown().optional()),
});
export type CreateStatusInput = z.infer<typeof createStatusInput>;

/** `PUT /api/v1/statuses/:id`: the text, warning, sensitivity, language, media and article fields. */
export const editStatusInput = z.object(editableFields);
export type EditStatusInput = z.infer<typeof editStatusInput>;

/** `POST /api/v1/statuses/:id/reblog`. */
export const reblogInput = z.object({
  visibility: optional(z.enum(['public', 'unlisted', 'private'], { message: 'must be public, unlisted or private' })),
});
