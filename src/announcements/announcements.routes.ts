import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zBool, zId } from '../http/schemas.js';
import { findAllAnnouncements } from './announcements.repository.js';
import {
  adminAnnouncementEntities,
  dismissAnnouncement,
  editAnnouncement,
  listAnnouncements,
  publishAnnouncement,
  reactToAnnouncement,
  unreactToAnnouncement,
  withdrawAnnouncement,
} from './announcements.service.js';

const tags = ['announcements'];

const list = defineRoute({
  method: 'get',
  path: '/api/v1/announcements',
  summary: "The administrators' announcements in force, with whether you read (dismissed) each and its reactions",
  tags,
  auth: 'user',
  scope: 'read',
  query: z.object({ with_dismissed: zBool.optional() }),
  handler: async ({ app, viewer, query }) => listAnnouncements(app, viewer!.accountId, query.with_dismissed ?? false),
});

const dismiss = defineRoute({
  method: 'post',
  path: '/api/v1/announcements/:id/dismiss',
  summary: 'Mark an announcement as read',
  tags,
  auth: 'user',
  scope: 'write:accounts',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await dismissAnnouncement(app, viewer!.accountId, params.id);
    return {};
  },
});

const reactionParams = z.object({ id: zId, name: z.string().min(1).max(64) });

const react = defineRoute({
  method: 'put',
  path: '/api/v1/announcements/:id/reactions/:name',
  summary: 'React to an announcement with an emoji',
  tags,
  auth: 'user',
  scope: 'write:favourites',
  params: reactionParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await reactToAnnouncement(app, viewer!.accountId, params.id, params.name);
    return {};
  },
});

const unreact = defineRoute({
  method: 'delete',
  path: '/api/v1/announcements/:id/reactions/:name',
  summary: 'Take back your reaction to an announcement',
  tags,
  auth: 'user',
  scope: 'write:favourites',
  params: reactionParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await unreactToAnnouncement(app, viewer!.accountId, params.id, params.name);
    return {};
  },
});

// ---- administrators publish, edit and remove them ----

const zWhen = z.preprocess((v) => (v === '' ? null : v), z.iso.datetime({ offset: true }).transform((s) => new Date(s)).nullable());
const announcementBody = z.object({
  text: z.string().trim().min(1).max(2000),
  published: zBool.default(true),
  all_day: zBool.default(false),
  starts_at: zWhen.default(null),
  ends_at: zWhen.default(null),
});
const adminTags = ['admin'];

const adminList = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/announcements',
  summary: 'Every announcement, published or not, newest first (administrators)',
  tags: adminTags,
  auth: 'admin',
  scope: 'admin:read',
  handler: async ({ app }) => adminAnnouncementEntities(app, await findAllAnnouncements(app.db)),
});

const adminCreate = defineRoute({
  method: 'post',
  path: '/api/v1/medired/admin/announcements',
  summary: 'Publish an announcement (administrators)',
  tags: adminTags,
  auth: 'admin',
  scope: 'admin:write',
  body: announcementBody,
  handler: async ({ app, viewer, body }) => publishAnnouncement(app, viewer!.accountId, body),
});

const adminEdit = defineRoute({
  method: 'put',
  path: '/api/v1/medired/admin/announcements/:id',
  summary: 'Change an announcement, or publish or unpublish it (administrators)',
  tags: adminTags,
  auth: 'admin',
  scope: 'admin:write',
  params: idParams,
  body: z.object({ text: z.string().trim().min(1).max(2000).optional(), published: zBool.optional(), all_day: zBool.optional(), starts_at: zWhen.optional(), ends_at: zWhen.optional() }),
  errors: ['not_found'],
  handler: async ({ app, viewer, params, body }) =>
    editAnnouncement(app, viewer!.accountId, params.id, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined))),
});

const adminDelete = defineRoute({
  method: 'delete',
  path: '/api/v1/medired/admin/announcements/:id',
  summary: 'Remove an announcement (administrators)',
  tags: adminTags,
  auth: 'admin',
  scope: 'admin:write',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await withdrawAnnouncement(app, viewer!.accountId, params.id);
    return {};
  },
});

export const announcementRoutes: AnyRoute[] = [list, dismiss, react, unreact, adminList, adminCreate, adminEdit, adminDelete];
