import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError, notFound } from '../../errors.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { APPEAL_RATE_LIMITS } from '../../moderation/moderation-limits.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { createAppeal, decideAppeal, listAppeals } from '../../moderation/appeals.service.js';
import { actionEntities } from '../../moderation/moderation-entities.js';
import { findActionAbout, findActionsByIds } from '../../moderation/moderation.repository.js';
import { appealInput } from '../../moderation/moderation.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, TextArea, type FieldErrors } from '../components/form-fields.js';
import { Pagination } from '../components/pagination.js';
import { fieldErrorsOfAppError, parseForm } from '../consultas/form-errors.js';
import { field, formFields, pathParams, signInRedirect } from '../forms.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { AdminNav, assertStaff, withNotice, moderationHead } from './staff.js';

const PAGE = 20;

async function appealFormPage(c: WebContext, app: AppContext, viewer: Viewer, actionId: string, state: { text?: string; errors?: FieldErrors } = {}, status: 200 | 422 = 200) {
  const lang = c.get('lang');
  const row = await findActionAbout(app.db, actionId, viewer.accountId);
  if (!row) throw notFound('Moderation action');
  const [action] = await actionEntities(app.db, [row]);
  const a = action!;
  return renderPage(
    c,
    { title: t(lang, 'appeal.title'), noindex: true, head: moderationHead, section: 'notifications' },
    <section class="narrow">
      <h1>{t(lang, 'appeal.title')}</h1>
      <dl class="card">
        <dt>{t(lang, 'appeal.decision')}</dt>
        <dd>
          {t(lang, `action.${a.action}`)} · {formatDateTime(lang, a.created_at)}
        </dd>
        <dt>{t(lang, 'verify.reason')}</dt>
        <dd>{a.reason}</dd>
      </dl>
      {a.appeal ? (
        <Flash kind="info">
          {t(lang, 'appeal.already')} {t(lang, `appeal.status.${a.appeal.status}`)}
        </Flash>
      ) : a.appealable ? (
        <form method="post" action="/appeals" class="card stack-form">
          <p>{t(lang, 'appeal.lead')}</p>
          <CsrfField viewer={viewer} />
          <input type="hidden" name="action_id" value={a.id} />
          <FormErrorSummary lang={lang} errors={state.errors} />
          <TextArea name="text" label={t(lang, 'appeal.text')} value={state.text ?? ''} rows={5} maxLength={2000} required error={state.errors?.text} />
          <p class="actions">
            <button type="submit" class="button">{t(lang, 'appeal.submit')}</button>
          </p>
        </form>
      ) : null}
    </section>,
    status,
  );
}

