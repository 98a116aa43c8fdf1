import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { HonoEnv } from '../../http/hono-env.js';
import type { AnyRoute } from '../../http/route.js';
import { mountNotificationPages, notificationFormRoutes } from '../notifications/notifications.page.js';
import { mountNotificationRequestPages, notificationRequestFormRoutes } from '../notifications/notification-requests.page.js';
import { mountReportPages, reportFormRoutes } from '../reports/report-form.page.js';
import { mountVerificationAdminPages, verificationAdminFormRoutes } from '../verification/verification-admin.page.js';
import { mountVerificationSettingsPages, verificationSettingsFormRoutes } from '../verification/verification-settings.page.js';
import { appealFormRoutes, mountAppealPages } from './appeals.page.js';
import { mountAuditLogPage } from './audit-log.page.js';
import { mountReportAdminPages, reportAdminFormRoutes } from './reports-admin.page.js';

/** Trust & safety pages: verification request and queue, reports, appeals, audit log, notifications. */
export function mountTrustSafetyPages(hono: Hono<HonoEnv>, app: AppContext): void {
  mountVerificationSettingsPages(hono, app);
  mountVerificationAdminPages(hono, app);
  mountReportPages(hono, app);
  mountReportAdminPages(hono, app);
  mountAppealPages(hono, app);
  mountAuditLogPage(hono, app);
  mountNotificationPages(hono, app);
  mountNotificationRequestPages(hono, app);
}

/** The trust & safety form posts (requests, reports, appeals, staff decisions, notifications). */
export const trustSafetyFormRoutes: AnyRoute[] = [
  ...verificationSettingsFormRoutes,
  ...verificationAdminFormRoutes,
  ...reportFormRoutes,
  ...reportAdminFormRoutes,
  ...appealFormRoutes,
  ...notificationFormRoutes,
  ...notificationRequestFormRoutes,
];
