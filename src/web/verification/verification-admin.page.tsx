import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountById, findAccountsByIds } from '../../accounts/accounts.repository.js';
import { toMastodonAccount } from '../../accounts/accounts.serializer.js';
import { labelOf, SPECIALTIES } from '../../accounts/specialties.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { decisionReasonInput } from '../../verification/verification.js';
import { decideVerificationRequest, getVerificationRequest, revokeVerification, verificationQueue } from '../../verification/verification.service.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { TextArea } from '../components/form-fields.js';
import { Pagination } from '../components/pagination.js';
import { field, formFields, idParam, pathParams, signInRedirect } from '../forms.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import { AdminNav, assertStaff, withNotice, moderationHead } from '../moderation/staff.js';

const STATUSES = ['pending', 'needs_info', 'approved', 'rejected', 'revoked'] as const;
const PAGE = 20;

function DecisionForm(props: { lang: Lang; viewer: Viewer; action: string; label: string; reasonRequired: boolean; danger?: boolean; id: string }) {
  return (
    <form method="post" action={props.action} class="stack-form">
      <CsrfField viewer={props.viewer} />
      <TextArea name="reason" id={`f-${props.id}`} label={t(props.lang, props.reasonRequired ? 'admin.reasonRequired' : 'admin.reasonOptional')} rows={2} maxLength={2000} required={props.reasonRequired} />
      <p class="actions">
        <button type="submit" class={`button${props.danger ? ' button-danger' : ''}`}>{props.label}</button>
      </p>
    </form>
  );
}

/** The moderators' verification queue and the decision page of one request. */
export function mountVerificationAdminPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/admin/verification', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInRedirect(c);
    assertStaff(viewer, 'moderator');
    const lang = c.get('lang');
    const asked = c.req.query('status');
    const status = (STATUSES as readonly string[]).includes(asked ?? '') ? (asked as (typeof STATUSES)[number]) : 'pending';
    const maxId = /^\d{1,19}$/.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
    const rows = await verificationQueue(app.db, { status, maxId, limit: PAGE });
    const accounts = new Map((await findAccountsByIds(app.db, rows.map((r) => r.account_id))).map((a) => [a.id, toMastodonAccount(a, app.config)]));
    return renderPage(
      c,
      { title: t(lang, 'admin.verify.title'), noindex: true, head: moderationHead },
      <section class="settings-page">
        <h1>{t(lang, 'admin.verify.title')}</h1>
        <AdminNav lang={lang} viewer={viewer} current="verification" />
        <form method="get" action="/admin/verification" class="inline-form">
          <label for="f-status">{t(lang, 'admin.status')}</label>{' '}
          <select id="f-status" name="status">
            {STATUSES.map((s) => (
              <option value={s} selected={s === status}>
                {t(lang, `verify.status.${s}`)}
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="button button-small">{t(lang, 'admin.filter')}</button>
        </form>
        {rows.length === 0 ? (
          <p>{t(lang, 'admin.empty')}</p>
        ) : (
          <ul class="plain-list">
            {rows.map((r) => {
              const account = accounts.get(r.account_id);
              return (
                <li class="card">
                  {account ? <AccountName account={account} lang={lang} avatarSize={32} /> : null}
                  <p>
                    {r.license_number} · {r.issuing_body} ({r.country}) · {labelOf(SPECIALTIES, r.specialty, lang) ?? '—'} · {formatDateTime(lang, r.created_at)}
                  </p>
                  <a class="button button-small" href={`/admin/verification/${r.id}`}>
                    {t(lang, 'admin.open')}
                  </a>
                </li>
              );
            })}
          </ul>
        )}
        <Pagination lang={lang} url={c.req.url} nextMaxId={rows.length === PAGE ? rows[rows.length - 1]!.id : null} />
      </section>,
    );
  });

  hono.get('/admin/verification/:id{[0-9]{1,19}}', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInRedirect(c);
    assertStaff(viewer, 'moderator');
    const lang = c.get('lang');
    const row = await getVerificationRequest(app.db, c.req.param('id'));
    const accountRow = await findAccountById(app.db, row.account_id);
    const account = accountRow ? toMastodonAccount(accountRow, app.config) : null;
    const open = row.status === 'pending' || row.status === 'needs_info';
    const base = `/admin/verification/${row.id}`;
    return renderPage(
      c,
      { title: t(lang, 'admin.verify.detail', { id: row.id }), noindex: true, head: moderationHead },
      <section class="settings-page">
        <h1>{t(lang, 'admin.verify.detail', { id: row.id })}</h1>
        <AdminNav lang={lang} viewer={viewer} current="verification" />
        {noticeFrom(c.req.url) === 'done' ? <Flash kind="success">{t(lang, 'admin.verify.done')}</Flash> : null}
        <dl class="card">
          <dt>{t(lang, 'admin.verify.applicant')}</dt>
          <dd>{account ? <AccountName account={account} lang={lang} avatarSize={32} /> : row.account_id}</dd>
          <dt>{t(lang, 'admin.status')}</dt>
          <dd>{t(lang, `verify.status.${row.status}`)}</dd>
          <dt>{t(lang, 'verify.license')}</dt>
          <dd>{row.license_number}</dd>
          <dt>{t(lang, 'verify.issuingBody')}</dt>
          <dd>{row.issuing_body}</dd>
          <dt>{t(lang, 'verify.country')}</dt>
          <dd>{row.country}</dd>
          <dt>{t(lang, 'verify.specialty')}</dt>
          <dd>{labelOf(SPECIALTIES, row.specialty, lang) ?? '—'}</dd>
          <dt>{t(lang, 'verify.note')}</dt>
          <dd>{row.note || '—'}</dd>
          <dt>{t(lang, 'verify.document')}</dt>
          <dd>
            {row.document_path ? (
              <a href={`/api/v1/medired/admin/verification_requests/${row.id}/document`} target="_blank" rel="noopener">
                {t(lang, 'admin.verify.document')}
              </a>
            ) : (
              t(lang, 'admin.verify.noDocument')
            )}
          </dd>
          {row.decision_reason ? (
            <>
              <dt>{t(lang, 'verify.reason')}</dt>
              <dd>{row.decision_reason}</dd>
            </>
          ) : null}
        </dl>
        {open ? (
          <div class="card">
            <DecisionForm lang={lang} viewer={viewer} id="approve" action={`${base}/approve`} label={t(lang, 'admin.verify.approve')} reasonRequired={false} />
            {row.status === 'pending' ? (
              <DecisionForm lang={lang} viewer={viewer} id="request_info" action={`${base}/request_info`} label={t(lang, 'admin.verify.requestInfo')} reasonRequired />
            ) : null}
            <DecisionForm lang={lang} viewer={viewer} id="reject" action={`${base}/reject`} label={t(lang, 'admin.verify.reject')} reasonRequired danger />
          </div>
        ) : null}
        {row.status === 'approved' && accountRow?.verification_status === 'verified' ? (
          <div class="card">
            <DecisionForm lang={lang} viewer={viewer} id="revoke" action={`/admin/accounts/${row.account_id}/revoke_verification?request_id=${row.id}`} label={t(lang, 'admin.verify.revoke')} reasonRequired danger />
          </div>
        ) : null}
      </section>,
    );
  });
}

