import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { alertInput } from '../../alerts/alerts.js';
import { editDecision, mayEditAlert, mayPublishAlert, mayWithdrawAlert } from '../../alerts/alerts.policy.js';
import { findAlertActor } from '../../alerts/alerts.repository.js';
import { assertAllowed, getAlert, listAlerts, publishAlert, serializeAlerts, updateAlert, withdrawAlert } from '../../alerts/alerts.service.js';
import type { Viewer } from '../../auth/viewer.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { ALERT_RATE_LIMITS } from '../../alerts/alert-limits.js';
import { htmlToText } from '../../text/markdown.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { formFields, idParam, signInRedirect, withStatus } from '../forms.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';
import { fieldErrorsOfAppError, parseForm } from '../consultas/form-errors.js';
import { AlertCard } from './alert-card.js';
import { atomFeed, rssFeed } from './alert-feeds.js';

const styles = <link rel="stylesheet" href={staticUrl('consultas.css')} />;
const feedLinks = (
  <>
    {styles}
    <link rel="alternate" type="application/atom+xml" title="Atom" href="/alertas.atom" />
    <link rel="alternate" type="application/rss+xml" title="RSS" href="/alertas.rss" />
  </>
);

/** The viewer's account as the alert policy needs it (none for anonymous visitors). */
async function actorOf(app: AppContext, viewer: Viewer | null) {
  return viewer ? findAlertActor(app.db, viewer.accountId) : undefined;
}

function AlertForm({ lang, viewer, values, errors, action = '/alertas' }: { lang: Lang; viewer: Viewer; values: Record<string, unknown>; errors?: FieldErrors | undefined; action?: string }) {
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <form method="post" action={action} class="card alert-form">
      <CsrfField viewer={viewer} />
      <FormErrorSummary lang={lang} errors={errors} />
      <TextField name="title" label={t(lang, 'alerts.field.title')} value={v('title')} maxLength={140} required error={errors?.title} />
      <TextArea name="body" label={t(lang, 'alerts.field.body')} hint={t(lang, 'alerts.field.bodyHint')} value={v('body')} rows={6} maxLength={5000} required error={errors?.body} />
      <SelectField
        name="severity"
        label={t(lang, 'alerts.field.severity')}
        value={v('severity') || 'info'}
        options={(['info', 'warning', 'urgent'] as const).map((s) => ({ value: s, label: t(lang, `alerts.severity.${s}`) }))}
        error={errors?.severity}
      />
      <TextField name="country" label={t(lang, 'alerts.field.country')} value={v('country') || 'ES'} maxLength={2} required error={errors?.country} />
      <TextField name="city" label={t(lang, 'alerts.field.city')} value={v('city')} maxLength={100} error={errors?.city} />
      <div class={`field${errors?.expires_at ? ' field-invalid' : ''}`}>
        <label for="f-expires_at">{t(lang, 'alerts.field.expires')}</label>
        <input id="f-expires_at" name="expires_at" type="date" required value={v('expires_at')} aria-invalid={errors?.expires_at ? 'true' : undefined} aria-describedby={errors?.expires_at ? 'f-expires_at-error' : undefined} />
        {errors?.expires_at ? <p class="field-error" id="f-expires_at-error">{errors.expires_at}</p> : null}
      </div>
      <button type="submit" class="button">{t(lang, 'alerts.submit')}</button>
    </form>
  );
}

function renderNewForm(c: WebContext, viewer: Viewer, values: Record<string, unknown>, errors?: FieldErrors, editId?: string) {
  const lang = c.get('lang');
  const title = t(lang, editId ? 'alerts.edit' : 'alerts.new');
  return renderPage(
    c,
    { title, noindex: true, head: styles },
    <section class="narrow">
      <h1>{title}</h1>
      <AlertForm lang={lang} viewer={viewer} values={values} errors={errors} {...(editId ? { action: `/alertas/${editId}/edit` } : {})} />
    </section>,
    errors ? 422 : 200,
  );
}

