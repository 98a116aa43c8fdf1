import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { anonymousCsrfToken } from '../../auth/anonymous-csrf.js';
import { listAccountGallery, showsGallery } from '../../galleries/galleries.service.js';
import { publishGalleryRefusal } from '../../galleries/galleries.policy.js';
import { toGalleryEntities } from '../../galleries/gallery-entity.js';
import { findAccountById } from '../../accounts/accounts.repository.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { Pagination } from '../components/pagination.js';
import { TextField, type FieldErrors } from '../components/form-fields.js';
import { signInRedirect } from '../forms.js';
import { t } from '../i18n/i18n.js';
import { renderPage, type PageStatus } from '../layout.js';
import { authPage } from '../auth/mail-forms.js';
import type { WebContext } from '../web-context.js';
import { HANDLE, handleOf, loadProfile } from '../pages/profile/profile-data.js';
import { ProfileHeader, ProfileTabs } from '../pages/profile/profile-header.js';
import { maxIdOf } from '../pages/profile/profile.page.js';
import { GalleryEntryCard, GalleryForm, type GalleryFormValues } from './gallery-parts.js';
import { staticUrl } from '../static.js';

const PAGE_SIZE = 12;
const styles = <link rel="stylesheet" href={staticUrl('galleries.css')} />;

/** `/@handle/gallery`: the before/after pairs of a clinic or professional (withdrawn ones say so). */
async function galleryTab(c: WebContext, app: AppContext) {
  const lang = c.get('lang');
  const viewer = c.get('viewer');
  const profile = await loadProfile(app, handleOf(c.req.param('handle')!), viewer);
  const page = { maxId: maxIdOf(c), limit: PAGE_SIZE };
  const { entries } = await listAccountGallery(app, viewer, profile.row.id, page);
  const shown = await toGalleryEntities(app, viewer, entries);
  const name = profile.account.display_name || profile.account.username;
  const notice = noticeFrom(c.req.url);
  const notices: Record<string, string> = { withdrawn: t(lang, 'gallery.notice.withdrawn'), deleted: t(lang, 'gallery.notice.deleted'), published: t(lang, 'gallery.notice.published') };
  const mayPublish = profile.isOwner && publishGalleryRefusal(profile.row) === null;
  return renderPage(
    c,
    { title: t(lang, 'gallery.title', { name }), description: t(lang, 'gallery.lead'), canonical: `/@${profile.account.acct}/gallery`, image: profile.account.avatar, type: 'profile', head: styles },
    <>
      {notice && notices[notice] ? <Flash kind="success">{notices[notice]}</Flash> : null}
      <ProfileHeader profile={profile} viewer={viewer} lang={lang} tab="gallery" returnTo={`/@${profile.account.acct}/gallery`} />
      <ProfileTabs account={profile.account} lang={lang} tab="gallery" gallery={await showsGallery(app, profile.row, viewer)} />
      <section aria-labelledby="gallery-title">
        <h2 id="gallery-title" class="section-title">
          {t(lang, 'gallery.title', { name })}
        </h2>
        <p class="gallery-lead">{t(lang, 'gallery.lead')}</p>
        {mayPublish ? (
          <p>
            <a class="button" href="/gallery/new">
              {t(lang, 'gallery.new')}
            </a>
          </p>
        ) : null}
        {shown.length === 0 ? <p class="empty-state">{t(lang, 'gallery.empty')}</p> : null}
        <div class="gallery-list">
          {shown.map((entry) => (
            <GalleryEntryCard entry={entry} lang={lang} viewer={viewer} />
          ))}
        </div>
        <Pagination lang={lang} url={c.req.url} nextMaxId={entries.length >= PAGE_SIZE ? (entries.at(-1)?.id ?? null) : null} />
        <p class="gallery-withdraw-link">
          <a href="/gallery/withdraw">{t(lang, 'gallery.withdrawPage.link')}</a>
        </p>
      </section>
    </>,
  );
}

