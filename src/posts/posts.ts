import { z } from 'zod';
import { zBool, zId, zList } from '../http/schemas.js';
import { pollInput } from '../polls/polls.js';
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
  /** Mastodon's `poll[options][]`, `poll[expires_in]`, `poll[multiple]`, `poll[hide_totals]` (`polls/polls.ts`). */
  poll: z.preprocess(blankToUndefined, pollInput.optional()),
};

/** `POST /api/v1/statuses`, with Medired's `kind=article`, `title` and `cover_media_id`. */
export const createStatusInput = z.object({
  ...editableFields,
  in_reply_to_id: optional(zId),
  visibility: optional(z.enum(VISIBILITIES, { message: 'must be public, unlisted, private or direct' })),
  kind: z.preprocess(blankToUndefined, z.enum(['note', 'article'], { message: 'must be note or article' }).default('note')),
  /** Mastodon's scheduled posts: an ISO 8601 date and time at least 5 minutes ahead (`scheduled-statuses/`). */
  scheduled_at: z.preprocess(
    (v) => {
      const value = blankToUndefined(v);
      if (typeof value !== 'string') return value;
      const date = new Date(value);
      return /^\d{4}-\d{2}-\d{2}/.test(value) && !Number.isNaN(date.getTime()) ? date : value;
    },
    z.date({ message: 'must be a date and time (ISO 8601)' }).optional(),
  ),
});
export type CreateStatusInput = z.infer<typeof createStatusInput>;

/** `PUT /api/v1/statuses/:id`: the text, warning, sensitivity, language, media and article fields. */
export const editStatusInput = z.object(editableFields);
export type EditStatusInput = z.infer<typeof editStatusInput>;

/** `POST /api/v1/statuses/:id/reblog`. */
export const reblogInput = z.object({
  visibility: optional(z.enum(['public', 'unlisted', 'private'], { message: 'must be public, unlisted or private' })),
});
