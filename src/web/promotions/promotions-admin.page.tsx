import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountByUsername } from '../../accounts/accounts.repository.js';
import type { Viewer } from '../../auth/viewer.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { ADVERTISING_CHECKLIST } from '../../promotions/advertising-checklist.js';
import { creditStatement, grantCredits } from '../../promotions/promotion-credits.service.js';
import { toCreditsEntity, toStaffPromotionEntities } from '../../promotions/promotion-entity.js';
import { approvePromotionInput, grantCreditsInput, rejectPromotionInput } from '../../promotions/promotions.js';
import { approvePromotion, listPromotionsForReview, rejectPromotion } from '../../promotions/promotions.service.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { StatusCard } from '../components/status-card.js';
import { fieldErrorsOfAppError, parseForm } from '../consultas/form-errors.js';
import { field, formFields, pathParams, signInRedirect } from '../forms.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage, type PageStatus } from '../layout.js';
import { AdminNav, assertStaff, moderationHead, withNotice } from '../moderation/staff.js';
import type { WebContext } from '../web-context.js';
import { creditsText, DateRange, Targets } from './promotion-parts.js';

const QUEUE = '/admin/promotions';
const CREDITS = '/admin/promotions/credits';

interface QueueForm {
  id: string;
  errors: FieldErrors;
  checked: string[];
  cpm?: string;
  reason?: string;
}

function ChecklistBoxes({ lang, promotionId, checked, error }: { lang: Lang; promotionId: string; checked: string[]; error?: string | undefined }) {
  return (
    <fieldset class={`checklist-boxes${error ? ' field-invalid' : ''}`}>
      <legend>{t(lang, 'promotions.admin.checklist')}</legend>
      {ADVERTISING_CHECKLIST.map((item) => {
        const id = `c-${promotionId}-${item.code}`;
        return (
          <div class="checkbox-field">
            <input type="checkbox" id={id} name="checklist[]" value={item.code} checked={checked.includes(item.code)} />
            <label for={id}>
              <strong>{item.title[lang]}</strong> — {item.detail[lang]}
            </label>
          </div>
        );
      })}
      {error ? <p class="field-error">{error}</p> : null}
    </fieldset>
  );
}

/** `/admin/promotions`: the review queue with the checklist on every promotion; approve or reject. */
async function queuePage(c: WebContext, app: AppContext, form?: QueueForm, status: PageStatus = 200) {
  const viewer = c.get('viewer');
  if (!viewer) return signInRedirect(c);
  assertStaff(viewer, 'moderator');
  const lang = c.get('lang');
  const promotions = await toStaffPromotionEntities(app, viewer, await listPromotionsForReview(app, { limit: 40, state: 'pending' }));
  return renderPage(
    c,
    { title: t(lang, 'promotions.admin.title'), noindex: true, head: moderationHead, section: 'moderation' },
    <section class="settings-page">
      <h1>{t(lang, 'promotions.admin.title')}</h1>
      <AdminNav lang={lang} viewer={viewer} current="promotions" />
      {noticeFrom(c.req.url) === 'done' ? <Flash kind="success">{t(lang, 'promotions.admin.done')}</Flash> : null}
      <p>{t(lang, 'promotions.admin.lead')}</p>
      {promotions.length === 0 ? (
        <p class="card">{t(lang, 'promotions.admin.empty')}</p>
      ) : (
        <ul class="plain-list">
          {promotions.map((p) => {
            const mine = form?.id === p.id ? form : undefined;
            return (
              <li class="card promotion-review" id={`promotion-${p.id}`}>
                <dl class="care-facts">
                  <div>
                    <dt>{t(lang, 'promotions.admin.promoter')}</dt>
                    <dd>{p.account ? <AccountName account={p.account} lang={lang} avatarSize={36} /> : null}</dd>
                  </div>
                  <div>
                    <dt>{t(lang, 'promotions.budget')}</dt>
                    <dd>{creditsText(lang, p.budget_credits)} · {t(lang, 'promotions.cpmValue', { n: p.cpm_credits })}</dd>
                  </div>
                  <div>
                    <dt>{t(lang, 'promotions.dates')}</dt>
                    <dd>
                      <DateRange lang={lang} promotion={p} /> ({formatDateTime(lang, p.created_at)})
                    </dd>
                  </div>
                  <div>
                    <dt>{t(lang, 'promotions.targets')}</dt>
                    <dd>
                      <Targets lang={lang} targets={p.targets} />
                    </dd>
                  </div>
                </dl>
                {p.status ? <StatusCard status={p.status} lang={lang} viewer={viewer} returnTo={QUEUE} /> : <p>{t(lang, 'promotions.postGone')}</p>}
                <form method="post" action={`${QUEUE}/${p.id}/approve`} class="stack-form">
                  <CsrfField viewer={viewer} />
                  <FormErrorSummary lang={lang} errors={mine?.errors} />
                  <ChecklistBoxes lang={lang} promotionId={p.id} checked={mine?.checked ?? []} error={mine?.errors.checklist} />
                  <TextField name="cpm_credits" id={`f-cpm-${p.id}`} label={t(lang, 'promotions.admin.cpm')} hint={t(lang, 'promotions.admin.cpmHint', { n: app.config.promotionCpm })} value={mine?.cpm} pattern="[0-9]*" error={mine?.errors.cpm_credits} />
                  <button type="submit" class="button button-small">{t(lang, 'promotions.admin.approve')}</button>
                </form>
                <form method="post" action={`${QUEUE}/${p.id}/reject`} class="stack-form">
                  <CsrfField viewer={viewer} />
                  <TextArea name="reason" id={`f-reason-${p.id}`} label={t(lang, 'promotions.admin.reason')} rows={3} maxLength={2000} required value={mine?.reason} error={mine?.errors.reason} />
                  <button type="submit" class="button button-small button-danger">{t(lang, 'promotions.admin.reject')}</button>
                </form>
              </li>
            );
          })}
        </ul>
      )}
    </section>,
    status,
  );
}