/** The appeal form for authors, and the moderators' appeal queue with its decisions. */
export function mountAppealPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/appeals/new', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    if (noticeFrom(c.req.url) === 'sent') {
      return renderPage(c, { title: t(lang, 'appeal.title'), noindex: true, head: moderationHead }, <section class="narrow"><h1>{t(lang, 'appeal.title')}</h1><Flash kind="success">{t(lang, 'appeal.sent')}</Flash><p><a href="/notifications">{t(lang, 'notifications.title')}</a></p></section>);
    }
    const actionId = c.req.query('action_id') ?? '';
    if (!/^\d{1,19}$/.test(actionId)) throw notFound('Moderation action');
    return appealFormPage(c, app, viewer, actionId);
  });

  hono.get('/admin/appeals', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInRedirect(c);
    assertStaff(viewer, 'moderator');
    const lang = c.get('lang');
    const maxId = /^\d{1,19}$/.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
    const rows = await listAppeals(app.db, { status: 'pending', maxId, limit: PAGE });
    const actions = await findActionsByIds(app.db, rows.map((r) => r.action_id));
    const byId = new Map((await actionEntities(app.db, actions, true)).map((a) => [a.id, a]));
    return renderPage(
      c,
      { title: t(lang, 'admin.appeals.title'), noindex: true, head: moderationHead },
      <section class="settings-page">
        <h1>{t(lang, 'admin.appeals.title')}</h1>
        <AdminNav lang={lang} viewer={viewer} current="appeals" />
        {noticeFrom(c.req.url) === 'done' ? <Flash kind="success">{t(lang, 'admin.appeals.done')}</Flash> : null}
        {rows.length === 0 ? (
          <p>{t(lang, 'admin.empty')}</p>
        ) : (
          <ul class="plain-list">
            {rows.map((r) => {
              const a = byId.get(r.action_id);
              return (
                <li class="card">
                  <p>
                    <strong>{t(lang, 'admin.appeals.original')}:</strong> {a ? `${t(lang, `action.${a.action}`)} — ${a.reason}` : r.action_id}
                    {a?.report_id ? (
                      <>
                        {' '}
                        (<a href={`/admin/reports/${a.report_id}`}>#{a.report_id}</a>)
                      </>
                    ) : null}
                  </p>
                  <blockquote>{r.text}</blockquote>
                  <p>{formatDateTime(lang, r.created_at)}</p>
                  {(['approve', 'reject'] as const).map((d) => (
                    <form method="post" action={`/admin/appeals/${r.id}/${d}`} class="stack-form">
                      <CsrfField viewer={viewer} />
                      <TextArea name="reason" id={`f-reason-${r.id}-${d}`} label={t(lang, 'admin.reasonOptional')} rows={2} maxLength={2000} />
                      <button type="submit" class={`button button-small${d === 'reject' ? ' button-danger' : ''}`}>
                        {t(lang, d === 'approve' ? 'admin.appeals.approve' : 'admin.appeals.reject')}
                      </button>
                    </form>
                  ))}
                </li>
              );
            })}
          </ul>
        )}
        <Pagination lang={lang} url={c.req.url} nextMaxId={rows.length === PAGE ? rows[rows.length - 1]!.id : null} />
      </section>,
    );
  });
}

/** Approve or reject an appeal */
const decideAppealForm = defineFormRoute({
  path: '/admin/appeals/:id{[0-9]{1,19}}/:decision{approve|reject}',
  summary: 'Approve or reject an appeal',
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: pathParams('decision', 'id'),
  body: formFields,
  handler: async ({ c, app, viewer, params, body: form }) => {
    await decideAppeal(app, viewer.accountId, params.id, params.decision === 'approve', field(form, 'reason').trim().slice(0, 2000));
    return c.redirect(withNotice('/admin/appeals', 'done'), 303);
  },
});

/** Appeal a moderation decision (suspended accounts too) */
const sendAppeal = defineFormRoute({
  path: '/appeals',
  summary: 'Appeal a moderation decision (suspended accounts too)',
  auth: 'user-even-suspended',
  scope: 'write:accounts',
  body: formFields,
  rateLimits: APPEAL_RATE_LIMITS,
  // The appeal comes back with what was typed when the boundary refuses a field (only about one's
  // own moderation decision: `appealFormPage` looks the action up for the viewer).
  onError: ({ c, app, viewer, raw }, err) => {
    const actionId = field(raw, 'action_id');
    if (err.code !== 'validation_failed' || !viewer || !/^\d{1,19}$/.test(actionId)) return undefined;
    return appealFormPage(c, app, viewer, actionId, { text: field(raw, 'text'), errors: fieldErrorsOfAppError(c.get('lang'), err) ?? {} }, 422);
  },
  handler: async ({ c, app, viewer, body: form }) => {
    const actionId = field(form, 'action_id');
    if (!/^\d{1,19}$/.test(actionId)) throw notFound('Moderation action');
    const parsed = parseForm(c.get('lang'), appealInput, form);
    if (parsed.errors) return appealFormPage(c, app, viewer, actionId, { text: field(form, 'text'), errors: parsed.errors }, 422);
    try {
      await createAppeal(app.db, viewer.accountId, parsed.data);
    } catch (err) {
      const errors = fieldErrorsOfAppError(c.get('lang'), err);
      if (!errors) throw err;
      return appealFormPage(c, app, viewer, actionId, { text: field(form, 'text'), errors }, 422);
    }
    return c.redirect(withNotice('/appeals/new', 'sent'), 303);
  },
});

export const appealFormRoutes: AnyRoute[] = [sendAppeal, decideAppealForm];
