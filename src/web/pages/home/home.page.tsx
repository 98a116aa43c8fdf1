import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { homeTimeline, publicTimeline } from '../../../timelines/timelines.service.js';
import { Composer } from '../../components/composer.js';
import { Flash, noticeFrom } from '../../components/flash.js';
import { Pagination } from '../../components/pagination.js';
import { StatusList } from '../../components/status-card.js';
import { t } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import { NewPostsBanner } from '../../live/live-updates.js';
import { maxIdOf } from '../profile/profile.page.js';
import { TIMELINE_PAGE_SIZE } from '../timelines/timelines.page.js';
import { Landing } from './landing.js';
import { PinnedAlerts } from '../../alerts/pinned-alerts.js';

/** `/`: the landing and the local timeline for visitors; composer and home timeline when signed in. */
export function mountHomePages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/', async (c) => {
    const lang = c.get('lang');
    const viewer = c.get('viewer');
    const page = { maxId: maxIdOf(c), limit: TIMELINE_PAGE_SIZE };
    const more = (n: number, next: string | null) => (n >= TIMELINE_PAGE_SIZE ? next : null);
    if (!viewer || viewer.mfaPending) {
      const result = await publicTimeline(app, null, page, { local: true });
      return renderPage(
        c,
        { title: '', description: t(lang, 'site.description'), section: 'home' },
        <>
          {page.maxId ? null : <Landing lang={lang} />}
          <h2 class="section-title">{t(lang, 'landing.latest')}</h2>
          <StatusList statuses={result.statuses} lang={lang} viewer={null} returnTo="/" empty={t(lang, 'public.empty')} />
          <Pagination lang={lang} url={c.req.url} nextMaxId={more(result.statuses.length, result.nextMaxId)} />
        </>,
      );
    }
    if (viewer.suspended) {
      return renderPage(
        c,
        { title: t(lang, 'suspended.title'), noindex: true, section: 'home' },
        <section class="narrow card">
          <h1>{t(lang, 'suspended.title')}</h1>
          <p>{t(lang, 'suspended.body')}</p>
          <p>
            <a class="button" href="/notifications">{t(lang, 'suspended.link')}</a>
          </p>
        </section>,
      );
    }
    const result = await homeTimeline(app, viewer, page);
    const notice = noticeFrom(c.req.url);
    return renderPage(
      c,
      { title: t(lang, 'home.title'), noindex: true, section: 'home' },
      <>
        <h1 class="visually-hidden">{t(lang, 'home.title')}</h1>
        {page.maxId ? null : <PinnedAlerts app={app} viewer={viewer} lang={lang} />}
        {notice === 'posted' ? <Flash kind="success">{t(lang, 'composer.posted')}</Flash> : null}
        {page.maxId ? null : <Composer lang={lang} viewer={viewer} returnTo="/" />}
        <h2 class="section-title">{t(lang, 'home.timeline')}</h2>
        {page.maxId ? null : <NewPostsBanner lang={lang} timeline="home" href="/" />}
        {result.statuses.length === 0 && !page.maxId ? (
          <div class="empty-state">
            <p>{t(lang, 'home.empty')}</p>
            <a class="button" href="/public">{t(lang, 'home.exploreCta')}</a>
          </div>
        ) : (
          <StatusList statuses={result.statuses} lang={lang} viewer={viewer} returnTo="/" empty={t(lang, 'home.empty')} />
        )}
        <Pagination lang={lang} url={c.req.url} nextMaxId={more(result.statuses.length, result.nextMaxId)} />
      </>,
    );
  });
}