/** `/admin/promotions/credits`: grant credits; with `?account=` the account's balance and ledger. */
async function creditsPage(c: WebContext, app: AppContext, form?: { values: Record<string, string>; errors: FieldErrors }, status: PageStatus = 200) {
  const viewer = c.get('viewer');
  if (!viewer) return signInRedirect(c);
  assertStaff(viewer, 'admin');
  const lang = c.get('lang');
  const username = (form?.values.username ?? c.req.query('account') ?? '').replace(/^@/, '').slice(0, 30);
  const account = username ? await findAccountByUsername(app.db, username) : undefined;
  const statement = account ? toCreditsEntity(await creditStatement(app, account.id, { limit: 20 })) : null;
  return renderPage(
    c,
    { title: t(lang, 'promotions.credits.title'), noindex: true, head: moderationHead, section: 'moderation' },
    <section class="settings-page">
      <h1>{t(lang, 'promotions.credits.title')}</h1>
      <AdminNav lang={lang} viewer={viewer} current="credits" />
      {noticeFrom(c.req.url) === 'granted' ? <Flash kind="success">{t(lang, 'promotions.credits.granted')}</Flash> : null}
      <p>{t(lang, 'promotions.credits.lead')}</p>
      <form method="post" action={CREDITS} class="card stack-form">
        <CsrfField viewer={viewer} />
        <FormErrorSummary lang={lang} errors={form?.errors} />
        <TextField name="username" label={t(lang, 'promotions.credits.account')} value={username} required maxLength={31} error={form?.errors.username ?? form?.errors.account_id} />
        <TextField name="credits" label={t(lang, 'promotions.credits.amount')} value={form?.values.credits} required pattern="[0-9]+" error={form?.errors.credits} />
        <TextField name="note" label={t(lang, 'promotions.credits.note')} value={form?.values.note} maxLength={500} error={form?.errors.note} />
        <button type="submit" class="button">{t(lang, 'promotions.credits.grant')}</button>
      </form>
      {username && !account ? <p class="card">{t(lang, 'promotions.credits.unknown')}</p> : null}
      {account && statement ? (
        <section class="card">
          <h2>
            @{account.username}: {creditsText(lang, statement.balance_credits)}
          </h2>
          <table class="data-table">
            <tbody>
              {statement.entries.map((e) => (
                <tr>
                  <td>{formatDateTime(lang, e.created_at)}</td>
                  <td>{t(lang, `promotions.ledger.${e.kind}`)}</td>
                  <td class="num">{creditsText(lang, e.credits)}</td>
                  <td>{e.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>,
    status,
  );
}

export function mountPromotionAdminPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(QUEUE, (c) => queuePage(c, app));
  hono.get(CREDITS, (c) => creditsPage(c, app));
}

const checkedOf = (form: Record<string, unknown>): string[] => {
  const v = form.checklist;
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string').slice(0, 40);
};

const approveForm = defineFormRoute({
  path: `${QUEUE}/:id{[0-9]{1,19}}/approve`,
  summary: 'Approve a promotion, confirming every item of the health-advertising checklist',
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: pathParams('id'),
  body: formFields,
  handler: async ({ c, app, viewer, params, body }) => {
    const lang = c.get('lang');
    const values = { checklist: checkedOf(body), ...(field(body, 'cpm_credits').trim() ? { cpm_credits: field(body, 'cpm_credits').trim() } : {}) };
    const again = (errors: FieldErrors, status: PageStatus) => queuePage(c, app, { id: params.id, errors, checked: values.checklist, cpm: field(body, 'cpm_credits').slice(0, 20) }, status);
    const parsed = parseForm(lang, approvePromotionInput, values);
    if (parsed.errors) return again(parsed.errors, 422);
    try {
      await approvePromotion(app, viewer as Viewer, params.id, parsed.data);
    } catch (err) {
      const errors = fieldErrorsOfAppError(lang, err);
      if (!errors) throw err;
      return again(errors, 422);
    }
    return c.redirect(withNotice(QUEUE, 'done'), 303);
  },
});

const rejectForm = defineFormRoute({
  path: `${QUEUE}/:id{[0-9]{1,19}}/reject`,
  summary: 'Reject a promotion with a reason the promoter reads',
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: pathParams('id'),
  body: formFields,
  handler: async ({ c, app, viewer, params, body }) => {
    const lang = c.get('lang');
    const parsed = parseForm(lang, rejectPromotionInput, { reason: field(body, 'reason') });
    if (parsed.errors) return queuePage(c, app, { id: params.id, errors: parsed.errors, checked: [], reason: field(body, 'reason').slice(0, 2000) }, 422);
    await rejectPromotion(app, viewer as Viewer, params.id, parsed.data.reason);
    return c.redirect(withNotice(QUEUE, 'done'), 303);
  },
});

const grantForm = defineFormRoute({
  path: CREDITS,
  summary: 'Grant promotion credits to a professional or organisation (administrators)',
  auth: 'admin',
  scope: 'admin:write:accounts',
  body: formFields,
  handler: async ({ c, app, viewer, body }) => {
    const lang = c.get('lang');
    const values = { username: field(body, 'username').replace(/^@/, '').trim().slice(0, 30), credits: field(body, 'credits').trim().slice(0, 20), note: field(body, 'note').slice(0, 500) };
    const account = values.username ? await findAccountByUsername(app.db, values.username) : undefined;
    if (!account) return creditsPage(c, app, { values, errors: { username: t(lang, 'promotions.credits.unknown') } }, 422);
    const parsed = parseForm(lang, grantCreditsInput, { account_id: account.id, credits: values.credits, note: values.note });
    if (parsed.errors) return creditsPage(c, app, { values, errors: parsed.errors }, 422);
    try {
      await grantCredits(app, viewer as Viewer, parsed.data);
    } catch (err) {
      const errors = fieldErrorsOfAppError(lang, err);
      if (!errors) throw err;
      return creditsPage(c, app, { values, errors: { username: errors.account_id ?? Object.values(errors)[0] ?? '' } }, 422);
    }
    return c.redirect(`${CREDITS}?account=${encodeURIComponent(account.username)}&notice=granted`, 303);
  },
});

/** The moderators' review forms and the administrators' credit form. */
export const promotionAdminFormRoutes: AnyRoute[] = [approveForm, rejectForm, grantForm];
