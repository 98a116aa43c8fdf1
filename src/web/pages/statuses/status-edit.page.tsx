import { withOpenedText } from '../../../messages/sealed-text.js';
import { PersonalDataWarning, personalDataToConfirm } from '../../components/personal-data-warning.js';
import type { PersonalDataMatch } from '../../../text/personal-data.js';
import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import type { Viewer } from '../../../auth/viewer.js';
import { AppError, forbidden } from '../../../errors.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../../http/route.js';
import { POST_MAX_CHARS } from '../../../posts/limits.js';
import { findStatusById, type StatusRow } from '../../../posts/posts.repository.js';
import { editStatus } from '../../../posts/statuses.service.js';
import type { MastodonStatus } from '../../../posts/status-views.js';
import { FormErrorSummary, TextArea, TextField, type FieldErrors } from '../../components/form-fields.js';
import { statusPath } from '../../components/status-card.js';
import { field, formFields } from '../../forms.js';
import { t } from '../../i18n/i18n.js';
import { CsrfField, renderPage } from '../../layout.js';
import type { WebContext } from '../../web-context.js';
import { ArticleForm, type ArticleValues } from '../articles/article-form.js';
import { articleCover, articleValues, checkArticle, currentCover } from '../articles/article-input.js';
import { imagesMissingAlt, type ComposerUpload } from '../../media/composer-media.js';
import { HANDLE } from '../profile/profile-data.js';
import { checkNoteForm, fieldErrorsOf } from './status-errors.js';
import { STATUS_ID, statusFromPath } from './status.page.js';

/** The author's own status for its edit page: 401 signed out, 404 invisible, 403 someone else's. */
async function ownStatus(c: WebContext, app: AppContext): Promise<{ viewer: Viewer; status: MastodonStatus; row: StatusRow } | Response> {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) throw new AppError('unauthorized', 'This page needs you to be signed in');
  const found = await statusFromPath(c, app);
  if (found instanceof Response) return found;
  if (found.account.id !== viewer.accountId) throw forbidden('Only the author may edit this status');
  const stored = await findStatusById(app.db, found.id);
  if (!stored) throw new AppError('not_found', 'Status not found');
  return { viewer, status: found, row: withOpenedText(app.sealer, stored) };
}

function DeleteForm({ c, status, label }: { c: WebContext; status: MastodonStatus; label: string }) {
  const lang = c.get('lang');
  return (
    <section class="card danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">{t(lang, 'edit.deleteHeading')}</h2>
      <form method="post" action={`/statuses/${status.id}/delete`} data-confirm={t(lang, 'status.deleteConfirm')}>
        <CsrfField viewer={c.get('viewer')} />
        <button type="submit" class="button button-danger">{label}</button>
      </form>
    </section>
  );
}

function noteEditPage(c: WebContext, status: MastodonStatus, values: { status: string; spoiler_text: string }, errors: FieldErrors = {}, personalData: PersonalDataMatch[] = []) {
  const lang = c.get('lang');
  return renderPage(
    c,
    { title: t(lang, 'edit.post.title'), noindex: true },
    <>
      <header class="page-header">
        <h1>{t(lang, 'edit.post.title')}</h1>
        <p>{t(lang, 'status.editHint')}</p>
      </header>
      <FormErrorSummary lang={lang} errors={errors} />
      <form method="post" action={`${statusPath(status)}/edit`} class="card">
        <CsrfField viewer={c.get('viewer')} />
        {personalData.length ? <PersonalDataWarning kind="post" lang={lang} matches={personalData} visibility={status.visibility} /> : null}
        <TextArea name="status" label={t(lang, 'composer.label')} value={values.status} rows={5} required counter={{ lang, max: POST_MAX_CHARS }} error={errors.status} />
        <TextField name="spoiler_text" label={t(lang, 'composer.cw')} hint={t(lang, 'composer.cwHint')} value={values.spoiler_text} maxLength={500} error={errors.spoiler_text} />
        <div class="actions">
          <button type="submit" class="button">{t(lang, 'status.editButton')}</button>
          <a href={statusPath(status)}>{t(lang, 'common.cancel')}</a>
        </div>
      </form>
      <DeleteForm c={c} status={status} label={t(lang, 'status.deleteButton')} />
    </>,
    Object.keys(errors).length || personalData.length ? 422 : 200,
  );
}

