import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { Viewer } from '../../auth/viewer.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { takeModerationAction } from '../../moderation/actions.service.js';
import { ACTIONS, moderationActionInput } from '../../moderation/moderation.js';
import { toAdminReportEntities } from '../../moderation/moderation-entities.js';
import { getReport, listReports, setReportResolved } from '../../moderation/reports.service.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { Pagination } from '../components/pagination.js';
import { StatusCard } from '../components/status-card.js';
import { fieldErrorsOfAppError, parseForm } from '../consultas/form-errors.js';
import { formFields, idParam, pathParams, signInRedirect } from '../forms.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { AdminNav, assertStaff, withNotice, moderationHead } from './staff.js';

const PAGE = 20;

async function detailPage(c: WebContext, app: AppContext, viewer: Viewer, id: string, state: { values?: Record<string, unknown>; errors?: FieldErrors } = {}, status: 200 | 422 = 200) {
  const lang = c.get('lang');
  const [r] = await toAdminReportEntities(app, [await getReport(app.db, id)], viewer);
  const report = r!;
  const v = (k: string) => (typeof state.values?.[k] === 'string' ? (state.values[k] as string) : '');
  const base = `/admin/reports/${report.id}`;
  const contentGone = report.medired.status_ids.length > report.statuses.length;
  return renderPage(
    c,
    { title: t(lang, 'admin.reports.detail', { id: report.id }), noindex: true, head: moderationHead },
    <section class="settings-page">
      <h1>{t(lang, 'admin.reports.detail', { id: report.id })}</h1>
      <AdminNav lang={lang} viewer={viewer} current="reports" />
      {noticeFrom(c.req.url) === 'done' ? <Flash kind="success">{t(lang, 'admin.reports.done')}</Flash> : null}
      <dl class="card">
        <dt>{t(lang, 'admin.reports.status')}</dt>
        <dd>{t(lang, report.action_taken ? 'admin.reports.isResolved' : 'admin.reports.isOpen')}</dd>
        <dt>{t(lang, 'admin.reports.category')}</dt>
        <dd>{t(lang, `category.${report.medired.category}`)}</dd>
        <dt>{t(lang, 'admin.reports.comment')}</dt>
        <dd>{report.comment || '—'}</dd>
        <dt>{t(lang, 'admin.reports.reporter')}</dt>
        <dd>{report.account ? <AccountName account={report.account.account} lang={lang} avatarSize={32} /> : '—'}</dd>
        <dt>{t(lang, 'admin.reports.target')}</dt>
        <dd>{report.target_account ? <AccountName account={report.target_account.account} lang={lang} avatarSize={32} /> : '—'}</dd>
        {report.medired.target_type !== 'account' && report.medired.target_type !== 'status' ? (
          <>
            <dt>{t(lang, 'admin.reports.content')}</dt>
            <dd>
              {report.medired.target_type} #{report.medired.target_id}
            </dd>
          </>
        ) : null}
      </dl>
      {report.statuses.length ? (
        <section aria-labelledby="h-content">
          <h2 id="h-content">{t(lang, 'admin.reports.content')}</h2>
          {report.statuses.map((s) => (
            <StatusCard status={s} lang={lang} viewer={viewer} returnTo={base} />
          ))}
        </section>
      ) : null}
      {contentGone ? <p>{t(lang, 'admin.reports.contentGone')}</p> : null}
      <section aria-labelledby="h-actions" class="card">
        <h2 id="h-actions">{t(lang, 'admin.reports.actions')}</h2>
        {report.medired.actions.length === 0 ? (
          <p>{t(lang, 'admin.reports.noActions')}</p>
        ) : (
          <ul class="plain-list">
            {report.medired.actions.map((a) => (
              <li>
                <strong>{t(lang, `action.${a.action}`)}</strong> · {formatDateTime(lang, a.created_at)} · {a.reason}
                {a.appeal ? ` · ${t(lang, `appeal.status.${a.appeal.status}`)}` : ''}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="h-take" class="card">
        <h2 id="h-take">{t(lang, 'admin.reports.takeAction')}</h2>
        <form method="post" action={`${base}/action`} class="stack-form">
          <CsrfField viewer={viewer} />
          <FormErrorSummary lang={lang} errors={state.errors} />
          <SelectField name="action" label={t(lang, 'admin.reports.action')} value={v('action') || 'dismiss'} options={ACTIONS.map((a) => ({ value: a, label: t(lang, `action.${a}`) }))} required error={state.errors?.action} />
          {report.statuses.length > 1 ? (
            <SelectField name="status_id" label={t(lang, 'admin.reports.content')} value={v('status_id')} options={report.statuses.map((s) => ({ value: s.id, label: `#${s.id}` }))} error={state.errors?.status_id} />
          ) : null}
          <TextField name="label" label={t(lang, 'admin.reports.label')} value={v('label')} maxLength={100} placeholder="Información sanitaria engañosa" error={state.errors?.label} />
          <TextArea name="reason" label={t(lang, 'admin.reasonRequired')} value={v('reason')} rows={3} maxLength={2000} required error={state.errors?.reason} />
          <p class="actions">
            <button type="submit" class="button">{t(lang, 'admin.reports.submitAction')}</button>
          </p>
        </form>
        <form method="post" action={`${base}/${report.action_taken ? 'reopen' : 'resolve'}`} class="inline-form">
          <CsrfField viewer={viewer} />
          <button type="submit" class="button button-small">{t(lang, report.action_taken ? 'admin.reports.reopen' : 'admin.reports.resolve')}</button>
        </form>
      </section>
    </section>,
    status,
  );
}

/** The moderators' report queue, a report's detail with the action form, resolve and reopen. */
export function mountReportAdminPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/admin/reports', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInRedirect(c);
    assertStaff(viewer, 'moderator');
    const lang = c.get('lang');
    const resolved = c.req.query('resolved') === 'true';
    const maxId = /^\d{1,19}$/.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
    const rows = await listReports(app.db, { resolved, maxId, limit: PAGE });
    const reports = await toAdminReportEntities(app, rows, viewer);
    return renderPage(
      c,
      { title: t(lang, 'admin.reports.title'), noindex: true, head: moderationHead },
      <section class="settings-page">
        <h1>{t(lang, 'admin.reports.title')}</h1>
        <AdminNav lang={lang} viewer={viewer} current="reports" />
        <p>
          <a href="/admin/reports" aria-current={resolved ? undefined : 'page'}>{t(lang, 'admin.reports.unresolved')}</a> ·{' '}
          <a href="/admin/reports?resolved=true" aria-current={resolved ? 'page' : undefined}>{t(lang, 'admin.reports.resolved')}</a>
        </p>
        {reports.length === 0 ? (
          <p>{t(lang, 'admin.empty')}</p>
        ) : (
          <ul class="plain-list">
            {reports.map((r) => (
              <li class="card">
                <p>
                  <strong>#{r.id}</strong> · {t(lang, `category.${r.medired.category}`)} · {formatDateTime(lang, r.created_at)}
                </p>
                {r.target_account ? <AccountName account={r.target_account.account} lang={lang} avatarSize={32} /> : null}
                {r.comment ? <p>{r.comment}</p> : null}
                <a class="button button-small" href={`/admin/reports/${r.id}`}>
                  {t(lang, 'admin.open')}
                </a>
              </li>
            ))}
          </ul>
        )}
        <Pagination lang={lang} url={c.req.url} nextMaxId={rows.length === PAGE ? rows[rows.length - 1]!.id : null} />
      </section>,
    );
  });

  hono.get('/admin/reports/:id{[0-9]{1,19}}', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInRedirect(c);
    assertStaff(viewer, 'moderator');
    return detailPage(c, app, viewer, c.req.param('id'));
  });
}

/** Resolve or reopen a report */
const resolveReportForm = defineFormRoute({
  path: '/admin/reports/:id{[0-9]{1,19}}/:what{resolve|reopen}',
  summary: 'Resolve or reopen a report',
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: pathParams('id', 'what'),
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    await setReportResolved(app.db, viewer.accountId, params.id, params.what === 'resolve');
    return c.redirect(`/admin/reports/${params.id}`, 303);
  },
});

/** Take a moderation action on a report */
const takeActionForm = defineFormRoute({
  path: '/admin/reports/:id{[0-9]{1,19}}/action',
  summary: 'Take a moderation action on a report',
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const id = params.id;
    const input = { ...form, report_id: id, label: form.label || undefined, status_id: form.status_id || undefined };
    const parsed = parseForm(c.get('lang'), moderationActionInput, input);
    if (parsed.errors) return detailPage(c, app, viewer, id, { values: form, errors: parsed.errors }, 422);
    try {
      await takeModerationAction(app, viewer, parsed.data);
    } catch (err) {
      const errors = fieldErrorsOfAppError(c.get('lang'), err);
      if (!errors) throw err;
      return detailPage(c, app, viewer, id, { values: form, errors }, 422);
    }
    return c.redirect(withNotice(`/admin/reports/${id}`, 'done'), 303);
  },
});

export const reportAdminFormRoutes: AnyRoute[] = [takeActionForm, resolveReportForm];
