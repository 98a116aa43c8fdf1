import type { AnyRoute } from '../http/route.js';
import { oauthRoutes } from './oauth.routes.js';
import { securityRoutes } from './security.routes.js';
import { emailRoutes } from './emails.routes.js';

/** Every JSON route of the auth domain: OAuth 2 (Mastodon), account security and e-mail confirmation. */
export const authRoutes: AnyRoute[] = [...oauthRoutes, ...securityRoutes, ...emailRoutes];
