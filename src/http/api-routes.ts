import { accountRoutes } from '../accounts/accounts.routes.js';
import { authRoutes } from '../auth/auth.routes.js';
import { consultaRoutes } from '../consultas/consultas.routes.js';
import { alertRoutes } from '../alerts/alerts.routes.js';
import { factCheckRoutes } from '../factchecks/factchecks.routes.js';
import { instanceRoutes } from '../instance/instance.routes.js';
import { statusRoutes } from '../posts/statuses.routes.js';
import { searchRoutes } from '../search/search.routes.js';
import { timelineRoutes } from '../timelines/timelines.routes.js';
import { trustSafetyRoutes } from '../moderation/trust-safety.routes.js';
import type { AnyRoute } from './route.js';

/** Every JSON API route, by domain. The OpenAPI document is generated from this list. */
export const apiRoutes: AnyRoute[] = [...instanceRoutes, ...accountRoutes, ...authRoutes, ...consultaRoutes, ...alertRoutes, ...factCheckRoutes, ...timelineRoutes, ...searchRoutes, ...statusRoutes, ...trustSafetyRoutes];
