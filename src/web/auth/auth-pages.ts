import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { readSessionCookie, setSessionCookie } from '../../auth/session-cookie.js';
import type { HonoEnv } from '../../http/hono-env.js';
import type { AnyRoute } from '../../http/route.js';
import { mountSecuritySettingsPage, securityFormRoutes } from '../settings/security.page.js';
import { mountOAuthAuthorizePage, oauthFormRoutes } from './oauth-authorize.page.js';
import { mountSignInPages, signInFormRoutes } from './sign-in.page.js';
import { mountSignUpPage, signUpFormRoutes } from './sign-up.page.js';
import { mountPasswordResetPages, passwordResetFormRoutes } from './password-reset.pages.js';
import { emailConfirmationFormRoutes, mountEmailConfirmationPages } from './email-confirmation.pages.js';

/**
 * The authentication pages: sign-up, sign-in, the two-factor step, sign-out, password reset and
 * e-mail confirmation, the OAuth consent page and Settings → Security.
 */
export function mountAuthPages(hono: Hono<HonoEnv>, app: AppContext): void {
  // The server slides a session's idle expiry (viewer.ts); re-issuing the cookie on page loads
  // keeps the browser's copy alive exactly as long, so an active person is never signed out.
  hono.use('*', async (c, next) => {
    const viewer = c.get('viewer');
    const token = readSessionCookie(c);
    if (viewer?.via === 'session' && !viewer.mfaPending && token && c.req.method === 'GET') {
      setSessionCookie(c, app.config, token, new Date(Date.now() + app.config.sessionIdleMinutes * 60_000));
    }
    await next();
  });
  mountSignUpPage(hono, app);
  mountSignInPages(hono, app);
  mountPasswordResetPages(hono, app);
  mountEmailConfirmationPages(hono, app);
  mountOAuthAuthorizePage(hono, app);
  mountSecuritySettingsPage(hono, app);
}

/** The authentication form posts: sign-up, sign-in, two-factor step, sign-out, OAuth consent, security settings. */
export const authFormRoutes: AnyRoute[] = [...signUpFormRoutes, ...signInFormRoutes, ...passwordResetFormRoutes, ...emailConfirmationFormRoutes, ...oauthFormRoutes, ...securityFormRoutes];