/** `/alertas` (public list), `/alertas/:id`, the publish form, and the Atom and RSS feeds. */
export function mountAlertPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/alertas.atom', async (c) => c.body(await atomFeed(app), 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));
  hono.get('/alertas.rss', async (c) => c.body(await rssFeed(app), 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' }));

  hono.get('/alertas', async (c) => {
    const lang = c.get('lang');
    const viewer = c.get('viewer');
    const all = await serializeAlerts(app, (await listAlerts(app, { status: 'all', limit: 50, country: undefined, max_id: undefined })).alerts);
    const active = all.filter((a) => a.active);
    const ended = all.filter((a) => !a.active);
    const notice = noticeFrom(c.req.url);
    return renderPage(
      c,
      { title: t(lang, 'alerts.title'), description: t(lang, 'alerts.lead'), head: feedLinks },
      <>
        <header class="page-header">
          <h1>{t(lang, 'alerts.title')}</h1>
          <p>{t(lang, 'alerts.lead')}</p>
          <p>
            {t(lang, 'alerts.feeds')} <a href="/alertas.atom">Atom</a> · <a href="/alertas.rss">RSS</a>
          </p>
          {mayPublishAlert(viewer, await actorOf(app, viewer)) ? (
            <p>
              <a class="button" href="/alertas/nueva">{t(lang, 'alerts.new')}</a>
            </p>
          ) : null}
        </header>
        {notice === 'withdrawn' ? <Flash kind="success">{t(lang, 'alerts.notice.withdrawn')}</Flash> : null}
        <section aria-labelledby="alerts-active">
          <h2 id="alerts-active" class="section-title">{t(lang, 'alerts.active')}</h2>
          {active.length ? active.map((a) => <AlertCard alert={a} lang={lang} />) : <p class="empty-state">{t(lang, 'alerts.none')}</p>}
        </section>
        <section aria-labelledby="alerts-recent">
          <h2 id="alerts-recent" class="section-title">{t(lang, 'alerts.recent')}</h2>
          {ended.length ? ended.map((a) => <AlertCard alert={a} lang={lang} />) : <p class="empty-state">{t(lang, 'alerts.noneRecent')}</p>}
        </section>
      </>,
    );
  });

  hono.get('/alertas/nueva', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    if (!mayPublishAlert(viewer, await actorOf(app, viewer))) {
      return renderPage(c, { title: t(lang, 'alerts.new'), noindex: true }, <section class="narrow"><h1>{t(lang, 'alerts.new')}</h1><p>{t(lang, 'alerts.onlyOrgs')}</p></section>, 403);
    }
    return renderNewForm(c, viewer, {});
  });


  hono.get('/alertas/:id{[0-9]{1,19}}', async (c) => {
    const lang = c.get('lang');
    const viewer = c.get('viewer');
    const row = await getAlert(app, c.req.param('id'));
    const [alert] = await serializeAlerts(app, [row]);
    const notice = noticeFrom(c.req.url);
    const mayEdit = mayEditAlert(viewer, await actorOf(app, viewer), row);
    const mayWithdraw = mayWithdrawAlert(viewer, row);
    return renderPage(
      c,
      { title: alert!.title, description: htmlToText(alert!.content).slice(0, 200), type: 'article', head: feedLinks },
      <section class="narrow">
        {notice === 'published' ? <Flash kind="success">{t(lang, 'alerts.notice.published')}</Flash> : null}
        {notice === 'edited' ? <Flash kind="success">{t(lang, 'alerts.notice.edited')}</Flash> : null}
        <AlertCard alert={alert!} lang={lang} headingLevel={2} full />
        {mayEdit || mayWithdraw ? (
          <div class="consulta-answer-actions">
            {mayEdit ? <a class="button button-secondary" href={`/alertas/${row.id}/edit`}>{t(lang, 'alerts.edit')}</a> : null}
            {mayWithdraw ? (
              <form method="post" action={`/alertas/${row.id}/withdraw`} class="inline-form">
                <CsrfField viewer={viewer} />
                <button type="submit" class="button button-danger">{t(lang, 'alerts.withdraw')}</button>
              </form>
            ) : null}
          </div>
        ) : null}
        <p>
          <a href="/alertas">{t(lang, 'alerts.viewAll')}</a>
        </p>
      </section>,
    );
  });

  hono.get('/alertas/:id{[0-9]{1,19}}/edit', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const row = await getAlert(app, c.req.param('id'));
    assertAllowed(editDecision(viewer, await actorOf(app, viewer), row));
    const values = { title: row.title, body: row.body_source, severity: row.severity, country: row.country, city: row.city, expires_at: row.expires_at.toISOString().slice(0, 10) };
    return renderNewForm(c, viewer, values, undefined, row.id);
  });

}

