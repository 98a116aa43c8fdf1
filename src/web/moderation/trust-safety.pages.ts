import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { mountNotificationPages } from '../notifications/notifications.page.js';
import { mountReportPages } from '../reports/report-form.page.js';
import { mountVerificationAdminPages } from '../verification/verification-admin.page.js';
import { mountVerificationSettingsPages } from '../verification/verification-settings.page.js';
import { mountAppealPages } from './appeals.page.js';
import { mountAuditLogPage } from './audit-log.page.js';
import { mountReportAdminPages } from './reports-admin.page.js';

/** Trust & safety pages: verification request and queue, reports, appeals, audit log, notifications. */
export function mountTrustSafetyPages(hono: Hono<HonoEnv>, app: AppContext): void {
  mountVerificationSettingsPages(hono, app);
  mountVerificationAdminPages(hono, app);
  mountReportPages(hono, app);
  mountReportAdminPages(hono, app);
  mountAppealPages(hono, app);
  mountAuditLogPage(hono, app);
  mountNotificationPages(hono, app);
}
