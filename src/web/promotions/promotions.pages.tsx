import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { specialtyCodes, SPECIALTIES } from '../../accounts/specialties.js';
import type { Viewer } from '../../auth/viewer.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { loadStatuses } from '../../posts/status-views.js';
import { ADVERTISING_CHECKLIST } from '../../promotions/advertising-checklist.js';
import { creditStatement } from '../../promotions/promotion-credits.service.js';
import { openPromotion } from '../../promotions/promotion-delivery.js';
import { toCreditsEntity, toPromotionDetail, toPromotionEntities } from '../../promotions/promotion-entity.js';
import { MILLIS_PER_CREDIT } from '../../promotions/promotions.js';
import { mayCancel, mayPromote } from '../../promotions/promotions.policy.js';
import { findPromotableStatusesOf, findPromoterFacts } from '../../promotions/promotions.repository.js';
import { getOwnPromotion, listOwnPromotions } from '../../promotions/promotions.service.js';
import { htmlToText } from '../../text/markdown.js';
import { countryOptions } from '../components/countries.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, SelectField, TextField, type FieldErrors } from '../components/form-fields.js';
import { Pagination } from '../components/pagination.js';
import { StatusCard } from '../components/status-card.js';
import { signInRedirect } from '../forms.js';
import { formatDate, formatDateTime, formatNumber, t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage, type PageStatus } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { creditsText, DateRange, Figures, PROMOTIONS_PATH, StateBadge, Targets } from './promotion-parts.js';

const PAGE = 20;
const ID = /^\d{1,19}$/;
const NOTICES = { created: 'promotions.notice.created', cancelled: 'promotions.notice.cancelled' } as const;

function NoticeFlash({ url, lang }: { url: string; lang: Lang }) {
  const notice = noticeFrom(url);
  return notice && notice in NOTICES ? <Flash kind="success">{t(lang, NOTICES[notice as keyof typeof NOTICES])}</Flash> : null;
}

/** The signed-in viewer, or a response for those who are not (sign-in) or may not promote (403 page). */
async function promoterOrPage(c: WebContext, app: AppContext): Promise<Viewer | Response> {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const facts = await findPromoterFacts(app.db, viewer.accountId);
  if (mayPromote(facts)) return viewer;
  const lang = c.get('lang');
  return renderPage(
    c,
    { title: t(lang, 'promotions.title'), noindex: true, section: 'promotions' },
    <section class="narrow card">
      <h1>{t(lang, 'promotions.title')}</h1>
      <p>{t(lang, facts && facts.kind !== 'patient' && facts.verification_status !== 'verified' ? 'promotions.error.notVerified' : 'promotions.notForYou')}</p>
    </section>,
    403,
  );
}

