import { z } from 'zod';
import { mediaIdsInput } from '../attachments/attachments.js';
import { zBool, zId } from '../http/schemas.js';
import { keyed } from '../errors.js';

/** Longest texts, shared by the schemas and the web forms' `maxLength`. */
export const GROUP_LIMITS = { name: 80, description: 2000, rules: 4000, tags: 8, tag: 40, post: 5000, pseudonym: 30, reason: 500, resourceTitle: 120, url: 500, note: 500 } as const;

/** Tags as an array, or as one comma-separated string (web forms); lower-cased, without '#', deduplicated. */
const tagList = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',') : v),
  z
    .array(z.string().trim().toLowerCase().transform((s) => s.replace(/^#+/, '')).pipe(z.string().max(GROUP_LIMITS.tag, 'must have at most 40 characters')))
    .transform((tags) => [...new Set(tags.filter((t) => t.length > 0))])
    .refine((tags) => tags.length <= GROUP_LIMITS.tags, keyed('groups.error.tooManyTags', 'may have at most 8 tags')),
);

const name = z.string().trim().min(3, 'must have at least 3 characters').max(GROUP_LIMITS.name, 'must have at most 80 characters');
const description = z.string().trim().max(GROUP_LIMITS.description, 'must have at most 2000 characters');
const rules = z.string().trim().max(GROUP_LIMITS.rules, 'must have at most 4000 characters');
const visibility = z.enum(['public', 'private'], { message: keyed('groups.error.visibility', 'must be public or private') });

/** A new group. `organisation`: run it from the creating organisation's page. */
export const groupInput = z.object({
  name,
  description: description.default(''),
  rules: rules.default(''),
  tags: tagList.default([]),
  visibility,
  organisation: zBool.default(false),
  /** An image you uploaded (`POST /api/v2/media`). */
  cover_media_id: zId.optional(),
});
export type GroupInput = z.infer<typeof groupInput>;

/** The owner's changes to a group (its address, the slug, stays). */
export const groupUpdate = z.object({ name, description: description.default(''), rules: rules.default(''), tags: tagList.default([]), visibility, cover_media_id: zId.optional() });
export type GroupUpdate = z.infer<typeof groupUpdate>;

export const directoryQuery = z.object({
  q: z.string().trim().max(100).optional(),
  tag: z.string().trim().toLowerCase().max(GROUP_LIMITS.tag).optional(),
  max_id: zId.optional(),
  limit: z.coerce.number().int().min(1).default(20).transform((n) => Math.min(n, 40)),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

export const postInput = z.object({
  text: z.string().trim().min(1, 'must not be empty').max(GROUP_LIMITS.post, 'must have at most 5000 characters'),
  /**
   * Post under the member's pseudonym for the group (set it first). Left out: under the pseudonym
   * when the member has one (a pseudonym is chosen to be used), under the account otherwise.
   */
  pseudonymous: zBool.optional(),
  /**
   * Images you uploaded (`POST /api/v2/media`), at most four. They are served only to those who
   * may read the post (`GET /api/v1/medired/group_posts/:id/media/:media_id`); in private groups
   * their descriptions stay sealed like the text.
   */
  media_ids: mediaIdsInput,
});
export type PostInput = z.infer<typeof postInput>;

export const leaveInput = z.object({
  /** `keep` (default): the posts stay, under the same name; `delete`: they go with the member. */
  posts: z.enum(['keep', 'delete'], { message: keyed('groups.error.leavePosts', 'must be keep or delete') }).default('keep'),
});

export const accountInput = z.object({ account_id: zId });
export const roleInput = z.object({ account_id: zId, role: z.enum(['moderator', 'member'], { message: keyed('groups.error.role', 'must be moderator or member') }) });
export const inviteInput = z.object({
  username: z.string().trim().transform((s) => s.replace(/^@/, '')).pipe(z.string().regex(/^[A-Za-z0-9_]{1,30}$/, 'must be a username')),
  expert: zBool.default(false),
});
export const pseudonymInput = z.object({
  /** Empty or null removes it. */
  pseudonym: z
    .string()
    .trim()
    .max(GROUP_LIMITS.pseudonym, 'must have at most 30 characters')
    .refine((s) => s === '' || s.length >= 3, 'must have at least 3 characters')
    .nullable()
    .default(null)
    .transform((s) => (s ? s : null)),
});
export const reasonInput = z.object({ reason: z.string().trim().min(3, 'must have at least 3 characters').max(GROUP_LIMITS.reason, 'must have at most 500 characters') });
export const reportInput = z.object({ comment: z.string().trim().max(1000, 'must have at most 1000 characters').default('') });
export const reportDecisionInput = z.object({
  action: z.enum(['dismiss', 'remove', 'escalate'], { message: keyed('groups.error.reportAction', 'must be dismiss, remove or escalate') }),
  reason: z.string().trim().max(GROUP_LIMITS.reason, 'must have at most 500 characters').default(''),
});
export const resourceInput = z.object({
  title: z.string().trim().min(2, 'must have at least 2 characters').max(GROUP_LIMITS.resourceTitle, 'must have at most 120 characters'),
  url: z
    .string()
    .trim()
    .max(GROUP_LIMITS.url, 'must have at most 500 characters')
    .refine((s) => {
      try {
        return ['http:', 'https:'].includes(new URL(s).protocol);
      } catch {
        return false;
      }
    }, keyed('groups.error.url', 'must be a web address (http or https)')),
  note: z.string().trim().max(GROUP_LIMITS.note, 'must have at most 500 characters').default(''),
  position: z.coerce.number().int().min(0).max(1000).default(0),
});
export type ResourceInput = z.infer<typeof resourceInput>;

/** A slug from a group's name: lower case, accents dropped, words joined by hyphens. */
export function slugOf(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/g, '');
  return base.length >= 3 ? base : `grupo-${base || 'nuevo'}`;
}