function articleEditPage(c: WebContext, status: MastodonStatus, values: ArticleValues, errors: FieldErrors = {}, preview = false, missingAlt: ComposerUpload[] = []) {
  const lang = c.get('lang');
  return renderPage(
    c,
    { title: t(lang, 'article.edit'), noindex: true, section: 'write' },
    <>
      <header class="page-header">
        <h1>{t(lang, 'article.edit')}</h1>
      </header>
      <ArticleForm lang={lang} viewer={c.get('viewer')!} action={`${statusPath(status)}/edit`} values={values} errors={errors} editing preview={preview} missingAlt={missingAlt} />
      <DeleteForm c={c} status={status} label={t(lang, 'article.deleteButton')} />
    </>,
    Object.keys(errors).length || missingAlt.length ? 422 : 200,
  );
}

/** `/@handle/:id/edit`: the author edits a post or an article (or deletes it). */
export function mountStatusEditPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(`/${HANDLE}/${STATUS_ID}/edit`, async (c) => {
    const own = await ownStatus(c, app);
    if (own instanceof Response) return own;
    const { status, row } = own;
    if (row.kind === 'article') {
      return articleEditPage(c, status, { title: row.title, body: row.content_source, language: row.language, visibility: row.visibility, cover: currentCover(status.medired.cover) });
    }
    return noteEditPage(c, status, { status: row.content_source, spoiler_text: row.spoiler_text });
  });
}

/** `POST /@handle/:id/edit`: saves the author's edit, or shows the form again with what was typed. */
const saveEdit = defineFormRoute({
  path: `/${HANDLE}/${STATUS_ID}/edit`,
  summary: 'Edit one of your posts or articles from the web editor',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  // Refusals at the boundary (e.g. a character that cannot be stored) show the editor again too.
  onError: async ({ c, app, raw }, err) => {
    if (err.code !== 'validation_failed') return undefined;
    const own = await ownStatus(c, app);
    if (own instanceof Response) return undefined;
    const { status, row } = own;
    const errors = fieldErrorsOf(c.get('lang'), err);
    if (row.kind === 'article') return articleEditPage(c, status, articleValues(raw, { language: row.language, visibility: row.visibility, cover: currentCover(status.medired.cover) }), errors);
    return noteEditPage(c, status, { status: field(raw, 'status'), spoiler_text: field(raw, 'spoiler_text').trim() }, errors);
  },
  handler: async ({ c, app, body: form }) => {
    const lang = c.get('lang');
    const own = await ownStatus(c, app);
    if (own instanceof Response) return own;
    const { viewer, status, row } = own;
    if (row.kind === 'article') {
      const current = currentCover(status.medired.cover);
      // The cover is uploaded first: the preview and every form shown again keep it.
      const cover = await articleCover(app, viewer, lang, form, current);
      const values = { ...articleValues(form, { language: row.language, visibility: row.visibility }), cover: cover.cover };
      if (form.preview) return articleEditPage(c, status, values, cover.error ? { cover: cover.error } : {}, true);
      const errors = checkArticle(lang, values);
      if (cover.error) errors.cover = cover.error;
      if (Object.keys(errors).length) return articleEditPage(c, status, values, errors);
      const missingAlt = imagesMissingAlt(cover.cover && (cover.cover.id !== current?.id || cover.cover.description !== current.description) ? [cover.cover] : [], form);
      if (missingAlt.length) return articleEditPage(c, status, values, {}, false, missingAlt);
      try {
        await editStatus(app, viewer, row.id, { title: values.title, status: values.body, language: values.language as 'es' | 'en', ...(cover.cover ? { cover_media_id: cover.cover.id } : {}) });
      } catch (err) {
        return articleEditPage(c, status, values, fieldErrorsOf(c.get('lang'), err));
      }
    } else {
      const values = { status: field(form, 'status'), spoiler_text: field(form, 'spoiler_text').trim() };
      const errors = checkNoteForm(lang, values.status, values.spoiler_text);
      if (Object.keys(errors).length) return noteEditPage(c, status, values, errors);
      // An edit is a new publication of the text: the same warning as a new post.
      const personalData = personalDataToConfirm(form, row.visibility, values.status, values.spoiler_text);
      if (personalData.length) return noteEditPage(c, status, values, {}, personalData);
      try {
        await editStatus(app, viewer, row.id, { status: values.status, spoiler_text: values.spoiler_text });
      } catch (err) {
        return noteEditPage(c, status, values, fieldErrorsOf(c.get('lang'), err));
      }
    }
    return c.redirect(`${statusPath(status)}?notice=edited`, 303);
  },
});

export const statusEditFormRoutes: AnyRoute[] = [saveEdit];
