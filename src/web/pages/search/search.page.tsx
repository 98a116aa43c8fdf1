import type { Child } from 'hono/jsx';
import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { search, SEARCH_MAX_OFFSET, type SearchResults, type SearchType } from '../../../search/search.service.js';
import { AccountList } from '../../components/account-list.js';
import { isArticle, StatusList } from '../../components/status-card.js';
import { t, type Lang } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import type { WebContext } from '../../web-context.js';

const LIMIT = 20;
const OVERVIEW_LIMIT = 8;
const TYPES: readonly SearchType[] = ['accounts', 'statuses', 'hashtags'];

function searchHref(q: string, type?: SearchType, offset?: number): string {
  const params = new URLSearchParams({ q });
  if (type) params.set('type', type);
  if (offset) params.set('offset', String(offset));
  return `/search?${params.toString()}`;
}

function Section(props: { id: string; title: string; more?: string | null; lang: Lang; children: Child }) {
  return (
    <section class="search-section" aria-labelledby={props.id}>
      <h2 class="section-title" id={props.id}>{props.title}</h2>
      {props.children}
      {props.more ? (
        <p>
          <a href={props.more}>{t(props.lang, 'search.more')} →</a>
        </p>
      ) : null}
    </section>
  );
}

function Results(props: { c: WebContext; q: string; type: SearchType | undefined; offset: number; results: SearchResults; limit: number }) {
  const { c, q, type, results, limit } = props;
  const lang = c.get('lang');
  const viewer = c.get('viewer');
  const returnTo = searchHref(q, type, props.offset);
  const articles = results.statuses.filter(isArticle);
  const notes = results.statuses.filter((s) => !isArticle(s));
  const full = (n: number) => n >= limit;
  const moreOf = (kind: SearchType, n: number) => (!full(n) ? null : type ? (props.offset + limit <= SEARCH_MAX_OFFSET ? searchHref(q, type, props.offset + limit) : null) : searchHref(q, kind));
  const nothing = results.accounts.length + results.statuses.length + results.hashtags.length === 0;
  if (nothing) return <p class="empty-state">{t(lang, 'search.noResults', { q })}</p>;
  return (
    <>
      {results.accounts.length ? (
        <Section id="results-accounts" title={t(lang, 'search.accounts')} more={moreOf('accounts', results.accounts.length)} lang={lang}>
          <AccountList accounts={results.accounts} lang={lang} empty="" />
        </Section>
      ) : null}
      {results.hashtags.length ? (
        <Section id="results-tags" title={t(lang, 'search.hashtags')} more={moreOf('hashtags', results.hashtags.length)} lang={lang}>
          <ul class="tag-list">
            {results.hashtags.map((h) => (
              <li>
                <a href={`/tags/${encodeURIComponent(h.name)}`}>#{h.name}</a>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {articles.length ? (
        <Section id="results-articles" title={t(lang, 'search.articles')} lang={lang}>
          <StatusList statuses={articles} lang={lang} viewer={viewer} returnTo={returnTo} empty="" />
        </Section>
      ) : null}
      {notes.length || (results.statuses.length && full(results.statuses.length)) ? (
        <Section id="results-statuses" title={t(lang, 'search.statuses')} more={moreOf('statuses', results.statuses.length)} lang={lang}>
          <StatusList statuses={notes} lang={lang} viewer={viewer} returnTo={returnTo} empty="" />
        </Section>
      ) : null}
    </>
  );
}

/** `/search?q=`: people and organisations, hashtags, articles and posts (accents do not matter). */
export function mountSearchPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/search', async (c) => {
    const lang = c.get('lang');
    const viewer = c.get('viewer');
    const q = (c.req.query('q') ?? '').trim().slice(0, 200);
    const typeParam = c.req.query('type');
    const type = TYPES.find((x) => x === typeParam);
    const offset = Math.min(Math.max(Number.parseInt(c.req.query('offset') ?? '0', 10) || 0, 0), SEARCH_MAX_OFFSET);
    const limit = type ? LIMIT : OVERVIEW_LIMIT;
    const results = q ? await search(app, viewer, { q, limit, offset, ...(type ? { type } : {}) }) : null;
    return renderPage(
      c,
      { title: q ? t(lang, 'search.resultsFor', { q }) : t(lang, 'search.title'), description: t(lang, 'search.hint'), noindex: Boolean(q), section: 'search' },
      <>
        <header class="page-header">
          <h1>{q ? t(lang, 'search.resultsFor', { q }) : t(lang, 'search.title')}</h1>
        </header>
        <form method="get" action="/search" role="search" class="search-form">
          <label for="search-q" class="visually-hidden">{t(lang, 'search.label')}</label>
          <input id="search-q" type="search" name="q" value={q} placeholder={t(lang, 'search.placeholder')} aria-describedby="search-hint" maxlength={200} />
          {type ? <input type="hidden" name="type" value={type} /> : null}
          <button type="submit" class="button">{t(lang, 'search.submit')}</button>
        </form>
        <p class="field-hint" id="search-hint">{t(lang, 'search.hint')}</p>
        {q ? (
          <nav class="tabs" aria-label={t(lang, 'search.tabs')}>
            <a href={searchHref(q)} aria-current={!type ? 'page' : undefined}>{t(lang, 'search.all')}</a>
            <a href={searchHref(q, 'accounts')} aria-current={type === 'accounts' ? 'page' : undefined}>{t(lang, 'search.accounts')}</a>
            <a href={searchHref(q, 'statuses')} aria-current={type === 'statuses' ? 'page' : undefined}>{t(lang, 'search.statuses')}</a>
            <a href={searchHref(q, 'hashtags')} aria-current={type === 'hashtags' ? 'page' : undefined}>{t(lang, 'search.hashtags')}</a>
          </nav>
        ) : null}
        {results ? <Results c={c} q={q} type={type} offset={offset} results={results} limit={limit} /> : null}
      </>,
    );
  });
}