/** Revoke an account's verification */
const revokeVerificationForm = defineFormRoute({
  path: '/admin/accounts/:id{[0-9]{1,19}}/revoke_verification',
  summary: "Revoke an account's verification",
  auth: 'moderator',
  scope: 'admin:write:accounts',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const parsed = decisionReasonInput.safeParse({ reason: field(form, 'reason') });
    if (!parsed.success) throw new AppError('validation_failed', 'A reason of at least 3 characters is required');
    await revokeVerification(app.db, viewer.accountId, params.id, parsed.data.reason);
    const requestId = c.req.query('request_id');
    return c.redirect(withNotice(requestId && /^\d{1,19}$/.test(requestId) ? `/admin/verification/${requestId}` : '/admin/verification?status=revoked', 'done'), 303);
  },
});

/** Approve, reject or ask for more information on a verification request */
const decideVerificationForm = defineFormRoute({
  path: '/admin/verification/:id{[0-9]{1,19}}/:decision{approve|reject|request_info}',
  summary: 'Approve, reject or ask for more information on a verification request',
  auth: 'moderator',
  scope: 'admin:write:accounts',
  params: pathParams('decision', 'id'),
  body: formFields,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const decision = params.decision as 'approve' | 'reject' | 'request_info';
    const reason = field(form, 'reason').trim();
    if (decision !== 'approve' && !decisionReasonInput.safeParse({ reason }).success) {
      throw new AppError('validation_failed', 'A reason of at least 3 characters is required');
    }
    await decideVerificationRequest(app.db, viewer.accountId, params.id, decision, { reason });
    return c.redirect(withNotice(`/admin/verification/${params.id}`, 'done'), 303);
  },
});

export const verificationAdminFormRoutes: AnyRoute[] = [decideVerificationForm, revokeVerificationForm];
