import { z } from 'zod';
import { mediaIdsInput } from '../attachments/attachments.js';
import { keyed } from '../errors.js';
import { specialtyCodes } from '../accounts/specialties.js';
import { zBool, zId, zList } from '../http/schemas.js';

/** A tag: letters, digits and underscores, stored lower case without a leading '#'. */
const tag = z
  .string()
  .trim()
  .transform((v) => v.replace(/^#/, '').toLowerCase())
  .pipe(z.string().regex(/^[\p{L}\p{N}_]{1,40}$/u, keyed('consultas.tags.invalidChars', 'tags may only use letters, digits and underscores (up to 40)')));

/** Tags given as a list (`tags[]`) or as one comma/space separated string (the web form). */
const tagList = z
  .preprocess((v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v), zList(tag).optional())
  .transform((v) => [...new Set(v ?? [])])
  .refine((v) => v.length <= 5, keyed('consultas.tags.tooMany', 'at most 5 tags'));

/** Fields of a question, shared by asking and editing. */
const questionFields = {
  title: z.string().trim().min(5, 'must have at least 5 characters').max(200, 'must have at most 200 characters'),
  body: z.string().trim().min(10, 'must have at least 10 characters').max(10_000, 'must have at most 10000 characters'),
  specialty: z.enum(specialtyCodes, { message: keyed('accounts.specialty.unknown', 'is not a known specialty') }),
  tags: tagList,
  /** Name shown to the public instead of the account; moderators still see who asked. */
  pseudonym: z
    .string()
    .trim()
    .max(40, 'must have at most 40 characters')
    .optional()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || v.length >= 2, { message: keyed('errors.validation.tooShort', 'must have at least 2 characters'), params: { min: 2 } }),
  /** The asker saw the identifying data we found and wants to post it anyway. */
  confirm_personal_data: zBool.default(false),
  /** The asker saw the emergency guidance and wants to post anyway. */
  confirm_emergency: zBool.default(false),
};

export const questionInput = z.object(questionFields);
export type QuestionInput = z.infer<typeof questionInput>;

export const answerInput = z.object({
  body: z.string().trim().min(20, 'must have at least 20 characters').max(10_000, 'must have at most 10000 characters'),
  confirm_personal_data: zBool.default(false),
  /** Images or videos you uploaded (`POST /api/v2/media`), at most four; shown under the answer. */
  media_ids: mediaIdsInput,
});
export type AnswerInput = z.infer<typeof answerInput>;

export const commentInput = z.object({
  body: z.string().trim().min(1, 'must not be empty').max(2000, 'must have at most 2000 characters'),
  confirm_personal_data: zBool.default(false),
});
export type CommentInput = z.infer<typeof commentInput>;

export const LIST_SORTS = ['newest', 'unanswered', 'helpful'] as const;
export type ListSort = (typeof LIST_SORTS)[number];

/** Query of the question lists. `cursor` pages the "most helpful" order; ids page the others. */
export const listQuery = z.object({
  sort: z.enum(LIST_SORTS).default('newest'),
  specialty: z.enum(specialtyCodes, { message: 'is not a known specialty' }).optional(),
  tag: tag.optional(),
  max_id: zId.optional(),
  cursor: z.string().regex(/^\d+\.\d+$/, 'must be a cursor from a Link header').optional(),
  limit: z.coerce.number().int().min(1).default(20).transform((n) => Math.min(n, 40)),
});
export type ListQuery = z.infer<typeof listQuery>;

/** Questions per professional per day announced by notification (the rest they find in their list). */
export const DAILY_QUESTION_NOTICES = 5;