/** `/promotions`: balance, credit movements and the promoter's promotions with their results. */
async function listPage(c: WebContext, app: AppContext) {
  const viewer = await promoterOrPage(c, app);
  if (viewer instanceof Response) return viewer;
  const lang = c.get('lang');
  const maxId = ID.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
  const rows = await listOwnPromotions(app, viewer, { limit: PAGE, max_id: maxId });
  const promotions = toPromotionEntities(app, rows);
  const statuses = new Map((await loadStatuses(app, rows.flatMap((r) => (r.status_id ? [r.status_id] : [])), viewer)).map((s) => [s.id, s]));
  const credits = toCreditsEntity(await creditStatement(app, viewer.accountId, { limit: 10 }));
  return renderPage(
    c,
    { title: t(lang, 'promotions.title'), noindex: true, section: 'promotions' },
    <section class="promotions-page">
      <NoticeFlash url={c.req.url} lang={lang} />
      <header class="page-header">
        <h1>{t(lang, 'promotions.title')}</h1>
        <p>{t(lang, 'promotions.lead')}</p>
      </header>
      <div class="card promotion-balance">
        <p>
          <strong>{t(lang, 'promotions.balance')}:</strong> <span data-testid="balance">{creditsText(lang, credits.balance_credits)}</span>
        </p>
        <p class="field-hint">{t(lang, 'promotions.creditsHint')}</p>
        <p>
          <a class="button" href={`${PROMOTIONS_PATH}/new`}>{t(lang, 'promotions.new')}</a>
        </p>
      </div>
      {promotions.length === 0 ? (
        <p class="card">{t(lang, 'promotions.empty')}</p>
      ) : (
        <ul class="plain-list promotion-list">
          {promotions.map((p) => {
            const s = p.status_id ? statuses.get(p.status_id) : undefined;
            return (
              <li class="card promotion-item">
                <p class="promotion-item-head">
                  <StateBadge lang={lang} promotion={p} /> <DateRange lang={lang} promotion={p} />
                </p>
                <p class="promotion-post">{s ? (s.medired.title || htmlToText(s.content).slice(0, 140)) : t(lang, 'promotions.postGone')}</p>
                <Figures lang={lang} results={p.results} />
                <p>
                  <a href={`${PROMOTIONS_PATH}/${p.id}`}>{t(lang, 'promotions.viewResults')}</a>
                </p>
              </li>
            );
          })}
        </ul>
      )}
      <Pagination lang={lang} url={c.req.url} nextMaxId={rows.length >= PAGE ? rows.at(-1)?.id : null} />
      {credits.entries.length ? (
        <section class="card">
          <h2>{t(lang, 'promotions.ledger')}</h2>
          <table class="data-table">
            <tbody>
              {credits.entries.map((e) => (
                <tr>
                  <td>{formatDateTime(lang, e.created_at)}</td>
                  <td>{t(lang, `promotions.ledger.${e.kind}`)}</td>
                  <td class="num">{creditsText(lang, e.credits)}</td>
                  <td class="num">{creditsText(lang, e.balance_after_credits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </section>,
  );
}

export interface PromotionFormValues {
  status_id?: string;
  budget_credits?: string;
  starts_at?: string;
  ends_at?: string;
  target_specialties?: string[];
  target_countries?: string[];
  target_cities?: string;
  target_tags?: string;
}

/** The health-advertising checklist, for promoters (what will be checked) and moderators. */
export function ChecklistList({ lang }: { lang: Lang }) {
  return (
    <ol class="checklist">
      {ADVERTISING_CHECKLIST.map((item) => (
        <li>
          <strong>{item.title[lang]}</strong> — {item.detail[lang]}
        </li>
      ))}
    </ol>
  );
}

function MultiSelect({ name, label, hint, options, values, error }: { name: string; label: string; hint: string; options: { value: string; label: string }[]; values: string[]; error?: string | undefined }) {
  const id = `f-${name}`;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      <p class="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      <select id={id} name={`${name}[]`} multiple size={6} aria-describedby={`${id}-hint`} aria-invalid={error ? 'true' : undefined}>
        {options.map((o) => (
          <option value={o.value} selected={values.includes(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? <p class="field-error">{error}</p> : null}
    </div>
  );
}

/** `/promotions/new`: choose a post, budget, dates and audience; the checklist shown beside. */
export async function newPromotionPage(c: WebContext, app: AppContext, form?: { values: PromotionFormValues; errors: FieldErrors; status: PageStatus }) {
  const viewer = await promoterOrPage(c, app);
  if (viewer instanceof Response) return viewer;
  const lang = c.get('lang');
  const [posts, balance] = await Promise.all([findPromotableStatusesOf(app.db, viewer.accountId, 40), creditStatement(app, viewer.accountId, { limit: 1 })]);
  const values: PromotionFormValues = form?.values ?? { status_id: c.req.query('status_id') ?? '', budget_credits: '', starts_at: new Date().toISOString().slice(0, 10), ends_at: new Date(Date.now() + 13 * 86_400_000).toISOString().slice(0, 10) };
  const errors = form?.errors ?? {};
  const cpm = app.config.promotionCpm;
  const balanceCredits = balance.balance / MILLIS_PER_CREDIT;
  const budget = Number(values.budget_credits) > 0 ? Number(values.budget_credits) : Math.floor(balanceCredits);
  return renderPage(
    c,
    { title: t(lang, 'promotions.form.title'), noindex: true, section: 'promotions' },
    <section class="promotions-page narrow">
      <p class="back-link">
        <a href={PROMOTIONS_PATH}>← {t(lang, 'promotions.back')}</a>
      </p>
      <h1>{t(lang, 'promotions.form.title')}</h1>
      {posts.length === 0 ? (
        <p class="card">{t(lang, 'promotions.form.noPosts')}</p>
      ) : (
        <form method="post" action={PROMOTIONS_PATH} class="card stack-form">
          <CsrfField viewer={viewer} />
          <FormErrorSummary lang={lang} errors={errors} />
          <SelectField
            name="status_id"
            label={t(lang, 'promotions.form.status')}
            hint={t(lang, 'promotions.form.statusHint')}
            required
            value={values.status_id}
            error={errors.status_id}
            options={posts.map((p) => ({ value: p.id, label: `${formatDate(lang, p.created_at)} · ${(p.title || p.content_source).replace(/\s+/g, ' ').slice(0, 90)}` }))}
          />
          <TextField
            name="budget_credits"
            label={t(lang, 'promotions.form.budget')}
            hint={t(lang, 'promotions.form.budgetHint', { balance: formatNumber(lang, balanceCredits), cpm, budget: formatNumber(lang, budget), impressions: formatNumber(lang, Math.floor((budget * MILLIS_PER_CREDIT) / cpm)) })}
            value={values.budget_credits}
            required
            error={errors.budget_credits}
            pattern="[0-9]+"
          />
          <div class="field-row">
            <DateField name="starts_at" label={t(lang, 'promotions.form.start')} value={values.starts_at} error={errors.starts_at} />
            <DateField name="ends_at" label={t(lang, 'promotions.form.end')} value={values.ends_at} error={errors.ends_at} />
          </div>
          <fieldset>
            <legend>{t(lang, 'promotions.targets')}</legend>
            <MultiSelect
              name="target_specialties"
              label={t(lang, 'promotions.form.specialties')}
              hint={`${t(lang, 'promotions.form.specialtiesHint')} ${t(lang, 'promotions.form.multiHint')}`}
              options={specialtyCodes.map((code) => ({ value: code, label: SPECIALTIES[code][lang] }))}
              values={values.target_specialties ?? []}
              error={errors.target_specialties}
            />
            <MultiSelect
              name="target_countries"
              label={t(lang, 'promotions.form.countries')}
              hint={`${t(lang, 'promotions.form.countriesHint')} ${t(lang, 'promotions.form.multiHint')}`}
              options={countryOptions(lang)}
              values={values.target_countries ?? []}
              error={errors.target_countries}
            />
            <TextField name="target_cities" label={t(lang, 'promotions.form.cities')} hint={t(lang, 'promotions.form.citiesHint')} value={values.target_cities} maxLength={900} error={errors.target_cities} />
            <TextField name="target_tags" label={t(lang, 'promotions.form.tags')} hint={t(lang, 'promotions.form.tagsHint')} value={values.target_tags} maxLength={1100} error={errors.target_tags} />
          </fieldset>
          <section class="promotion-rules">
            <h2>{t(lang, 'promotions.form.rulesTitle')}</h2>
            <p>{t(lang, 'promotions.form.rulesLead')}</p>
            <ChecklistList lang={lang} />
          </section>
          <p class="actions">
            <button type="submit" class="button">{t(lang, 'promotions.form.submit')}</button>
          </p>
        </form>
      )}
    </section>,
    form?.status ?? 200,
  );
}

function DateField({ name, label, value, error }: { name: string; label: string; value?: string | undefined; error?: string | undefined }) {
  const id = `f-${name}`;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>
        {label}
        <span class="required" aria-hidden="true"> *</span>
      </label>
      <input id={id} name={name} type="date" value={value ?? ''} required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** `/promotions/:id`: the results page of one promotion (promoter only; anyone else 404). */
async function detailPage(c: WebContext, app: AppContext, id: string) {
  const viewer = await promoterOrPage(c, app);
  if (viewer instanceof Response) return viewer;
  const lang = c.get('lang');
  const row = await getOwnPromotion(app, viewer, id);
  const p = await toPromotionDetail(app, viewer, row);
  const [status] = row.status_id ? await loadStatuses(app, [row.status_id], viewer) : [];
  const daily = p.results.daily ?? [];
  return renderPage(
    c,
    { title: t(lang, 'promotions.resultsTitle'), noindex: true, section: 'promotions' },
    <section class="promotions-page">
      <p class="back-link">
        <a href={PROMOTIONS_PATH}>← {t(lang, 'promotions.back')}</a>
      </p>
      <NoticeFlash url={c.req.url} lang={lang} />
      <header class="page-header">
        <h1>
          {t(lang, 'promotions.resultsTitle')} <StateBadge lang={lang} promotion={p} />
        </h1>
      </header>
      {p.state === 'rejected' ? (
        <div class="flash flash-error" role="status">
          <p>{t(lang, 'promotions.rejectedBecause')}</p>
          <blockquote>{p.rejection_reason}</blockquote>
          <p>{t(lang, 'promotions.rejectedNext')}</p>
        </div>
      ) : null}
      {p.ended_reason && p.ended_reason !== 'rejected' ? <p class="card">{t(lang, `promotions.ended.${p.ended_reason}`)}</p> : null}
      <div class="card">
        <Figures lang={lang} results={p.results} />
        <p class="field-hint">{t(lang, 'promotions.resultsHint')}</p>
        <dl class="care-facts">
          <div>
            <dt>{t(lang, 'promotions.budget')}</dt>
            <dd>{creditsText(lang, p.budget_credits)}</dd>
          </div>
          <div>
            <dt>{t(lang, 'promotions.cpm')}</dt>
            <dd>{t(lang, 'promotions.cpmValue', { n: p.cpm_credits })}</dd>
          </div>
          <div>
            <dt>{t(lang, 'promotions.dates')}</dt>
            <dd>
              <DateRange lang={lang} promotion={p} />
            </dd>
          </div>
          <div>
            <dt>{t(lang, 'promotions.targets')}</dt>
            <dd>
              <Targets lang={lang} targets={p.targets} />
            </dd>
          </div>
        </dl>
        {p.checklist_confirmed.length ? <p>{t(lang, 'promotions.checkedItems', { n: p.checklist_confirmed.length })}</p> : null}
      </div>
      <section class="card">
        <h2>{t(lang, 'promotions.daily')}</h2>
        {daily.length === 0 ? (
          <p>{t(lang, 'promotions.noDaily')}</p>
        ) : (
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'promotions.date')}</th>
                <th scope="col">{t(lang, 'promotions.impressions')}</th>
                <th scope="col">{t(lang, 'promotions.clicks')}</th>
                <th scope="col">{t(lang, 'promotions.spent')}</th>
              </tr>
            </thead>
            <tbody>
              {daily.map((d) => (
                <tr>
                  <td>{formatDate(lang, d.date)}</td>
                  <td class="num">{formatNumber(lang, d.impressions)}</td>
                  <td class="num">{formatNumber(lang, d.clicks)}</td>
                  <td class="num">{creditsText(lang, d.spent_credits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {status ? <StatusCard status={status} lang={lang} viewer={viewer} returnTo={`${PROMOTIONS_PATH}/${p.id}`} /> : <p class="card">{t(lang, 'promotions.postGone')}</p>}
      {mayCancel(viewer.accountId, row) ? (
        <form method="post" action={`${PROMOTIONS_PATH}/${p.id}/cancel`} class="card stack-form">
          <CsrfField viewer={viewer} />
          <p>{t(lang, 'promotions.cancelHint')}</p>
          <button type="submit" class="button button-danger">{t(lang, 'promotions.cancel')}</button>
        </form>
      ) : null}
    </section>,
  );
}

/** The promoter's pages and the tracked link of promoted posts. */
export function mountPromotionPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(PROMOTIONS_PATH, (c) => listPage(c, app));
  hono.get(`${PROMOTIONS_PATH}/new`, (c) => newPromotionPage(c, app));
  hono.get(`${PROMOTIONS_PATH}/:id{[0-9]{1,19}}`, (c) => detailPage(c, app, c.req.param('id')));
  // The tracked link: counts a signed-in reader's click (once a day), then opens the post.
  hono.get('/promoted/:id{[0-9]{1,19}}', async (c) => {
    const viewer = c.get('viewer');
    const target = await openPromotion(app, viewer && !viewer.mfaPending && !viewer.suspended ? viewer : null, c.req.param('id'));
    if (!target) return c.notFound();
    c.header('Cache-Control', 'no-store');
    c.header('Referrer-Policy', 'no-referrer');
    return c.redirect(`/@${target.username}/${target.statusId}`, 303);
  });
}
