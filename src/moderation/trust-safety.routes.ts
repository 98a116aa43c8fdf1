import { auditRoutes } from '../audit/audit.routes.js';
import type { AnyRoute } from '../http/route.js';
import { notificationRoutes } from '../notifications/notifications.routes.js';
import { verificationRoutes } from '../verification/verification.routes.js';
import { adminAccountRoutes } from './admin-accounts.routes.js';
import { appealRoutes } from './appeals.routes.js';
import { relationRoutes } from '../relations/relations.routes.js';
import { reportRoutes } from './reports.routes.js';

/** Trust & safety's JSON API: verification, reports, moderation, appeals, audit log, relations (follows, follow requests, blocks, mutes), notifications. */
export const trustSafetyRoutes: AnyRoute[] = [
  ...verificationRoutes,
  ...reportRoutes,
  ...adminAccountRoutes,
  ...appealRoutes,
  ...auditRoutes,
  ...relationRoutes,
  ...notificationRoutes,
];
