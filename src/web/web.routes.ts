import type { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import type { HonoEnv } from '../http/hono-env.js';
import { htmlErrorsMiddleware, notFoundFallback } from './error-pages.js';
import { languageMiddleware } from './i18n/language.js';
import { mountStatic } from './static.js';
import { mountAuthPages } from './auth/auth-pages.js';
import { mountHomePages } from './pages/home/home.page.js';
import { mountProfilePages } from './pages/profile/profile.page.js';
import { mountArticlePages } from './pages/articles/articles.page.js';
import { mountSearchPages } from './pages/search/search.page.js';
import { mountProfileSettingsPages } from './pages/settings/profile-settings.page.js';
import { mountStatusEditPages } from './pages/statuses/status-edit.page.js';
import { mountStatusActions } from './pages/statuses/status-actions.js';
import { mountStatusPages } from './pages/statuses/status.page.js';
import { mountTimelinePages } from './pages/timelines/timelines.page.js';
import { mountAlertPages } from './alerts/alerts.pages.js';
import { mountConsultaPages } from './consultas/consultas.pages.js';
import { mountTrustSafetyPages } from './moderation/trust-safety.pages.js';
import { mountFollowRequestPages } from './relations/follow-requests.page.js';

/**
 * Mounts the server-rendered web interface. Each screen or domain mounts its pages with one line
 * in the list below; the 404 fallback must stay last.
 */
export function mountWeb(hono: Hono<HonoEnv>, app: AppContext): void {
  mountStatic(hono);
  hono.use('*', async (c, next) => {
    c.set('webApp', app);
    await next();
  });
  hono.use('*', htmlErrorsMiddleware());
  hono.use('*', languageMiddleware(app.config.secureCookies));

  // Pages, one mount per screen or domain:
  mountAuthPages(hono, app);
  mountHomePages(hono, app);
  mountTimelinePages(hono, app);
  mountStatusActions(hono, app);
  mountStatusPages(hono, app);
  mountStatusEditPages(hono, app);
  mountArticlePages(hono, app);
  mountSearchPages(hono, app);
  mountProfileSettingsPages(hono, app);
  mountAlertPages(hono, app);
  mountConsultaPages(hono, app);
  mountTrustSafetyPages(hono, app);
  mountFollowRequestPages(hono, app);
  mountProfilePages(hono, app);

  // Keep last: unknown paths.
  hono.all('*', notFoundFallback);
}
