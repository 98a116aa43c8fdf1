import { z } from 'zod';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { zId } from '../http/schemas.js';
import { readableAuditActions } from './audit-actions.js';
import { listAudit, toAuditEntity } from './audit-log.js';

const browse = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/audit_log',
  summary: 'The append-only audit log, newest first: moderators read its moderation part, administrators all of it',
  description:
    'Moderators (with two-factor authentication) read the entries about reports, moderation actions, appeals and verification decisions; administrators also read the admin-only ones (such as staff role changes). The split is declared per action in `src/audit/audit-actions.ts`. `action` filters by exact action (verification.approve) or by domain (verification).',
  tags: ['admin'],
  auth: 'moderator',
  scope: 'admin:read',
  query: pageQuery(40, 200).extend({
    action: z.string().regex(/^[a-z_]+(\.[a-z_]*)?$/, 'must be an action such as moderation.suspend, or a domain such as moderation').optional(),
    actor_account_id: zId.optional(),
    target_account_id: zId.optional(),
    target_type: z.string().regex(/^[a-z_]{1,40}$/).optional(),
    target_id: zId.optional(),
  }),
  handler: async ({ app, viewer, query, c }) => {
    const rows = await listAudit(app.db, {
      readable: readableAuditActions(viewer!.staffRole === 'admin' ? 'admin' : 'moderator'),
      action: query.action,
      actorAccountId: query.actor_account_id,
      targetAccountId: query.target_account_id,
      targetType: query.target_type,
      targetId: query.target_id,
      maxId: query.max_id,
      minId: query.min_id ?? query.since_id,
      limit: query.limit,
    });
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return rows.map(toAuditEntity);
  },
});

export const auditRoutes: AnyRoute[] = [browse];
