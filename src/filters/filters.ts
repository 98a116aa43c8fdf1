import { z } from 'zod';
import { zBool, zId, zList } from '../http/schemas.js';
import type { FilterContext } from './filters.table.js';

/** Input schemas of the filter routes (Mastodon's parameter names). */

export const FILTER_CONTEXTS: readonly FilterContext[] = ['home', 'notifications', 'public', 'thread', 'account'];

const zContext = zList(z.enum(FILTER_CONTEXTS as [FilterContext, ...FilterContext[]], { message: 'must be home, notifications, public, thread or account' })).refine(
  (a) => a.length > 0,
  'must name at least one context',
);

/** Seconds from now, or empty / null for a filter that never expires. At most ten years. */
const zExpiresIn = z.preprocess(
  (v) => (v === '' || v === null ? null : v),
  z.coerce.number({ message: 'must be a number of seconds' }).int('must be a whole number of seconds').min(1, 'must be at least one second').max(10 * 365 * 86_400, 'must be at most ten years').nullable(),
);

export const zKeyword = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');
const zTitle = z.string().trim().min(1, 'must not be empty').max(256, 'must be at most 256 characters');

/** A list given as a JSON array or as Rails' indexed form fields (`x[0][keyword]=…`). */
const zIndexedList = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.values(v) : v), z.array(item).max(100, 'at most 100 items'));

const keywordAttributes = z.object({
  id: zId.optional(),
  keyword: zKeyword.optional(),
  whole_word: zBool.optional(),
  _destroy: zBool.optional(),
});

export const createFilterBody = z.object({
  title: zTitle,
  context: zContext,
  filter_action: z.enum(['warn', 'hide'], { message: 'must be warn or hide' }).default('warn'),
  expires_in: zExpiresIn.optional(),
  keywords_attributes: zIndexedList(keywordAttributes).optional(),
});

export const updateFilterBody = z.object({
  title: zTitle.optional(),
  context: zContext.optional(),
  filter_action: z.enum(['warn', 'hide'], { message: 'must be warn or hide' }).optional(),
  expires_in: zExpiresIn.optional(),
  keywords_attributes: zIndexedList(keywordAttributes).optional(),
});

export const keywordBody = z.object({ keyword: zKeyword, whole_word: zBool.default(true) });
export const keywordUpdateBody = z.object({ keyword: zKeyword.optional(), whole_word: zBool.optional() });
export const filterStatusBody = z.object({ status_id: zId });

/** v1: a phrase with its own context, expiry and action (`irreversible` = hide). */
export const v1FilterBody = z.object({
  phrase: zKeyword,
  context: zContext,
  irreversible: zBool.default(false),
  whole_word: zBool.default(true),
  expires_in: zExpiresIn.optional(),
});
export const v1FilterUpdateBody = v1FilterBody.partial();

export type CreateFilterInput = z.infer<typeof createFilterBody>;
export type UpdateFilterInput = z.infer<typeof updateFilterBody>;
export type KeywordAttributes = z.infer<typeof keywordAttributes>;