/** Withdraw a health alert */
const withdrawAlertForm = defineFormRoute({
  path: '/alertas/:id{[0-9]{1,19}}/withdraw',
  summary: 'Withdraw a health alert',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    await withdrawAlert(app, viewer, params.id);
    return c.redirect('/alertas?notice=withdrawn', 303);
  },
});

/** Edit an active health alert from the web form */
const editAlertForm = defineFormRoute({
  path: '/alertas/:id{[0-9]{1,19}}/edit',
  summary: 'Edit an active health alert from the web form',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  // The editor comes back with what was typed, for those the policy lets edit this alert.
  onError: async ({ c, app, viewer, raw, params }, err) => {
    if (err.code !== 'validation_failed' || !viewer || !params) return undefined;
    const row = await getAlert(app, params.id);
    if (editDecision(viewer, await actorOf(app, viewer), row) !== 'allowed') return undefined;
    return renderNewForm(c, viewer, raw, fieldErrorsOfAppError(c.get('lang'), err) ?? {}, params.id);
  },
  handler: async ({ c, app, viewer, params, body: form }) => {
    const id = params.id;
    const parsed = parseForm(c.get('lang'), alertInput, form);
    if (parsed.errors) return renderNewForm(c, viewer, form, parsed.errors, id);
    try {
      await updateAlert(app, viewer, id, parsed.data);
      return c.redirect(`/alertas/${id}?notice=edited`, 303);
    } catch (err) {
      const errors = fieldErrorsOfAppError(c.get('lang'), err);
      if (errors) return renderNewForm(c, viewer, form, errors, id);
      throw err;
    }
  },
});

/** Publish a health alert from the web form */
const publishAlertForm = defineFormRoute({
  path: '/alertas',
  summary: 'Publish a health alert from the web form',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  rateLimits: ALERT_RATE_LIMITS,
  onError: async ({ c, app, viewer, raw, status }, err) => {
    if (err.code === 'rate_limited') return withStatus(renderNewForm(c, viewer!, raw, { _form: t(c.get('lang'), 'error.rateLimited.body') }), status);
    // Refusals at the boundary (e.g. a character that cannot be stored) show the form again to
    // those the policy lets publish.
    if (err.code !== 'validation_failed' || !viewer || !mayPublishAlert(viewer, await actorOf(app, viewer))) return undefined;
    return renderNewForm(c, viewer, raw, fieldErrorsOfAppError(c.get('lang'), err) ?? {});
  },
  handler: async ({ c, app, viewer, body: form }) => {
    const parsed = parseForm(c.get('lang'), alertInput, form);
    if (parsed.errors) return renderNewForm(c, viewer, form, parsed.errors);
    try {
      const row = await publishAlert(app, viewer, parsed.data);
      return c.redirect(`/alertas/${row.id}?notice=published`, 303);
    } catch (err) {
      const errors = fieldErrorsOfAppError(c.get('lang'), err);
      if (errors) return renderNewForm(c, viewer, form, errors);
      throw err;
    }
  },
});

export const alertFormRoutes: AnyRoute[] = [publishAlertForm, editAlertForm, withdrawAlertForm];
