import { groupedNotificationRoutes } from './notifications/grouped-notifications.routes.js';
import { notificationRequestRoutes } from './notifications/notification-requests.routes.js';
import { discoveryRoutes } from './instance/discovery.routes.js';
import type { Hono } from 'hono';
import { accountRoutes } from './accounts/accounts.routes.js';
import { alertRoutes } from './alerts/alerts.routes.js';
import type { AppContext } from './app-context.js';
import { authRoutes } from './auth/auth.routes.js';
import { complaintRoutes } from './complaints/complaints.routes.js';
import { consultaRoutes } from './consultas/consultas.routes.js';
import { factCheckRoutes } from './factchecks/factchecks.routes.js';
import { createHttpApp } from './http/app.js';
import { groupRoutes } from './groups/groups.routes.js';
import type { HonoEnv } from './http/hono-env.js';
import type { AnyRoute } from './http/route.js';
import { conversationRoutes } from './messages/conversations.routes.js';
import { instanceRoutes } from './instance/instance.routes.js';
import { markerRoutes } from './markers/markers.routes.js';
import { mediaUploadMaxBytes, MEDIA_UPLOAD_PATHS } from './media/file-types.js';
import { mountMediaFiles } from './media/media-serve.js';
import { VIDEO_EMBED_ORIGINS } from './text/video-embeds.js';
import { mountPrivateMediaFiles } from './media/private-media-serve.js';
import { trustSafetyRoutes } from './moderation/trust-safety.routes.js';
import { statusRoutes } from './posts/statuses.routes.js';
import { searchRoutes } from './search/search.routes.js';
import { streamingRoutes } from './streaming/streaming.routes.js';
import { timelineRoutes } from './timelines/timelines.routes.js';
import { readingToolRoutes } from './reading-tools.routes.js';
import { mountWeb, webFormRoutes } from './web/web.routes.js';
import { bookmarkRoutes } from './posts/bookmarks.routes.js';
import { pollRoutes } from './polls/polls.routes.js';
import { scheduledStatusRoutes } from './scheduled-statuses/scheduled-statuses.routes.js';
import { practiceRoutes } from './practice/practice.routes.js';
import { careRequestRoutes } from './care-requests/care-requests.routes.js';
import { pushAnnouncementRoutes } from './push/push-announcement-routes.js';
import { directoryRoutes } from './directory/directory.routes.js';
import { profileImageRoutes } from './accounts/profile-images.routes.js';
import { removeFollowerRoutes } from './relations/remove-follower.routes.js';
import { promotionRoutes } from './promotions/promotions.routes.js';
import { analyticsRoutes } from './analytics/analytics.routes.js';
import { galleryRoutes } from './galleries/galleries.routes.js';
import { influenceRoutes } from './influence/influence.routes.js';
import { emptyFamilyRoutes } from './instance/empty-families.routes.js';
import { ipAccessGate } from './admin-blocks/ip-access.js';
import { adminBlockRoutes } from './admin-blocks/admin-blocks.routes.js';
import { adminTrendRoutes } from './explore/admin-trends.routes.js';
import { metricsRoutes } from './admin-metrics/metrics.routes.js';

/** Every JSON API route, by domain. The OpenAPI document is generated from this list. */
export const apiRoutes: AnyRoute[] = [
  ...instanceRoutes,
  ...discoveryRoutes,
  ...accountRoutes,
  ...authRoutes,
  ...consultaRoutes,
  ...alertRoutes,
  ...factCheckRoutes,
  ...timelineRoutes,
  ...searchRoutes,
  ...statusRoutes,
  ...conversationRoutes,
  ...trustSafetyRoutes,
  ...markerRoutes,
  // Before the grouped notifications: `/api/v2/notifications/policy` is not a group key.
  ...notificationRequestRoutes,
  ...groupedNotificationRoutes,
  ...streamingRoutes,
  ...complaintRoutes,
  ...practiceRoutes,
  ...careRequestRoutes,
  ...groupRoutes,
  ...bookmarkRoutes,
  ...pollRoutes,
  ...scheduledStatusRoutes,
  ...readingToolRoutes,
  // Issue 10: Web Push, announcements, instance rules/activity and the other instance endpoints.
  ...pushAnnouncementRoutes,
  // Issue 10: what third-party clients (Mastodon.py, masto.js) call that was missing.
  ...directoryRoutes,
  ...profileImageRoutes,
  ...removeFollowerRoutes,
  // Issue 11: promoted posts (credits, promotions, review).
  ...promotionRoutes,
  // Issue 11: statistics of professionals and organisations.
  ...analyticsRoutes,
  // Issue 11: before/after galleries with the patient's consent.
  ...galleryRoutes,
  // Issue 11: the health directory (above, with Mastodon's) and influence scores.
  ...influenceRoutes,
  // Mastodon families with nothing to show here, answered as a server without them does.
  ...emptyFamilyRoutes,
  // Mastodon's admin API beyond accounts and reports: blocks, trend and hashtag review, the dashboard.
  ...adminBlockRoutes,
  ...adminTrendRoutes,
  ...metricsRoutes,
];

/**
 * Every declared entrance that acts for someone: the JSON API routes and the web form routes
 * (`spec.form` is set on the latter), each with its `auth` and `scope`. The authorization test
 * walks this table; a route missing from it cannot be reached, because the app mounts exactly it.
 */
export const routeTable: readonly AnyRoute[] = [...apiRoutes, ...webFormRoutes];

/**
 * Assembles Medired from its domains: the API routes, the media files and the web interface
 * (form routes, then pages), handed to the HTTP plumbing of `src/http/`. `routes` replaces the
 * API routes (tests mount a probe route alone).
 */
export function createApp(app: AppContext, routes: AnyRoute[] = apiRoutes): Hono<HonoEnv> {
  return createHttpApp(app, {
    apiRoutes: routes,
    largeBodies: { paths: MEDIA_UPLOAD_PATHS, maxBytes: mediaUploadMaxBytes(app.config) },
    // Issue 11: YouTube and Vimeo players, loaded only when a visitor clicks a video's placeholder.
    frameSources: VIDEO_EMBED_ORIGINS,
    mounts: [mountMediaFiles, mountPrivateMediaFiles, (hono, ctx) => mountWeb(hono, ctx, webFormRoutes)],
    gates: [ipAccessGate(app)],
  });
}
