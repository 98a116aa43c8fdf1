import type { Context } from 'hono';
import type { HonoEnv } from '../http/hono-env.js';
import { linkHeader } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import './complaint-targets.js';
import { COMPLAINT_ENTRY_RATE_LIMITS, COMPLAINT_RATE_LIMITS } from './complaint-limits.js';
import { complaintStatsFor } from './complaint-stats.js';
import { complaintEntryInput, complaintInput, complaintPageQuery, complaintReasonInput } from './complaints.js';
import {
  addEntry,
  closeComplaint,
  getComplaint,
  listComplaints,
  listEntries,
  moveToPrivate,
  openComplaint,
  removeComplaint,
  resolveComplaint,
  serializeComplaints,
  serializeEntries,
  type Page,
} from './complaints.service.js';

const tags = ['complaints'];
const base = '/api/v1/medired/complaints';

function withLink<T>(c: Context<HonoEnv>, page: Page<T>): void {
  const link = linkHeader(c.req.url, page.cursors);
  if (link) c.header('Link', link);
}

const create = defineRoute({
  method: 'post',
  path: base,
  summary: 'File a complaint about a professional or an organisation (public: shown on its profile; private: only the two parties and moderators read it)',
  description: 'A public complaint whose text names a phone number, an e-mail address or an ID number is refused (422) unless confirm_personal_data is true. At most 3 a day and one under way per target.',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: complaintInput,
  errors: ['forbidden', 'conflict', 'not_found'],
  rateLimits: COMPLAINT_RATE_LIMITS,
  handler: async ({ app, viewer, body }) => (await serializeComplaints(app, viewer, [await openComplaint(app, viewer!, body)]))[0],
});

const mine = defineRoute({
  method: 'get',
  path: `${base}/mine`,
  summary: 'The complaints you filed, newest first (Link pagination)',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: complaintPageQuery,
  handler: async ({ c, app, viewer, query }) => {
    const page = await listComplaints(app, viewer, { mine: true }, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    withLink(c, page);
    return serializeComplaints(app, viewer, page.items);
  },
});

const aboutMe = defineRoute({
  method: 'get',
  path: `${base}/about_me`,
  summary: 'The complaints about you, newest first (Link pagination)',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: complaintPageQuery,
  handler: async ({ c, app, viewer, query }) => {
    const page = await listComplaints(app, viewer, { aboutMe: true }, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    withLink(c, page);
    return serializeComplaints(app, viewer, page.items);
  },
});

const aboutAccount = defineRoute({
  method: 'get',
  path: '/api/v1/medired/accounts/:id/complaints',
  summary: "Complaints about an account: the public ones moderators did not remove, and the viewer's own with it",
  tags,
  auth: 'optional',
  params: idParams,
  query: complaintPageQuery,
  handler: async ({ c, app, viewer, params, query }) => {
    const page = await listComplaints(app, viewer, { about: params.id }, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    withLink(c, page);
    return serializeComplaints(app, viewer, page.items);
  },
});

const stats = defineRoute({
  method: 'get',
  path: '/api/v1/medired/accounts/:id/complaint_stats',
  summary: 'How an account answers complaints over the last 365 days: complaints, share answered and median first-response time (shown only from 3 complaints)',
  tags,
  auth: 'optional',
  params: idParams,
  handler: async ({ app, params }) => {
    const s = (await complaintStatsFor(app.db, [params.id])).get(params.id)!;
    return s.shown
      ? { shown: true, total: s.total, answered: s.answered, share_answered: s.shareAnswered, median_first_response_seconds: s.medianFirstResponseSeconds }
      : { shown: false, total: null, answered: null, share_answered: null, median_first_response_seconds: null };
  },
});

const show = defineRoute({
  method: 'get',
  path: `${base}/:id`,
  summary: 'One complaint (private ones: for the two parties and moderators; others get 404)',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => (await serializeComplaints(app, viewer, [(await getComplaint(app, viewer, params.id)).row]))[0],
});

const entries = defineRoute({
  method: 'get',
  path: `${base}/:id/entries`,
  summary: "A complaint's thread, newest first (Link pagination)",
  tags,
  auth: 'optional',
  params: idParams,
  query: complaintPageQuery,
  errors: ['not_found'],
  handler: async ({ c, app, viewer, params, query }) => {
    const { view, page } = await listEntries(app, viewer, params.id, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
    withLink(c, page);
    return serializeEntries(app, view, viewer, page.items);
  },
});

const reply = defineRoute({
  method: 'post',
  path: `${base}/:id/entries`,
  summary: "Write in a complaint's thread (the complainant and the target, while it is under way)",
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: complaintEntryInput,
  errors: ['not_found', 'forbidden', 'conflict'],
  rateLimits: COMPLAINT_ENTRY_RATE_LIMITS,
  handler: async ({ app, viewer, params, body }) => {
    const entry = await addEntry(app, viewer!, params.id, body);
    const view = await getComplaint(app, viewer, params.id);
    return (await serializeEntries(app, view, viewer, [entry]))[0];
  },
});

const move = defineRoute({
  method: 'post',
  path: `${base}/:id/move_to_private`,
  summary: 'The target continues the complaint in a private conversation with the complainant; a public note says so and the complaint stays visible',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params }) => {
    const { conversationId } = await moveToPrivate(app, viewer!, params.id);
    const complaint = (await serializeComplaints(app, viewer, [(await getComplaint(app, viewer, params.id)).row]))[0];
    return { ...complaint, conversation_id: conversationId };
  },
});

const resolve = defineRoute({
  method: 'post',
  path: `${base}/:id/resolve`,
  summary: 'The complainant marks the complaint resolved',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'forbidden', 'conflict'],
  handler: async ({ app, viewer, params }) => (await serializeComplaints(app, viewer, [await resolveComplaint(app, viewer!, params.id)]))[0],
});

const remove = defineRoute({
  method: 'post',
  path: '/api/v1/medired/admin/complaints/:id/remove',
  summary: 'Moderators remove a complaint with a reason: kept, hidden from the public, shown to the parties as removed by moderation (audited)',
  tags,
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: idParams,
  body: complaintReasonInput,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params, body }) => (await serializeComplaints(app, viewer, [await removeComplaint(app, viewer!, params.id, body)]))[0],
});

const close = defineRoute({
  method: 'post',
  path: '/api/v1/medired/admin/complaints/:id/close',
  summary: 'Moderators close a complaint with a reason (audited)',
  tags,
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: idParams,
  body: complaintReasonInput,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params, body }) => (await serializeComplaints(app, viewer, [await closeComplaint(app, viewer!, params.id, body)]))[0],
});

/**
 * Complaints' JSON API (`/mine` and `/about_me` before `/:id`). There is deliberately no route to
 * edit, hide or delete a complaint: only moderators remove or close one.
 */
export const complaintRoutes: AnyRoute[] = [create, mine, aboutMe, aboutAccount, stats, show, entries, reply, move, resolve, remove, close];
