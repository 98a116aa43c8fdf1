import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { mountSecuritySettingsPage } from '../settings/security.page.js';
import { mountOAuthAuthorizePage } from './oauth-authorize.page.js';
import { mountSignInPages } from './sign-in.page.js';
import { mountSignUpPage } from './sign-up.page.js';

/**
 * The authentication pages: sign-up, sign-in, the two-factor step, sign-out, the OAuth consent
 * page and Settings → Security.
 */
export function mountAuthPages(hono: Hono<HonoEnv>, app: AppContext): void {
  mountSignUpPage(hono, app);
  mountSignInPages(hono, app);
  mountOAuthAuthorizePage(hono, app);
  mountSecuritySettingsPage(hono, app);
}
