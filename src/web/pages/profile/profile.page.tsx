import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import { findAccountsByIds } from '../../../accounts/accounts.repository.js';
import { toMastodonAccount } from '../../../accounts/accounts.serializer.js';
import { follow, listFollows, unfollow } from '../../../relations/follows.service.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../../http/route.js';
import { accountArticles, accountStatuses } from '../../../timelines/timelines.service.js';
import { AccountList, bioExcerpt } from '../../components/account-list.js';
import { profilePath } from '../../components/account-name.js';
import { Flash, noticeFrom } from '../../components/flash.js';
import { Pagination } from '../../components/pagination.js';
import { StatusList } from '../../components/status-card.js';
import { roleLabel } from '../../components/verified-badge.js';
import { JsonLd } from '../../components/json-ld.js';
import { formFields, safeReturnPath, type FormFields } from '../../forms.js';
import { t, type Lang } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import type { WebContext } from '../../web-context.js';
import { HANDLE, handleOf, loadProfile, type ProfileData } from './profile-data.js';
import { ProfileComplaints } from '../../complaints/profile-complaints.js';
import { ProfileHeader, ProfileTabs, type ProfileTab } from './profile-header.js';
import { PracticeSection } from './practice-section.js';
import { OrganisationGroups } from '../../groups/organisation-groups.js';
import { showsGallery } from '../../../galleries/galleries.service.js';
import { InfluenceSection } from './influence-section.js';

const PAGE_SIZE = 20;
const CURSOR = /^\d{1,19}$/;

/** The `max_id` query parameter when it is a valid cursor. */
export function maxIdOf(c: WebContext): string | undefined {
  const v = c.req.query('max_id');
  return v && CURSOR.test(v) ? v : undefined;
}

function describe(profile: ProfileData, lang: Lang): string {
  const bio = bioExcerpt(profile.account, 200);
  const role = roleLabel(profile.account, lang);
  return [role, bio].filter(Boolean).join(' · ') || t(lang, 'site.description');
}

function ProfileNotice({ c, profile }: { c: WebContext; profile: ProfileData }) {
  const notice = noticeFrom(c.req.url);
  const name = profile.account.display_name || profile.account.username;
  if (notice === 'followed') return <Flash kind="success">{t(c.get('lang'), 'profile.followed', { name })}</Flash>;
  if (notice === 'unfollowed') return <Flash kind="success">{t(c.get('lang'), 'profile.unfollowed', { name })}</Flash>;
  if (notice === 'requested') return <Flash kind="success">{t(c.get('lang'), 'relations.requested', { name })}</Flash>;
  if (notice === 'withdrawn') return <Flash kind="success">{t(c.get('lang'), 'relations.withdrawn', { name })}</Flash>;
  return null;
}

function currentPath(c: WebContext): string {
  const url = new URL(c.req.url);
  url.searchParams.delete('notice');
  return url.pathname + url.search;
}

async function statusesTab(c: WebContext, app: AppContext, tab: 'posts' | 'articles') {
  const lang = c.get('lang');
  const viewer = c.get('viewer');
  const profile = await loadProfile(app, handleOf(c.req.param('handle')!), viewer);
  const page = { maxId: maxIdOf(c), limit: PAGE_SIZE };
  const result =
    tab === 'articles'
      ? await accountArticles(app, viewer, profile.row.id, page)
      : await accountStatuses(app, viewer, profile.row.id, page, { excludeReplies: true });
  // Pinned posts first, on the first page of posts (and not again just below them).
  const pinned = tab === 'posts' && !page.maxId ? (await accountStatuses(app, viewer, profile.row.id, { limit: PAGE_SIZE }, { pinned: true })).statuses : [];
  const pinnedIds = new Set(pinned.map((s) => s.id));
  const name = profile.account.display_name || profile.account.username;
  const path = profilePath(profile.account);
  const returnTo = currentPath(c);
  return renderPage(
    c,
    {
      title: tab === 'articles' ? t(lang, 'profile.articlesOf', { name }) : `${name} (@${profile.account.acct})`,
      description: tab === 'articles' ? t(lang, 'profile.blogLead', { name }) : describe(profile, lang),
      canonical: tab === 'articles' ? `${path}/articles` : path,
      image: profile.account.avatar,
      type: 'profile',
      section: profile.isOwner ? 'profile' : undefined,
      head: (
        <>
          <meta property="profile:username" content={profile.account.acct} />
          <JsonLd
            data={{
              '@type': 'ProfilePage',
              mainEntity: {
                '@type': profile.account.medired.kind === 'organization' ? 'Organization' : 'Person',
                name,
                alternateName: `@${profile.account.acct}`,
                url: profile.account.url,
                image: profile.account.avatar,
                description: bioExcerpt(profile.account, 300) || undefined,
                ...(profile.account.medired.kind === 'professional' && roleLabel(profile.account, lang) ? { jobTitle: roleLabel(profile.account, lang) } : {}),
                ...(profile.account.medired.website ? { sameAs: [profile.account.medired.website] } : {}),
              },
            }}
          />
        </>
      ),
    },
    <>
      <ProfileNotice c={c} profile={profile} />
      <ProfileHeader profile={profile} viewer={viewer} lang={lang} tab={tab} returnTo={returnTo} />
      {tab === 'posts' ? <PracticeSection app={app} profile={profile} viewer={viewer} lang={lang} /> : null}
      {tab === 'posts' ? <InfluenceSection app={app} profile={profile} lang={lang} /> : null}
      {tab === 'posts' ? <ProfileComplaints app={app} profile={profile} viewer={viewer} lang={lang} /> : null}
      {tab === 'posts' ? <OrganisationGroups app={app} account={profile.account} lang={lang} /> : null}
      <ProfileTabs account={profile.account} lang={lang} tab={tab} gallery={await showsGallery(app, profile.row, viewer)} />
      {pinned.length ? (
        <section class="pinned-statuses" aria-labelledby="pinned-heading">
          <h2 id="pinned-heading" class="section-label">{t(lang, 'profile.pinned')}</h2>
          <StatusList statuses={pinned} lang={lang} viewer={viewer} returnTo={returnTo} empty="" />
        </section>
      ) : null}
      <h2 class="visually-hidden">{t(lang, tab === 'articles' ? 'profile.articles' : 'profile.posts')}</h2>
      <StatusList statuses={result.statuses.filter((s) => !pinnedIds.has(s.id))} lang={lang} viewer={viewer} returnTo={returnTo} empty={t(lang, tab === 'articles' ? 'profile.noArticles' : 'profile.noPosts')} />
      <Pagination lang={lang} url={c.req.url} nextMaxId={result.statuses.length >= PAGE_SIZE ? result.nextMaxId : null} />
    </>,
  );
}

