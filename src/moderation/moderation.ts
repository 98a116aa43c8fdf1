import { z } from 'zod';
import { keyed } from '../errors.js';
import { zBool, zId, zList } from '../http/schemas.js';
import type { ModerationActionType, ReportCategory } from './moderation.table.js';

export const REPORT_CATEGORIES: readonly ReportCategory[] = ['health_misinformation', 'spam', 'harassment', 'privacy', 'impersonation', 'other'];

/** Mastodon's report categories mapped to Medired's: `legal` and `violation` have no closer match than `other`. */
const MASTODON_CATEGORY: Record<string, ReportCategory> = { spam: 'spam', legal: 'other', violation: 'other', other: 'other' };

/** Medired's category back to the closest Mastodon one, for Mastodon clients. */
export function mastodonCategory(category: ReportCategory): 'spam' | 'violation' | 'other' {
  if (category === 'spam') return 'spam';
  if (category === 'other') return 'other';
  return 'violation';
}

const reason = z.string().trim().min(3, keyed('moderation.reasonRequired', 'must say why (at least 3 characters)')).max(2000, 'is too long (at most 2000 characters)');

/** A report category: Medired's own, or Mastodon's (`legal` and `violation` read as `other`). */
export const zReportCategory = z.string().transform((v, ctx) => {
  const ours = (REPORT_CATEGORIES as readonly string[]).includes(v) ? (v as ReportCategory) : MASTODON_CATEGORY[v];
  if (!ours) {
    ctx.addIssue({ code: 'custom', message: keyed('moderation.report.categoryInvalid', `must be one of ${[...REPORT_CATEGORIES, 'legal', 'violation'].join(', ')}`) });
    return z.NEVER;
  }
  return ours;
});

/** POST /api/v1/reports: Mastodon's fields plus Medired's `target_type`/`target_id`. */
export const reportInput = z
  .object({
    account_id: zId.optional(),
    status_ids: zList(zId).default([]),
    comment: z.string().trim().max(1000, 'is too long (at most 1000 characters)').default(''),
    category: zReportCategory.default('other'),
    forward: zBool.default(false),
    rule_ids: zList(z.string()).optional(),
    target_type: z.string().regex(/^[a-z_]{1,40}$/, keyed('moderation.report.targetTypeInvalid', 'must be a content type such as consulta_answer')).optional(),
    target_id: zId.optional(),
  })
  .refine((v) => v.account_id || v.target_type || v.status_ids.length > 0, { message: keyed('moderation.report.sayWhat', 'say what you report: account_id, status_ids or target_type and target_id'), path: ['account_id'] })
  .refine((v) => !v.target_type || v.target_type === 'account' || v.target_id, { message: keyed('moderation.report.targetIdRequired', 'is required with target_type'), path: ['target_id'] })
  .refine((v) => v.status_ids.length <= 20, { message: keyed('moderation.report.tooManyStatuses', 'at most 20 statuses per report'), path: ['status_ids'], params: { max: 20 } });
export type ReportInput = z.infer<typeof reportInput>;

export const ACTIONS: readonly ModerationActionType[] = ['dismiss', 'hide', 'label', 'remove', 'sensitive', 'warn', 'limit', 'suspend', 'unlimit', 'unsuspend'];
/** Actions against content (they need to know which content). */
export const CONTENT_ACTIONS: readonly ModerationActionType[] = ['hide', 'label', 'remove'];
/** Actions the author may appeal (once each). */
export const APPEALABLE_ACTIONS: readonly ModerationActionType[] = ['hide', 'label', 'remove', 'sensitive', 'warn', 'limit', 'suspend'];

/** The label used when a moderator labels without giving one. */
export const DEFAULT_LABEL = 'Información sanitaria engañosa';

/** POST /api/v1/medired/admin/moderation_actions. */
export const moderationActionInput = z.object({
  action: z.enum(ACTIONS as [ModerationActionType, ...ModerationActionType[]], { message: keyed('moderation.action.invalid', `must be one of ${ACTIONS.join(', ')}`) }),
  reason,
  report_id: zId.optional(),
  account_id: zId.optional(),
  status_id: zId.optional(),
  target_type: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  target_id: zId.optional(),
  label: z.string().trim().min(2).max(100).optional(),
});
export type ModerationActionInput = z.infer<typeof moderationActionInput>;

/** Mastodon's POST /api/v1/admin/accounts/:id/action. */
export const mastodonActionInput = z.object({
  type: z.enum(['none', 'sensitive', 'disable', 'silence', 'suspend'], { message: 'must be none, sensitive, disable, silence or suspend' }).default('none'),
  report_id: zId.optional(),
  warning_preset_id: z.string().optional(),
  text: z.string().trim().max(2000).default(''),
  send_email_notification: zBool.default(true),
});

/** Built-in warning presets (Mastodon's `warning_preset_id`), bilingual. */
export const WARNING_PRESETS: Record<string, { es: string; en: string }> = {
  '1': { es: 'Has publicado información sanitaria engañosa.', en: 'You published misleading health information.' },
  '2': { es: 'Has publicado spam o publicidad no permitida.', en: 'You published spam or advertising that is not allowed.' },
  '3': { es: 'Has acosado a otras personas.', en: 'You harassed other people.' },
  '4': { es: 'Has publicado datos personales de otras personas.', en: 'You published other people\'s personal data.' },
};

export const appealInput = z.object({
  action_id: zId,
  text: z.string().trim().min(10, 'explain why (at least 10 characters)').max(2000, 'is too long (at most 2000 characters)'),
});

export const appealDecisionInput = z.object({ reason: z.string().trim().max(2000).default('') });
export const reasonInput = z.object({ reason });
