import { z } from 'zod';
import { invalid, notFound } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zBool } from '../http/schemas.js';
import { listActionsAbout, takeModerationAction } from './actions.service.js';
import { mastodonActionInput, moderationActionInput, WARNING_PRESETS, type ModerationActionInput } from './moderation.js';
import { actionEntities, toAdminAccounts } from './moderation-entities.js';
import { searchAdminAccountIds } from './moderation.repository.js';

const tags = ['admin'];

const listAccounts = defineRoute({
  method: 'get',
  path: '/api/v1/admin/accounts',
  summary: 'Accounts, for moderators: filter by state, role, handle, name, e-mail or verification',
  tags,
  auth: 'moderator',
  scope: 'admin:read:accounts',
  query: pageQuery(40, 200).extend({
    silenced: zBool.optional(),
    suspended: zBool.optional(),
    staff: zBool.optional(),
    username: z.string().trim().max(60).optional(),
    display_name: z.string().trim().max(60).optional(),
    email: z.string().trim().max(200).optional(),
    verification_status: z.enum(['unverified', 'pending', 'verified', 'rejected', 'revoked']).optional(),
  }),
  handler: async ({ app, query, c }) => {
    const ids = await searchAdminAccountIds(app.db, { ...query, min_id: query.min_id ?? query.since_id });
    const entities = await toAdminAccounts(app, ids);
    const link = linkHeader(c.req.url, ids);
    if (link) c.header('Link', link);
    return ids.flatMap((id) => (entities.has(id) ? [entities.get(id)!] : []));
  },
});

const getAccount = defineRoute({
  method: 'get',
  path: '/api/v1/admin/accounts/:id{[0-9]+}',
  summary: 'One account, for moderators (with its moderation history in medired.actions)',
  tags,
  auth: 'moderator',
  scope: 'admin:read:accounts',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, params }) => {
    const entity = (await toAdminAccounts(app, [params.id])).get(params.id);
    if (!entity) throw notFound('Account');
    return { ...entity, medired: { actions: await actionEntities(app.db, await listActionsAbout(app.db, params.id), true) } };
  },
});

/** Mastodon's action types in Medired's terms. `disable` (no sign-in) is a suspension here. */
function fromMastodon(type: 'none' | 'sensitive' | 'disable' | 'silence' | 'suspend', hasText: boolean, hasReport: boolean): ModerationActionInput['action'] {
  switch (type) {
    case 'none':
      return hasText || !hasReport ? 'warn' : 'dismiss';
    case 'sensitive':
      return 'sensitive';
    case 'silence':
      return 'limit';
    case 'disable':
    case 'suspend':
      return 'suspend';
  }
}

const mastodonAction = defineRoute({
  method: 'post',
  path: '/api/v1/admin/accounts/:id{[0-9]+}/action',
  summary: 'Act on an account (Mastodon): none (a warning when text is given), sensitive, disable, silence (limit) or suspend',
  description: 'Medired needs a reason: give `text` or a `warning_preset_id` (1 misinformation, 2 spam, 3 harassment, 4 personal data). `disable` suspends.',
  tags,
  auth: 'moderator',
  scope: 'admin:write:accounts',
  params: idParams,
  body: mastodonActionInput,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params, body }) => {
    const preset = body.warning_preset_id ? WARNING_PRESETS[body.warning_preset_id] : undefined;
    if (body.warning_preset_id && !preset) throw invalid('Unknown warning preset', 'warning_preset_id');
    const reason = body.text || (preset ? (viewer!.locale === 'en' ? preset.en : preset.es) : '');
    const action = fromMastodon(body.type, reason !== '', body.report_id !== undefined);
    if (!reason && action !== 'dismiss') throw invalid('Say why: give text or a warning_preset_id', 'text');
    await takeModerationAction(app, viewer!, { action, reason: reason || 'No action needed', report_id: body.report_id, account_id: params.id });
    return {};
  },
});

function mastodonUndo(path: 'unsilence' | 'unsuspend') {
  return defineRoute({
    method: 'post',
    path: `/api/v1/admin/accounts/:id{[0-9]+}/${path}`,
    summary: path === 'unsilence' ? 'Lift the limit on an account (Mastodon)' : 'Lift the suspension of an account (Mastodon)',
    tags,
    auth: 'moderator',
    scope: 'admin:write:accounts',
    params: idParams,
    body: z.object({ text: z.string().trim().max(2000).default('') }),
    errors: ['not_found', 'conflict'],
    handler: async ({ app, viewer, params, body }) => {
      await takeModerationAction(app, viewer!, {
        action: path === 'unsilence' ? 'unlimit' : 'unsuspend',
        reason: body.text || (viewer!.locale === 'en' ? 'Lifted by a moderator' : 'Levantado por el equipo de moderación'),
        account_id: params.id,
      });
      const entity = (await toAdminAccounts(app, [params.id])).get(params.id);
      if (!entity) throw notFound('Account');
      return entity;
    },
  });
}

const mediredAction = defineRoute({
  method: 'post',
  path: '/api/v1/medired/admin/moderation_actions',
  summary: 'Take a moderation action with a reason: dismiss, hide, label, remove, sensitive, warn, limit, suspend, unlimit, unsuspend',
  description: 'Content actions (hide, label, remove) take status_id or target_type + target_id, or use the report\'s content. The author is notified and may appeal once.',
  tags,
  auth: 'moderator',
  scope: 'admin:write:reports',
  body: moderationActionInput,
  errors: ['not_found', 'conflict', 'forbidden'],
  handler: async ({ app, viewer, body }) => {
    const row = await takeModerationAction(app, viewer!, body);
    return (await actionEntities(app.db, [row], true))[0];
  },
});

const ownActions = defineRoute({
  method: 'get',
  path: '/api/v1/medired/moderation_actions',
  summary: 'Moderation decisions about your account or content, with whether you can still appeal',
  tags: ['appeals'],
  auth: 'user-even-suspended',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => actionEntities(app.db, await listActionsAbout(app.db, viewer!.accountId)),
});

export const adminAccountRoutes: AnyRoute[] = [listAccounts, getAccount, mastodonAction, mastodonUndo('unsilence'), mastodonUndo('unsuspend'), mediredAction, ownActions];
