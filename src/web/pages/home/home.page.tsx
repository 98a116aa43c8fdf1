import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { t } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import { Landing } from './landing.js';

/** `/`: the landing for visitors; the composer and home timeline for signed-in people. */
export function mountHomePages(hono: Hono<HonoEnv>, _app: AppContext): void {
  hono.get('/', (c) => {
    const lang = c.get('lang');
    return renderPage(c, { title: '', description: t(lang, 'site.description'), section: 'home' }, <Landing lang={lang} />);
  });
}
