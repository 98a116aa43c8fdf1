import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountById } from '../../accounts/accounts.repository.js';
import { toMastodonAccount } from '../../accounts/accounts.serializer.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError, notFound } from '../../errors.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { REPORT_CATEGORIES, reportInput } from '../../moderation/moderation.js';
import { REPORT_RATE_LIMITS } from '../../moderation/moderation-limits.js';
import { createReport } from '../../moderation/reports.service.js';
import { getVisibleStatus } from '../../posts/status-views.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, SelectField, TextArea, type FieldErrors } from '../components/form-fields.js';
import { StatusCard } from '../components/status-card.js';
import { fieldErrorsOfAppError, parseForm } from '../consultas/form-errors.js';
import { field, formFields, signInRedirect, withStatus } from '../forms.js';
import { t } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { withNotice, moderationHead } from '../moderation/staff.js';

const ID = /^\d{1,19}$/;

/** What the form is about: a status, an account, or another module's content (`target_type`). */
async function subject(app: AppContext, viewer: Viewer, q: { status_id?: string; account_id?: string; target_type?: string; target_id?: string }) {
  if (q.status_id && ID.test(q.status_id)) {
    const status = await getVisibleStatus(app, q.status_id, viewer);
    return { status, account: status.account, hidden: { status_ids: q.status_id } as Record<string, string> };
  }
  if (q.target_type && /^[a-z_]{1,40}$/.test(q.target_type) && q.target_id && ID.test(q.target_id)) {
    return { status: null, account: null, hidden: { target_type: q.target_type, target_id: q.target_id } as Record<string, string> };
  }
  if (q.account_id && ID.test(q.account_id)) {
    const row = await findAccountById(app.db, q.account_id);
    if (!row || row.suspended_at) throw notFound('Account');
    return { status: null, account: toMastodonAccount(row, app.config), hidden: { account_id: q.account_id } as Record<string, string> };
  }
  throw new AppError('validation_failed', 'Say what you want to report (status_id or account_id)');
}

async function reportPage(c: WebContext, app: AppContext, viewer: Viewer, q: Record<string, string | undefined>, state: { values?: Record<string, unknown>; errors?: FieldErrors } = {}, status: 200 | 422 = 200) {
  const lang = c.get('lang');
  const s = await subject(app, viewer, q);
  const name = s.account ? s.account.display_name || s.account.username : '';
  const v = (k: string) => (typeof state.values?.[k] === 'string' ? (state.values[k] as string) : '');
  return renderPage(
    c,
    { title: t(lang, 'report.title'), noindex: true, head: moderationHead },
    <section class="narrow">
      <h1>{t(lang, 'report.title')}</h1>
      <p>{t(lang, 'report.lead')}</p>
      {s.status ? (
        <>
          <p>{t(lang, 'report.aboutStatus', { name })}</p>
          <StatusCard status={s.status} lang={lang} viewer={viewer} returnTo="/" />
        </>
      ) : s.account ? (
        <p>
          {t(lang, 'report.aboutAccount', { name })} <AccountName account={s.account} lang={lang} avatarSize={32} />
        </p>
      ) : null}
      <form method="post" action="/report" class="card stack-form">
        <CsrfField viewer={viewer} />
        {Object.entries(s.hidden).map(([k, val]) => (
          <input type="hidden" name={k} value={val} />
        ))}
        <FormErrorSummary lang={lang} errors={state.errors} />
        <SelectField
          name="category"
          label={t(lang, 'report.category')}
          value={v('category') || 'health_misinformation'}
          options={REPORT_CATEGORIES.map((cat) => ({ value: cat, label: t(lang, `category.${cat}`) }))}
          required
          error={state.errors?.category}
        />
        <TextArea name="comment" label={t(lang, 'report.comment')} value={v('comment')} rows={4} maxLength={1000} error={state.errors?.comment} />
        <p class="actions">
          <button type="submit" class="button button-danger">{t(lang, 'report.submit')}</button>
        </p>
      </form>
    </section>,
    status,
  );
}

/** What is being reported, as the form names it. */
function reportSubject(form: Record<string, unknown>) {
  return { status_id: field(form, 'status_ids'), account_id: field(form, 'account_id'), target_type: field(form, 'target_type'), target_id: field(form, 'target_id') };
}

/** The report form (`/report?status_id=…` or `?account_id=…`), with the API's rate limits. */
export function mountReportPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/report', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    if (noticeFrom(c.req.url) === 'sent') {
      return renderPage(c, { title: t(lang, 'report.title'), noindex: true, head: moderationHead }, <section class="narrow"><h1>{t(lang, 'report.title')}</h1><Flash kind="success">{t(lang, 'report.sent')}</Flash><p><a href="/">{t(lang, 'common.back')}</a></p></section>);
    }
    return reportPage(c, app, viewer, c.req.query());
  });
}

/** Report a post, an account or Consulta abierta content */
const sendReport = defineFormRoute({
  path: '/report',
  summary: 'Report a post, an account or Consulta abierta content',
  auth: 'user',
  scope: 'write:reports',
  body: formFields,
  rateLimits: REPORT_RATE_LIMITS,
  onError: ({ c, viewer, raw, status }, err) => (err.code === 'rate_limited' ? withStatus(reportPage(c, c.get('webApp'), viewer!, reportSubject(raw), { values: raw, errors: { _form: t(c.get('lang'), 'error.rateLimited.body') } }, 422), status) : undefined),
  handler: async ({ c, app, viewer, body: form }) => {
    const q = reportSubject(form);
    const parsed = parseForm(c.get('lang'), reportInput, { ...form, status_ids: q.status_id ? [q.status_id] : [] });
    if (parsed.errors) return reportPage(c, app, viewer, q, { values: form, errors: parsed.errors }, 422);
    try {
      await createReport(app.db, viewer, parsed.data);
    } catch (err) {
      const errors = fieldErrorsOfAppError(c.get('lang'), err);
      if (!errors) throw err;
      return reportPage(c, app, viewer, q, { values: form, errors }, 422);
    }
    return c.redirect(withNotice('/report', 'sent'), 303);
  },
});

export const reportFormRoutes: AnyRoute[] = [sendReport];
