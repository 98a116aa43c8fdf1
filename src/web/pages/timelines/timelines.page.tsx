import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { normalizeTag } from '../../../posts/text-entities.js';
import { publicTimeline, tagTimeline } from '../../../timelines/timelines.service.js';
import { Pagination } from '../../components/pagination.js';
import { StatusList } from '../../components/status-card.js';
import { t } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import { NewPostsBanner } from '../../live/live-updates.js';
import type { WebContext } from '../../web-context.js';
import { maxIdOf } from '../profile/profile.page.js';

export const TIMELINE_PAGE_SIZE = 20;

function returnPath(c: WebContext): string {
  const url = new URL(c.req.url);
  return url.pathname + url.search;
}

/** `/public` (the local timeline) and `/tags/:tag`. */
export function mountTimelinePages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/public', async (c) => {
    const lang = c.get('lang');
    const viewer = c.get('viewer');
    const result = await publicTimeline(app, viewer, { maxId: maxIdOf(c), limit: TIMELINE_PAGE_SIZE }, { local: true });
    return renderPage(
      c,
      { title: t(lang, 'public.title'), description: t(lang, 'public.lead'), section: 'explore' },
      <>
        <header class="page-header">
          <h1>{t(lang, 'public.title')}</h1>
          <p>{t(lang, 'public.lead')}</p>
        </header>
        {maxIdOf(c) ? null : <NewPostsBanner lang={lang} timeline="local" href="/public" />}
        <StatusList statuses={result.statuses} lang={lang} viewer={viewer} returnTo={returnPath(c)} empty={t(lang, 'public.empty')} />
        <Pagination lang={lang} url={c.req.url} nextMaxId={result.statuses.length >= TIMELINE_PAGE_SIZE ? result.nextMaxId : null} />
      </>,
    );
  });

  hono.get('/tags/:tag', async (c) => {
    const lang = c.get('lang');
    const viewer = c.get('viewer');
    const tag = normalizeTag(c.req.param('tag').replace(/^#/, '')).slice(0, 100);
    const result = tag ? await tagTimeline(app, viewer, tag, { maxId: maxIdOf(c), limit: TIMELINE_PAGE_SIZE }) : { statuses: [], nextMaxId: null };
    return renderPage(
      c,
      { title: t(lang, 'tag.title', { tag }), description: t(lang, 'tag.lead', { tag }), canonical: `/tags/${encodeURIComponent(tag)}`, section: 'explore' },
      <>
        <header class="page-header">
          <h1>{t(lang, 'tag.title', { tag })}</h1>
          <p>{t(lang, 'tag.lead', { tag })}</p>
        </header>
        {maxIdOf(c) || !tag ? null : <NewPostsBanner lang={lang} timeline={`tag:${tag}`} href={`/tags/${encodeURIComponent(tag)}`} />}
        <StatusList statuses={result.statuses} lang={lang} viewer={viewer} returnTo={returnPath(c)} empty={t(lang, 'tag.empty')} />
        <Pagination lang={lang} url={c.req.url} nextMaxId={result.statuses.length >= TIMELINE_PAGE_SIZE ? result.nextMaxId : null} />
      </>,
    );
  });
}
