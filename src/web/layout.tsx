import type { Child } from 'hono/jsx';
import { listAnnouncements, type AnnouncementEntity } from '../announcements/announcements.service.js';
import { AnnouncementBanner } from './announcements/announcement-banner.js';
import { html } from 'hono/html';
import type { Viewer } from '../auth/viewer.js';
import { langSwitchHref } from './i18n/language.js';
import { badgeText, navCounts, type NavCounts } from './nav-counts.js';
import { t, type Lang } from './i18n/i18n.js';
import { staticUrl } from './static.js';
import { webApp, type WebContext } from './web-context.js';
import { LiveScript } from './live/live-updates.js';

/** What a page says about itself to browsers, search engines and link previews. */
export interface PageMeta {
  title: string;
  description?: string;
  /** Path or absolute URL of the canonical page; defaults to the current path. */
  canonical?: string;
  /** Absolute URL of the preview image (OpenGraph/Twitter). */
  image?: string;
  /** OpenGraph type. */
  type?: 'website' | 'article' | 'profile';
  /** Keep the page out of search engines (settings, editors, private content). */
  noindex?: boolean;
  /** Extra `<meta>`/`<link>` tags, e.g. `article:published_time`. */
  head?: Child;
  /** Which main-nav entry is current. */
  section?: NavSection;
}

export type NavSection = 'home' | 'explore' | 'search' | 'write' | 'notifications' | 'messages' | 'settings' | 'profile' | 'auth' | 'moderation' | 'consultas' | 'care-requests' | 'groups' | 'promotions' | 'analytics' | 'directory';

interface LayoutProps extends PageMeta {
  lang: Lang;
  viewer: Viewer | null;
  /** The request URL (for the language switch and default canonical). */
  url: string;
  publicUrl: string;
  instanceName: string;
  /** Unread counts for the navigation badges (signed-in pages). */
  counts?: NavCounts | undefined;
  /** The administrators' announcements this person has not dismissed (signed-in pages). */
  announcements?: AnnouncementEntity[] | undefined;
  children?: Child;
}

/** Hidden CSRF field every POST form needs (the session's synchroniser token). */
export function CsrfField({ viewer }: { viewer: Viewer | null }) {
  return <input type="hidden" name="_csrf" value={viewer?.csrfToken ?? ''} />;
}

