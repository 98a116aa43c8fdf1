import { sql } from 'kysely';
import { z } from 'zod';
import { invalid, notFound } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zBool } from '../http/schemas.js';
import { listActionsAbout, takeModerationAction } from './actions.service.js';
import { mastodonActionInput, moderationActionInput, WARNING_PRESETS, type ModerationActionInput } from './moderation.js';
import { actionEntities, toAdminAccounts } from './moderation-entities.js';

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
    let q = app.db.selectFrom('accounts').innerJoin('users', 'users.account_id', 'accounts.id').select('accounts.id');
    if (query.silenced !== undefined) q = q.where('accounts.silenced_at', query.silenced ? 'is not' : 'is', null);
    if (query.suspended !== undefined) q = q.where('accounts.suspended_at', query.suspended ? 'is not' : 'is', null);
    if (query.staff !== undefined) q = q.where('users.staff_role', query.staff ? '!=' : '=', 'user');
    if (query.username) q = q.where(sql`lower(accounts.username)`, 'like', `%${query.username.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
    if (query.display_name) q = q.where(sql`lower(accounts.display_name)`, 'like', `%${query.display_name.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
    if (query.email) q = q.where(sql`lower(users.email)`, 'like', `%${query.email.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`);
    if (query.verification_status) q = q.where('accounts.verification_status', '=', query.verification_status);
    if (query.max_id) q = q.where('accounts.id', '<', query.max_id);
    const minId = query.min_id ?? query.since_id;
    const ids = minId
      ? (await q.where('accounts.id', '>', minId).orderBy('accounts.id', 'asc').limit(query.limit).execute()).reverse()
      : await q.orderBy('accounts.id', 'desc').limit(query.limit).execute();
    const entities = await toAdminAccounts(app, ids.map((r) => r.id));
    const link = linkHeader(c.req.url, ids.map((r) => r.id));
    if (link) c.header('Link', link);
    return ids.flatMap((r) => (entities.has(r.id) ? [entities.get(r.id)!] : []));
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
    await takeModerationAction(app.db, viewer!, { action, reason: reason || 'No action needed', report_id: body.report_id, account_id: params.id });
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
      await takeModerationAction(app.db, viewer!, {
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
    const row = await takeModerationAction(app.db, viewer!, body);
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