async function followList(c: WebContext, app: AppContext, direction: 'followers' | 'following') {
  const lang = c.get('lang');
  const viewer = c.get('viewer');
  const profile = await loadProfile(app, handleOf(c.req.param('handle')!), viewer);
  const page = await listFollows(app.db, profile.row.id, direction, { maxId: maxIdOf(c), limit: PAGE_SIZE * 2 });
  const rows = new Map((await findAccountsByIds(app.db, page.map((p) => p.accountId))).map((r) => [r.id, r]));
  const accounts = page.flatMap((p) => {
    const row = rows.get(p.accountId);
    return row ? [toMastodonAccount(row, app.config)] : [];
  });
  const name = profile.account.display_name || profile.account.username;
  const title = t(lang, direction === 'followers' ? 'profile.followersOf' : 'profile.followingOf', { name });
  const tab: ProfileTab = direction;
  return renderPage(
    c,
    { title, description: describe(profile, lang), canonical: `${profilePath(profile.account)}/${direction}`, image: profile.account.avatar, type: 'profile', noindex: true },
    <>
      <ProfileHeader profile={profile} viewer={viewer} lang={lang} tab={tab} returnTo={currentPath(c)} />
      <h2 class="section-title">{title}</h2>
      <AccountList accounts={accounts} lang={lang} empty={t(lang, direction === 'followers' ? 'profile.noFollowers' : 'profile.noFollowing')} />
      <Pagination lang={lang} url={c.req.url} nextMaxId={page.length >= PAGE_SIZE * 2 ? page.at(-1)?.cursor : null} />
    </>,
  );
}

async function followAction(c: WebContext, app: AppContext, viewer: Viewer, form: FormFields, action: 'follow' | 'unfollow') {
  const profile = await loadProfile(app, handleOf(c.req.param('handle')!), viewer);
  let notice: 'followed' | 'requested' | 'unfollowed' | 'withdrawn';
  if (action === 'follow') {
    const outcome = await follow(app, viewer.accountId, profile.row.id);
    notice = outcome === 'requested' || profile.relationship?.requested ? 'requested' : 'followed';
  } else {
    await unfollow(app, viewer.accountId, profile.row.id);
    notice = profile.relationship?.requested ? 'withdrawn' : 'unfollowed';
  }
  const back = new URL(safeReturnPath(form.return_to, profilePath(profile.account)), app.config.publicUrl);
  back.searchParams.set('notice', notice);
  return c.redirect(back.pathname + back.search, 303);
}

/** Public profile pages at Mastodon's paths: `/@handle`, its articles, followers and following. */
export function mountProfilePages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(`/${HANDLE}`, (c) => statusesTab(c, app, 'posts'));
  hono.get(`/${HANDLE}/articles`, (c) => statusesTab(c, app, 'articles'));
  hono.get(`/${HANDLE}/followers`, (c) => followList(c, app, 'followers'));
  hono.get(`/${HANDLE}/following`, (c) => followList(c, app, 'following'));
}

/** Follow and unfollow buttons of a profile. */
export const profileFormRoutes: AnyRoute[] = (['follow', 'unfollow'] as const).map((action) =>
  defineFormRoute({
    path: `/${HANDLE}/${action}`,
    summary: `${action === 'follow' ? 'Follow' : 'Unfollow'} an account from its profile`,
    auth: 'user',
    scope: 'write:follows',
    body: formFields,
    handler: ({ c, app, viewer, body }) => followAction(c, app, viewer, body, action),
  }),
);
