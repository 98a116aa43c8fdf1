import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { forbidden, invalid, notFound } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zBool, zList } from '../http/schemas.js';
import { listActionsAbout, takeModerationAction, unsensitizeAccount } from './actions.service.js';
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

/**
 * Mastodon 3.5's `GET /api/v2/admin/accounts`, on Medired's single server: `origin=remote`,
 * `status=pending` or `disabled`, `invited_by` and a `by_domain` other than this one match
 * nothing (there are no remote accounts, sign-up approvals, disabled logins nor invites).
 */
const ROLE_OF_ID: Record<string, 'user' | 'moderator' | 'admin'> = { '-99': 'user', '2': 'moderator', '3': 'admin' };
const listAccountsV2 = defineRoute({
  method: 'get',
  path: '/api/v2/admin/accounts',
  summary: 'Accounts, for moderators (Mastodon v2 filters: origin, status, permissions, role_ids[], username, display_name, email)',
  tags,
  auth: 'moderator',
  scope: 'admin:read:accounts',
  query: pageQuery(100, 200).extend({
    origin: z.enum(['local', 'remote']).optional(),
    status: z.enum(['active', 'pending', 'disabled', 'silenced', 'suspended']).optional(),
    permissions: z.enum(['staff']).optional(),
    role_ids: zList(z.string().max(10)).optional(),
    invited_by: z.string().max(20).optional(),
    username: z.string().trim().max(60).optional(),
    display_name: z.string().trim().max(60).optional(),
    by_domain: z.string().trim().max(255).optional(),
    email: z.string().trim().max(200).optional(),
    ip: z.string().trim().max(64).optional(),
  }),
  errors: ['validation_failed'],
  handler: async ({ app, query, c }) => {
    if (query.ip) throw invalid('Medired does not look accounts up by IP address', 'ip');
    const none = query.origin === 'remote' || query.status === 'pending' || query.status === 'disabled' || query.invited_by !== undefined || (query.by_domain !== undefined && query.by_domain.toLowerCase() !== new URL(app.config.publicUrl).host);
    if (none) return [];
    const ids = await searchAdminAccountIds(app.db, {
      ...(query.status === 'silenced' ? { silenced: true } : {}),
      ...(query.status === 'suspended' ? { suspended: true } : query.status === 'active' ? { suspended: false } : {}),
      ...(query.permissions === 'staff' ? { staff: true } : {}),
      ...(query.role_ids ? { roles: query.role_ids.flatMap((id) => (ROLE_OF_ID[id] ? [ROLE_OF_ID[id]] : [])) } : {}),
      username: query.username,
      display_name: query.display_name,
      email: query.email,
      max_id: query.max_id,
      min_id: query.min_id ?? query.since_id,
      limit: query.limit,
    });
    const entities = await toAdminAccounts(app, ids);
    const link = linkHeader(c.req.url, ids);
    if (link) c.header('Link', link);
    return ids.flatMap((id) => (entities.has(id) ? [entities.get(id)!] : []));
  },
});

async function adminAccountOrNotFound(app: AppContext, id: string) {
  const entity = (await toAdminAccounts(app, [id])).get(id);
  if (!entity) throw notFound('Account');
  return entity;
}

/** `approve` and `reject` decide sign-ups waiting for approval: Medired has none, every account is approved. */
function approval(path: 'approve' | 'reject') {
  return defineRoute({
    method: 'post',
    path: `/api/v1/admin/accounts/:id{[0-9]+}/${path}`,
    summary: `${path === 'approve' ? 'Approve' : 'Reject'} a sign-up waiting for approval: refused, Medired's sign-ups never wait for approval`,
    tags,
    auth: 'moderator',
    scope: 'admin:write:accounts',
    params: idParams,
    errors: ['not_found', 'forbidden'],
    handler: async ({ app, params }) => {
      await adminAccountOrNotFound(app, params.id);
      throw forbidden('This account is not waiting for approval: Medired approves every sign-up');
    },
  });
}

/** Mastodon's `enable` lifts a disabled login; Medired's `disable` is a suspension (lifted by `unsuspend`), so no login is ever disabled. */
const enable = defineRoute({
  method: 'post',
  path: '/api/v1/admin/accounts/:id{[0-9]+}/enable',
  summary: 'Re-enable a disabled login: no login is disabled here (disable suspends; see unsuspend), the account is answered as it is',
  tags,
  auth: 'moderator',
  scope: 'admin:write:accounts',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, params }) => adminAccountOrNotFound(app, params.id),
});

const unsensitive = defineRoute({
  method: 'post',
  path: '/api/v1/admin/accounts/:id{[0-9]+}/unsensitive',
  summary: 'Lift the sensitive marking of an account: every sensitive action still in force on it is reverted',
  tags,
  auth: 'moderator',
  scope: 'admin:write:accounts',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await adminAccountOrNotFound(app, params.id);
    await unsensitizeAccount(app, viewer!, params.id);
    return adminAccountOrNotFound(app, params.id);
  },
});

/**
 * Mastodon deletes a suspended account's data. Medired keeps it while the suspension may be
 * appealed and for the audit log (nobody but staff sees a suspended account's content): refused.
 */
const deleteAccount = defineRoute({
  method: 'delete',
  path: '/api/v1/admin/accounts/:id{[0-9]+}',
  summary: 'Delete an account\'s data: refused (403 unless suspended; a suspended account\'s data is kept for appeals and the audit log)',
  tags,
  auth: 'admin',
  scope: 'admin:write:accounts',
  params: idParams,
  errors: ['not_found', 'forbidden'],
  handler: async ({ app, params }) => {
    const entity = await adminAccountOrNotFound(app, params.id);
    if (!entity.suspended) throw forbidden('Only the data of a suspended account can be deleted');
    throw forbidden('Medired keeps a suspended account\'s data for its appeal and the audit log; it is shown to no one but staff');
  },
});

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

export const adminAccountRoutes: AnyRoute[] = [
  listAccounts,
  listAccountsV2,
  getAccount,
  deleteAccount,
  mastodonAction,
  mastodonUndo('unsilence'),
  mastodonUndo('unsuspend'),
  approval('approve'),
  approval('reject'),
  enable,
  unsensitive,
  mediredAction,
  ownActions,
];
