import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { zId, zList } from '../http/schemas.js';
import { markNotificationsReadUpTo } from '../notifications/read-position.js';
import { findMarkers, saveMarker, MARKER_TIMELINES, type MarkerRow, type MarkerTimeline } from './markers.repository.js';

const tags = ['markers'];

/** Mastodon's Marker entity. */
interface MastodonMarker {
  last_read_id: string;
  version: number;
  updated_at: string;
}

function toMarkers(rows: MarkerRow[]): Partial<Record<MarkerTimeline, MastodonMarker>> {
  return Object.fromEntries(rows.map((r) => [r.timeline, { last_read_id: r.last_read_id, version: r.version, updated_at: r.updated_at.toISOString() }]));
}

const get = defineRoute({
  method: 'get',
  path: '/api/v1/markers',
  summary: 'Your saved read positions in the home timeline and the notifications (Mastodon markers)',
  description: 'Pass timeline[]=home and/or timeline[]=notifications; timelines without a saved position are left out of the answer.',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: z.object({ timeline: zList(z.enum(['home', 'notifications'])).optional() }),
  handler: async ({ app, viewer, query }) => toMarkers(await findMarkers(app.db, viewer!.accountId, query.timeline ?? [])),
});

const position = z.object({ last_read_id: zId }).optional();

const save = defineRoute({
  method: 'post',
  path: '/api/v1/markers',
  summary: 'Save your read position in the home timeline and/or the notifications (Mastodon markers)',
  description:
    'home[last_read_id] and/or notifications[last_read_id]. The notifications marker also marks every notification up to that id as read, so GET /api/v1/notifications/unread_count drops accordingly (moving it back does not make them unread again).',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: z.object({ home: position, notifications: position }),
  handler: async ({ app, viewer, body }) => {
    const me = viewer!.accountId;
    if (body.home) await saveMarker(app.db, me, 'home', body.home.last_read_id);
    if (body.notifications) await markNotificationsReadUpTo(app.db, me, body.notifications.last_read_id);
    const saved = MARKER_TIMELINES.filter((t) => body[t]);
    return toMarkers(await findMarkers(app.db, me, saved));
  },
});

export const markerRoutes: AnyRoute[] = [get, save];
