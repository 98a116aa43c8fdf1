import type { Hono } from 'hono';
import { announcementFormRoutes } from './announcements/announcement-banner.js';
import type { AppContext } from '../app-context.js';
import type { HonoEnv } from '../http/hono-env.js';
import { PAGE_RATE_LIMIT, rateLimitMiddleware } from '../http/rate-limit.js';
import { mountRoutes, type AnyRoute } from '../http/route.js';
import { htmlErrorsMiddleware, notFoundFallback } from './error-pages.js';
import { languageMiddleware } from './i18n/language.js';
import { mountStatic } from './static.js';
import { authFormRoutes, mountAuthPages } from './auth/auth-pages.js';
import { mountHomePages } from './pages/home/home.page.js';
import { mountProfilePages, profileFormRoutes } from './pages/profile/profile.page.js';
import { articleFormRoutes, mountArticlePages } from './pages/articles/articles.page.js';
import { mountSearchPages } from './pages/search/search.page.js';
import { mountProfileSettingsPages, profileSettingsFormRoutes } from './pages/settings/profile-settings.page.js';
import { emailDigestFormRoutes } from './settings/email-digest.js';
import { mountUnsubscribePage, unsubscribeFormRoutes } from './mail/unsubscribe.page.js';
import { mountStatusEditPages, statusEditFormRoutes } from './pages/statuses/status-edit.page.js';
import { statusFormRoutes } from './pages/statuses/status-actions.js';
import { statusExtrasFormRoutes } from './pages/statuses/status-extras-forms.js';
import { mountStatusPages } from './pages/statuses/status.page.js';
import { mountTimelinePages } from './pages/timelines/timelines.page.js';
import { alertFormRoutes, mountAlertPages } from './alerts/alerts.pages.js';
import { consultaFormRoutes, mountConsultaPages } from './consultas/consultas.pages.js';
import { mountTrustSafetyPages, trustSafetyFormRoutes } from './moderation/trust-safety.pages.js';
import { followRequestFormRoutes, mountFollowRequestPages } from './relations/follow-requests.page.js';
import { messageFormRoutes, mountMessageSettingsPage } from './messages/messages.forms.js';
import { mountMessagePages } from './messages/messages.pages.js';
import { mountNotificationSettingsPage, notificationSettingsFormRoutes } from './settings/notification-settings.page.js';
import { complaintFormRoutes, mountComplaintPages } from './complaints/complaints.pages.js';
import { mountPracticeSettingsPage, practiceSettingsFormRoutes } from './practice/practice-settings.page.js';
import { careRequestFormRoutes } from './care-requests/care-requests.forms.js';
import { mountCareRequestPages } from './care-requests/care-requests.pages.js';
import { mountGroupPages } from './groups/groups.pages.js';
import { groupFormRoutes } from './groups/groups.forms.js';
import { promotionFormRoutes } from './promotions/promotions.forms.js';
import { mountPromotionPages } from './promotions/promotions.pages.js';
import { mountPromotionAdminPages, promotionAdminFormRoutes } from './promotions/promotions-admin.page.js';
import { mountChartLibrary } from './analytics/chart-library.js';
import { mountAnalyticsPages } from './analytics/analytics.page.js';
import { mountGalleryPages } from './galleries/galleries.pages.js';
import { galleryFormRoutes } from './galleries/galleries.forms.js';
import { mountDirectoryPages } from './directory/directory.page.js';
import { mountLegalPages } from './pages/legal/legal.page.js';

/**
 * Every web form route (POST), declared like the API routes (`defineFormRoute`), by screen or
 * domain. `src/app.ts` lists them in the route table and hands them to `mountWeb`.
 */
export const webFormRoutes: AnyRoute[] = [
  ...authFormRoutes,
  ...statusFormRoutes,
  ...statusExtrasFormRoutes,
  ...statusEditFormRoutes,
  ...articleFormRoutes,
  ...profileSettingsFormRoutes,
  ...emailDigestFormRoutes,
  ...unsubscribeFormRoutes,
  ...alertFormRoutes,
  ...consultaFormRoutes,
  ...trustSafetyFormRoutes,
  ...profileFormRoutes,
  ...followRequestFormRoutes,
  ...messageFormRoutes,
  ...notificationSettingsFormRoutes,
  ...complaintFormRoutes,
  ...practiceSettingsFormRoutes,
  ...careRequestFormRoutes,
  ...groupFormRoutes,
  ...announcementFormRoutes,
  ...promotionFormRoutes,
  ...promotionAdminFormRoutes,
  ...galleryFormRoutes,
];

/**
 * Mounts the server-rendered web interface: its middleware (HTML errors, language, the page rate
 * limit), the form routes, then each screen's pages with one line in the list below; the 404
 * fallback must stay last.
 */
export function mountWeb(hono: Hono<HonoEnv>, app: AppContext, formRoutes: AnyRoute[]): void {
  mountStatic(hono);
  mountChartLibrary(hono);
  hono.use('*', async (c, next) => {
    c.set('webApp', app);
    await next();
  });
  hono.use('*', htmlErrorsMiddleware());
  hono.use('*', languageMiddleware(app.config.secureCookies));
  // Pages, feeds and form posts: one limit per account or IP (static files are mounted before).
  hono.use('*', rateLimitMiddleware(app, PAGE_RATE_LIMIT));
  mountRoutes(hono, app, formRoutes);

  // Pages, one mount per screen or domain:
  mountAuthPages(hono, app);
  mountHomePages(hono, app);
  mountTimelinePages(hono, app);
  mountStatusPages(hono, app);
  mountStatusEditPages(hono, app);
  mountArticlePages(hono, app);
  mountSearchPages(hono, app);
  mountProfileSettingsPages(hono, app);
  mountUnsubscribePage(hono, app);
  mountAlertPages(hono, app);
  mountConsultaPages(hono, app);
  mountTrustSafetyPages(hono, app);
  mountFollowRequestPages(hono, app);
  mountMessagePages(hono, app);
  mountMessageSettingsPage(hono, app);
  mountNotificationSettingsPage(hono, app);
  mountComplaintPages(hono, app);
  mountPracticeSettingsPage(hono, app);
  mountCareRequestPages(hono, app);
  mountGroupPages(hono, app);
  mountPromotionPages(hono, app);
  mountPromotionAdminPages(hono, app);
  mountAnalyticsPages(hono, app);
  mountGalleryPages(hono, app);
  mountDirectoryPages(hono, app);
  mountLegalPages(hono, app);
  mountProfilePages(hono, app);

  // Keep last: unknown paths.
  hono.all('*', notFoundFallback);
}