export const EMPTY_GALLERY_FORM = (lang: 'es' | 'en'): GalleryFormValues => ({
  treatment: '',
  description: '',
  before: null,
  after: null,
  consent: { subject: '', date: '', statement: t(lang, 'gallery.form.statementDefault'), scope: false, confirmed: false },
});

/** The form of a new pair (and again, with what was typed and uploaded, after a refusal). */
export async function galleryFormPage(c: WebContext, app: AppContext, values?: GalleryFormValues, errors: FieldErrors = {}, status: PageStatus = 200) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const refusal = publishGalleryRefusal(await findAccountById(app.db, viewer.accountId));
  if (refusal) throw refusal;
  return renderPage(
    c,
    { title: t(lang, 'gallery.form.title'), noindex: true, head: styles },
    <section class="narrow">
      <header class="page-header">
        <h1>{t(lang, 'gallery.form.title')}</h1>
        <p>{t(lang, 'gallery.form.lead')}</p>
      </header>
      <GalleryForm lang={lang} viewer={viewer} values={values ?? EMPTY_GALLERY_FORM(lang)} errors={errors} />
    </section>,
    status,
  );
}

/** The patient's withdrawal pages (no account): the code, a confirmation, the outcome. */
export function withdrawalPage(c: WebContext, app: AppContext, step: { kind: 'code'; error?: string; code?: string } | { kind: 'confirm'; code: string; treatment: string; clinic: string } | { kind: 'done' | 'already' }, status: PageStatus = 200) {
  const lang = c.get('lang');
  c.header('Referrer-Policy', 'no-referrer');
  const csrf = step.kind === 'code' || step.kind === 'confirm' ? anonymousCsrfToken(c, app.config) : '';
  return authPage(
    c,
    t(lang, 'gallery.withdrawPage.title'),
    <>
      <h1>{t(lang, step.kind === 'confirm' ? 'gallery.withdrawPage.confirmTitle' : 'gallery.withdrawPage.title')}</h1>
      {step.kind === 'done' ? <Flash kind="success">{t(lang, 'gallery.withdrawPage.done')}</Flash> : null}
      {step.kind === 'already' ? <Flash kind="info">{t(lang, 'gallery.withdrawPage.already')}</Flash> : null}
      {step.kind === 'code' ? (
        <form method="post" action="/gallery/withdraw" class="stack-form">
          <p>{t(lang, 'gallery.withdrawPage.lead')}</p>
          <input type="hidden" name="_csrf" value={csrf} />
          <TextField name="code" label={t(lang, 'gallery.withdrawPage.code')} value={step.code ?? ''} required maxLength={64} autocomplete="off" spellcheck={false} error={step.error} />
          <p class="actions">
            <button type="submit" class="button">
              {t(lang, 'gallery.withdrawPage.next')}
            </button>
          </p>
        </form>
      ) : null}
      {step.kind === 'confirm' ? (
        <form method="post" action="/gallery/withdraw" class="stack-form">
          <p>{t(lang, 'gallery.withdrawPage.confirmLead', { treatment: step.treatment, clinic: step.clinic })}</p>
          <input type="hidden" name="_csrf" value={csrf} />
          <input type="hidden" name="code" value={step.code} />
          <input type="hidden" name="confirm" value="1" />
          <p class="actions">
            <button type="submit" class="button button-danger">
              {t(lang, 'gallery.withdrawPage.confirm')}
            </button>
          </p>
        </form>
      ) : null}
    </>,
    status,
  );
}

/** Gallery pages: a profile's pairs, the form of a new one, the patient's withdrawal. */
export function mountGalleryPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(`/${HANDLE}/gallery`, (c) => galleryTab(c, app));
  hono.get('/gallery/new', (c) => galleryFormPage(c, app));
  hono.get('/gallery/withdraw', (c) => withdrawalPage(c, app, { kind: 'code' }));
}