function absolute(publicUrl: string, pathOrUrl: string): string {
  return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${publicUrl}${pathOrUrl.startsWith('/') ? '' : '/'}${pathOrUrl}`;
}

function NavLink(props: { href: string; current: boolean; children: Child; optional?: boolean }) {
  return (
    <li class={props.optional ? 'nav-optional' : undefined}>
      <a href={props.href} aria-current={props.current ? 'page' : undefined}>
        {props.children}
      </a>
    </li>
  );
}

/**
 * An unread count next to a navigation link. Always rendered (hidden at zero) so the live-update
 * script can find it by `data-live-count` and change it without reloading the page.
 */
function UnreadBadge({ lang, live, count }: { lang: Lang; live: 'notifications' | 'messages' | 'careRequests'; count: number }) {
  return (
    <span class="nav-badge" data-live-count={live} hidden={count === 0} title={t(lang, 'nav.unreadNotifications', { count: badgeText(count) })}>
      {badgeText(count)}
    </span>
  );
}

function MainNav({ lang, viewer, section, counts }: { lang: Lang; viewer: Viewer | null; section: NavSection | undefined; counts: NavCounts | undefined }) {
  return (
    <nav class="main-nav" aria-label={t(lang, 'nav.main')}>
      <ul>
        <NavLink href="/" current={section === 'home'} optional={!viewer}>{t(lang, 'nav.home')}</NavLink>
        <NavLink href="/public" current={section === 'explore'}>{t(lang, 'nav.explore')}</NavLink>
        <NavLink href="/consultas" current={section === 'consultas'}>{t(lang, 'consultas.title')}</NavLink>
        <NavLink href="/directory" current={section === 'directory'}>{t(lang, 'nav.directory')}</NavLink>
        <NavLink href="/groups" current={section === 'groups'}>{t(lang, 'groups.nav')}</NavLink>
        <NavLink href="/search" current={section === 'search'}>{t(lang, 'nav.search')}</NavLink>
        {viewer ? (
          <>
            <NavLink href="/articles/new" current={section === 'write'}>{t(lang, 'nav.write')}</NavLink>
            <NavLink href="/notifications" current={section === 'notifications'}>
              {t(lang, 'nav.notifications')}
              <UnreadBadge lang={lang} live="notifications" count={counts?.notifications ?? 0} />
            </NavLink>
            {/* ── Messages slot (private messages, src/messages/): shown once `navCounts` fills `messages`. ── */}
            {counts?.messages !== undefined ? (
              <NavLink href="/messages" current={section === 'messages'}>
                {t(lang, 'nav.messages')}
                <UnreadBadge lang={lang} live="messages" count={counts.messages} />
              </NavLink>
            ) : null}
            {/* ── End of the messages slot. ── */}
            {counts?.careRequests !== undefined ? (
              <NavLink href="/care-requests" current={section === 'care-requests'}>
                {t(lang, 'nav.careRequests')}
                <UnreadBadge lang={lang} live="careRequests" count={counts.careRequests} />
              </NavLink>
            ) : null}
            {counts?.promotions ? (
              <NavLink href="/promotions" current={section === 'promotions'}>
                {t(lang, 'nav.promotions')}
              </NavLink>
            ) : null}
            {counts?.analytics ? <NavLink href="/estadisticas" current={section === 'analytics'}>{t(lang, 'nav.analytics')}</NavLink> : null}
            <NavLink href={`/@${viewer.username}`} current={section === 'profile'}>{t(lang, 'nav.profile')}</NavLink>
            <NavLink href="/settings/profile" current={section === 'settings'}>{t(lang, 'nav.settings')}</NavLink>
            {viewer.staffRole !== 'user' ? <NavLink href="/admin/reports" current={section === 'moderation'}>{t(lang, 'nav.moderation')}</NavLink> : null}
            <li>
              <form method="post" action="/auth/sign_out" class="inline-form">
                <CsrfField viewer={viewer} />
                <button type="submit" class="link-button">{t(lang, 'nav.signOut')}</button>
              </form>
            </li>
          </>
        ) : (
          <>
            <NavLink href="/auth/sign_in" current={false}>{t(lang, 'nav.signIn')}</NavLink>
            <li>
              <a class="button button-small" href="/auth/sign_up">{t(lang, 'nav.signUp')}</a>
            </li>
          </>
        )}
      </ul>
    </nav>
  );
}

function LanguageSwitch({ lang, url }: { lang: Lang; url: string }) {
  return (
    <nav class="lang-switch" aria-label={t(lang, 'nav.language')}>
      {(['es', 'en'] as const).map((code, i) => (
        <>
          {i > 0 ? <span aria-hidden="true"> | </span> : null}
          {code === lang ? (
            <span aria-current="true" lang={code} title={t(code, code === 'es' ? 'lang.es' : 'lang.en')}>{code.toUpperCase()}</span>
          ) : (
            <a href={langSwitchHref(url, code)} hreflang={code} lang={code} title={t(code, code === 'es' ? 'lang.es' : 'lang.en')}>
              {code.toUpperCase()}
            </a>
          )}
        </>
      ))}
    </nav>
  );
}

/** The page shell: head metadata, header with navigation and language switch, main, footer. */
export function Layout(props: LayoutProps) {
  const { lang, viewer, publicUrl, instanceName } = props;
  const current = new URL(props.url);
  const canonical = absolute(publicUrl, props.canonical ?? current.pathname);
  const description = props.description || t(lang, 'site.description');
  const fullTitle = props.title ? `${props.title} · ${instanceName}` : `${instanceName} · ${t(lang, 'site.tagline')}`;
  const image = props.image ?? absolute(publicUrl, '/static/og-image.png');
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={description} />
        {props.noindex ? <meta name="robots" content="noindex, nofollow" /> : null}
        <link rel="canonical" href={canonical} />
        <meta property="og:site_name" content={instanceName} />
        <meta property="og:type" content={props.type ?? 'website'} />
        <meta property="og:title" content={props.title || instanceName} />
        <meta property="og:description" content={description} />
        <meta property="og:url" content={canonical} />
        <meta property="og:image" content={image} />
        <meta property="og:locale" content={lang === 'es' ? 'es_ES' : 'en_GB'} />
        <meta name="twitter:card" content={props.image ? 'summary_large_image' : 'summary'} />
        <meta name="twitter:title" content={props.title || instanceName} />
        <meta name="twitter:description" content={description} />
        <meta name="twitter:image" content={image} />
        {props.head}
        <meta name="theme-color" content="#0b6e69" />
        <link rel="icon" href={staticUrl('favicon.svg')} type="image/svg+xml" />
        <link rel="stylesheet" href={staticUrl('style.css')} />
        <script src={staticUrl('app.js')} defer></script>
        {/* Live updates (src/web/live/) */}
        <LiveScript viewer={viewer} />
      </head>
      <body>
        <a class="skip-link" href="#content">{t(lang, 'skip.toContent')}</a>
        <header class="site-header">
          <div class="site-header-inner">
            <a class="brand" href="/">
              <img src={staticUrl('logo.svg')} alt="" width="32" height="32" />
              <span class="brand-name">{instanceName}</span>
              <span class="brand-tagline">{t(lang, 'site.tagline')}</span>
            </a>
            <LanguageSwitch lang={lang} url={props.url} />
            <MainNav lang={lang} viewer={viewer} section={props.section} counts={props.counts} />
          </div>
        </header>
        <main id="content" tabindex={-1}>
          {viewer && props.announcements ? <AnnouncementBanner lang={lang} viewer={viewer} items={props.announcements} returnTo={current.pathname + current.search} /> : null}
          {props.children}
        </main>
        <footer class="site-footer">
          <p>{t(lang, 'footer.emergency')}</p>
          <p>{t(lang, 'footer.about')}</p>
          <p>
            <a href="/privacy-policy">{t(lang, 'footer.privacy')}</a> · <a href="/terms-of-service">{t(lang, 'footer.terms')}</a> · <a href="/api/openapi.json">{t(lang, 'footer.api')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** The full HTML document of a page, as a string (language, viewer and site from the request). */
export async function pageHtml(c: WebContext, meta: PageMeta, body: Child): Promise<string> {
  const app = webApp(c);
  const viewer = c.get('viewer');
  // A badge must never break a page (an error page rendered while the database is away).
  const counts = viewer && !viewer.mfaPending ? await navCounts(app, viewer).catch((err: unknown) => void app.log.warn('navigation counts failed', { err })) : undefined;
  const announcements = viewer && !viewer.mfaPending ? await listAnnouncements(app, viewer.accountId, false).catch((err: unknown) => void app.log.warn('announcements failed', { err })) : undefined;
  const page = (
    <Layout {...meta} lang={c.get('lang')} viewer={viewer} url={c.req.url} publicUrl={app.config.publicUrl} instanceName={app.config.instanceName} counts={counts} announcements={announcements || undefined}>
      {body}
    </Layout>
  );
  return (await html`<!doctype html>${page}`).toString();
}

export type PageStatus = 200 | 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429 | 500;

/**
 * Renders a full HTML page from a handler: `return renderPage(c, { title, description }, <body/>)`.
 * Pages are personalised (viewer, language), so shared caches must not keep them.
 */
export function renderPage(c: WebContext, meta: PageMeta, body: Child, status: PageStatus = 200) {
  c.header('Cache-Control', 'private, no-cache');
  c.header('Vary', 'Cookie');
  return c.html(pageHtml(c, meta, body), status) as Response | Promise<Response>;
}
