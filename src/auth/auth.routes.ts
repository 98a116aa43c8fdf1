import type { AnyRoute } from '../http/route.js';
import { oauthRoutes } from './oauth.routes.js';
import { securityRoutes } from './security.routes.js';

/** Every JSON route of the auth domain: OAuth 2 (Mastodon) and account security. */
export const authRoutes: AnyRoute[] = [...oauthRoutes, ...securityRoutes];
