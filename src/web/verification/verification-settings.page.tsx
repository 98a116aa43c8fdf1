import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountById } from '../../accounts/accounts.repository.js';
import { specialtyCodes, SPECIALTIES } from '../../accounts/specialties.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { VERIFICATION_REQUEST_RATE_LIMITS } from '../../verification/verification-limits.js';
import { verificationRequestInput } from '../../verification/verification.js';
import { createVerificationRequest, listOwnVerificationRequests, resubmitVerificationRequest, type VerificationRequestRow } from '../../verification/verification.service.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FileField, FormErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { fieldErrorsOfAppError, parseForm } from '../consultas/form-errors.js';
import { formFields, idParam, signInRedirect, withStatus, type FormFields } from '../forms.js';
import { errorText } from '../errors/error-text.js';
import { formatDate, t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { SettingsNav } from '../components/settings-nav.js';
import { withNotice, moderationHead } from '../moderation/staff.js';

const PATH = '/settings/verification';

function RequestForm(props: { lang: Lang; viewer: Viewer; action: string; values: Record<string, unknown>; errors?: FieldErrors | undefined; resubmit: boolean }) {
  const { lang, values, errors } = props;
  const v = (k: string) => (typeof values[k] === 'string' ? (values[k] as string) : '');
  return (
    <form method="post" action={props.action} enctype="multipart/form-data" class="card stack-form">
      <CsrfField viewer={props.viewer} />
      <FormErrorSummary lang={lang} errors={errors} />
      <TextField name="license_number" label={t(lang, 'verify.license')} value={v('license_number')} maxLength={50} required error={errors?.license_number} />
      <TextField name="issuing_body" label={t(lang, 'verify.issuingBody')} hint={t(lang, 'verify.issuingBodyHint')} value={v('issuing_body')} maxLength={200} required error={errors?.issuing_body} />
      <TextField name="country" label={t(lang, 'verify.country')} value={v('country') || 'ES'} maxLength={2} required error={errors?.country} />
      <SelectField
        name="specialty"
        label={t(lang, 'verify.specialty')}
        value={v('specialty')}
        emptyLabel={t(lang, 'verify.specialtyNone')}
        options={specialtyCodes.map((code) => ({ value: code, label: SPECIALTIES[code][lang] }))}
        error={errors?.specialty}
      />
      <TextArea name="note" label={t(lang, 'verify.note')} value={v('note')} rows={3} maxLength={2000} error={errors?.note} />
      <FileField name="document" label={t(lang, 'verify.document')} hint={t(lang, 'verify.documentHint')} accept="application/pdf,image/jpeg,image/png,image/webp" error={errors?.document} />
      <p class="actions">
        <button type="submit" class="button">{t(lang, props.resubmit ? 'verify.resubmit' : 'verify.submit')}</button>
      </p>
    </form>
  );
}

function History({ lang, rows }: { lang: Lang; rows: VerificationRequestRow[] }) {
  return (
    <section aria-labelledby="h-history" class="card">
      <h2 id="h-history">{t(lang, 'verify.history')}</h2>
      {rows.length === 0 ? (
        <p>{t(lang, 'verify.none')}</p>
      ) : (
        <ul class="plain-list">
          {rows.map((r) => (
            <li>
              <strong>{t(lang, `verify.status.${r.status}`)}</strong> · {r.license_number} · {r.issuing_body} ({r.country}) ·{' '}
              {t(lang, 'verify.submittedAt', { date: formatDate(lang, r.created_at) })}
              {r.decision_reason ? (
                <p>
                  {t(lang, 'verify.reason')}: {r.decision_reason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

async function page(c: WebContext, app: AppContext, viewer: Viewer, state: { values?: Record<string, unknown>; errors?: FieldErrors } = {}, status: 200 | 422 = 200) {
  const lang = c.get('lang');
  const account = await findAccountById(app.db, viewer.accountId);
  if (!account) throw new AppError('not_found', 'Account not found');
  const rows = await listOwnVerificationRequests(app.db, viewer.accountId);
  const open = rows.find((r) => r.status === 'pending' || r.status === 'needs_info');
  const notice = noticeFrom(c.req.url);
  let body;
  if (account.kind === 'patient') {
    body = <p>{t(lang, 'verify.patients')}</p>;
  } else if (account.verification_status === 'verified') {
    body = <Flash kind="success">{t(lang, 'verify.alreadyVerified')}</Flash>;
  } else if (open?.status === 'needs_info') {
    body = (
      <>
        <Flash kind="info">
          {t(lang, 'verify.needsInfo')} {open.decision_reason}
        </Flash>
        <RequestForm lang={lang} viewer={viewer} action={`${PATH}/${open.id}`} resubmit values={state.values ?? { ...open, specialty: open.specialty ?? '' }} errors={state.errors} />
      </>
    );
  } else if (open) {
    body = <p>{t(lang, 'verify.status.pending')}: {t(lang, 'verify.submittedAt', { date: formatDate(lang, open.created_at) })}</p>;
  } else {
    const defaults = { license_number: account.license_number ?? '', country: account.license_country ?? 'ES', specialty: account.specialty ?? '' };
    body = <RequestForm lang={lang} viewer={viewer} action={PATH} resubmit={false} values={state.values ?? defaults} errors={state.errors} />;
  }
  return renderPage(
    c,
    { title: t(lang, 'verify.title'), noindex: true, head: moderationHead, section: 'settings' },
    <section class="settings-page">
      <h1>{t(lang, 'verify.title')}</h1>
      <SettingsNav lang={lang} current="verification" showVerification />
      <p>{t(lang, 'verify.lead')}</p>
      {notice === 'sent' ? <Flash kind="success">{t(lang, 'verify.sent')}</Flash> : null}
      {body}
      <History lang={lang} rows={rows} />
    </section>,
    status,
  );
}

/** "Solicitar verificación": the request form for professionals and organisations, and its history. */
export function mountVerificationSettingsPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(PATH, async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    return page(c, app, viewer);
  });

}

/** Sends (or, with `requestId`, sends again) a verification request, or shows the form again. */
async function submit(c: WebContext, app: AppContext, viewer: Viewer, form: FormFields, requestId: string | null) {
  const parsed = parseForm(c.get('lang'), verificationRequestInput, form);
  if (parsed.errors) return page(c, app, viewer, { values: form, errors: parsed.errors }, 422);
  try {
    if (requestId) await resubmitVerificationRequest(app, viewer.accountId, requestId, parsed.data);
    else await createVerificationRequest(app, viewer.accountId, parsed.data);
  } catch (err) {
    const errors = fieldErrorsOfAppError(c.get('lang'), err) ?? (err instanceof AppError && ['conflict', 'payload_too_large', 'unsupported_media_type'].includes(err.code) ? { _form: errorText(c.get('lang'), err) } : null);
    if (!errors) throw err;
    return page(c, app, viewer, { values: form, errors }, 422);
  }
  return c.redirect(withNotice(PATH, 'sent'), 303);
}

const requestVerification = defineFormRoute({
  path: PATH,
  summary: 'Request verification as a professional or organisation',
  auth: 'user',
  scope: 'write:accounts',
  body: formFields,
  rateLimits: VERIFICATION_REQUEST_RATE_LIMITS,
  onError: ({ c, app, viewer, raw }, err) => (err.code === 'rate_limited' ? withStatus(page(c, app, viewer!, { values: raw, errors: { _form: t(c.get('lang'), 'error.rateLimited.body') } }, 422), 429) : undefined),
  handler: ({ c, app, viewer, body }) => submit(c, app, viewer, body, null),
});

const resubmitVerification = defineFormRoute({
  path: `${PATH}/:id{[0-9]{1,19}}`,
  summary: 'Send a verification request again after more information was asked for',
  auth: 'user',
  scope: 'write:accounts',
  params: idParam,
  body: formFields,
  handler: ({ c, app, viewer, params, body }) => submit(c, app, viewer, body, params.id),
});

export const verificationSettingsFormRoutes: AnyRoute[] = [requestVerification, resubmitVerification];
