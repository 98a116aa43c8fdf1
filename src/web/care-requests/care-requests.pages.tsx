import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountById, findAccountByUsername } from '../../accounts/accounts.repository.js';
import { hasPractice } from '../../practice/practice.policy.js';
import { toMastodonAccount } from '../../accounts/accounts.serializer.js';
import type { Viewer } from '../../auth/viewer.js';
import { toCareRequestEntities, type CareRequestEntity } from '../../care-requests/care-request-entity.js';
import { CARE_REQUEST_KINDS, CARE_REQUEST_MAX_CHARS, CARE_REQUEST_STATES, MAX_SLOTS, type CareRequestState } from '../../care-requests/care-requests.js';
import { mayAnswer, mayClose, sideOf } from '../../care-requests/care-requests.policy.js';
import { getCareRequest, listReceivedRequests, listSentRequests } from '../../care-requests/care-requests.service.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { loadStatuses } from '../../posts/status-views.js';
import { acceptsOnlineRequests } from '../../practice/practice.service.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, TextArea, type FieldErrors } from '../components/form-fields.js';
import { Pagination } from '../components/pagination.js';
import { signInRedirect } from '../forms.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage, type PageStatus } from '../layout.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';
import { CARE_REQUESTS_PATH, CareRequestItem, kindLabel, SlotList, StateBadge } from './care-request-parts.js';

const styles = <link rel="stylesheet" href={staticUrl('care.css')} />;
const PAGE = 20;
const ID = /^\d{1,19}$/;

const NOTICES = { sent: 'careRequests.notice.sent', answered: 'careRequests.notice.answered', closed: 'careRequests.notice.closed' } as const;

function NoticeFlash({ url, lang }: { url: string; lang: Lang }) {
  const notice = noticeFrom(url);
  return notice && notice in NOTICES ? <Flash kind="success">{t(lang, NOTICES[notice as keyof typeof NOTICES])}</Flash> : null;
}

function maxIdOf(c: WebContext): string | undefined {
  const v = c.req.query('max_id');
  return v && ID.test(v) ? v : undefined;
}

function Tabs({ lang, current, practitioner }: { lang: Lang; current: CareRequestState | 'sent'; practitioner: boolean }) {
  // Patients receive no requests: their page is the list of those they sent, without tabs.
  if (!practitioner) return null;
  return (
    <nav class="tabs" aria-label={t(lang, 'careRequests.title')}>
      {CARE_REQUEST_STATES.map((s) => (
        <a href={`${CARE_REQUESTS_PATH}?state=${s}`} aria-current={current === s ? 'page' : undefined}>{t(lang, `careRequests.tab.${s}`)}</a>
      ))}
      <a href={`${CARE_REQUESTS_PATH}/sent`} aria-current={current === 'sent' ? 'page' : undefined}>{t(lang, 'careRequests.tab.sent')}</a>
    </nav>
  );
}

async function listPage(c: WebContext, app: AppContext, which: 'received' | 'sent') {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const me = await findAccountById(app.db, viewer.accountId);
  const practitioner = me ? hasPractice(me) : false;
  if (which === 'received' && !practitioner) return c.redirect(`${CARE_REQUESTS_PATH}/sent`, 303);
  const stateParam = c.req.query('state');
  const state: CareRequestState = (CARE_REQUEST_STATES as readonly string[]).includes(stateParam ?? '') ? (stateParam as CareRequestState) : 'new';
  const query = { limit: PAGE, max_id: maxIdOf(c), ...(which === 'received' ? { state } : {}) };
  const rows = which === 'received' ? await listReceivedRequests(app, viewer, query) : await listSentRequests(app, viewer, query);
  const requests = await toCareRequestEntities(app, rows);
  const title = t(lang, which === 'received' ? 'careRequests.title' : 'careRequests.sentTitle');
  return renderPage(
    c,
    { title, noindex: true, section: 'care-requests', head: styles },
    <section class="care-page">
      <NoticeFlash url={c.req.url} lang={lang} />
      <h1>{title}</h1>
      <p class="privacy-note">{t(lang, which === 'received' ? 'careRequests.inboxLead' : 'careRequests.sentLead')}</p>
      <Tabs lang={lang} current={which === 'received' ? state : 'sent'} practitioner={practitioner} />
      {requests.length ? (
        <ul class="plain-list care-list">
          {requests.map((r) => (
            <CareRequestItem lang={lang} request={r} other={which === 'received' ? r.requester : r.target} />
          ))}
        </ul>
      ) : (
        <p class="card">{t(lang, which === 'received' ? `careRequests.empty.${state}` : 'careRequests.empty.sent')}</p>
      )}
      <Pagination lang={lang} url={c.req.url} nextMaxId={rows.length >= PAGE ? rows.at(-1)?.id : null} />
    </section>,
  );
}

export interface AnswerFormValues {
  text?: string;
}

function AnswerForm({ lang, viewer, request, values = {}, errors = {} }: { lang: Lang; viewer: Viewer; request: CareRequestEntity; values?: AnswerFormValues; errors?: FieldErrors }) {
  return (
    <form method="post" action={`${CARE_REQUESTS_PATH}/${request.id}/answer`} class="card care-answer-form">
      <CsrfField viewer={viewer} />
      <FormErrorSummary lang={lang} errors={errors} />
      <TextArea name="text" label={t(lang, 'careRequests.answerLabel')} hint={t(lang, 'careRequests.answerHint')} value={values.text} rows={4} maxLength={CARE_REQUEST_MAX_CHARS} counter={{ lang, max: CARE_REQUEST_MAX_CHARS }} required error={errors.text} />
      <button type="submit" class="button">{t(lang, 'careRequests.answer')}</button>
    </form>
  );
}

/** A request's page for its two parties: kind, slots, state, the text, the conversation; answer and close. */
export async function detailPage(c: WebContext, app: AppContext, id: string, form?: { values: AnswerFormValues; errors: FieldErrors; status: PageStatus }) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const row = await getCareRequest(app, viewer, id);
  const [request] = await toCareRequestEntities(app, [row]);
  if (!request) return c.notFound();
  const [first] = row.status_id ? await loadStatuses(app, [row.status_id], viewer) : [];
  const side = sideOf(viewer.accountId, row);
  const other = side === 'target' ? request.requester : request.target;
  const closedBy = request.closed_by === null ? null : request.closed_by === side ? t(lang, 'careRequests.closedByYou') : other.display_name || other.username;
  return renderPage(
    c,
    { title: `${kindLabel(lang, request.kind)} · ${other.display_name || other.username}`, noindex: true, section: 'care-requests', head: styles },
    <section class="care-page">
      <p class="back-link">
        <a href={side === 'target' ? `${CARE_REQUESTS_PATH}?state=${request.state}` : `${CARE_REQUESTS_PATH}/sent`}>← {t(lang, side === 'target' ? 'careRequests.title' : 'careRequests.sentTitle')}</a>
      </p>
      <NoticeFlash url={c.req.url} lang={lang} />
      <header class="care-detail-header">
        <h1>{kindLabel(lang, request.kind)}</h1>
        <StateBadge lang={lang} state={request.state} />
      </header>
      <div class="card care-detail">
        <dl class="care-facts">
          <div>
            <dt>{t(lang, side === 'target' ? 'careRequests.from' : 'careRequests.to')}</dt>
            <dd>
              <AccountName account={other} lang={lang} avatarSize={36} />
            </dd>
          </div>
          <div>
            <dt>{t(lang, 'careRequests.sentAt')}</dt>
            <dd>
              <time datetime={request.created_at}>{formatDateTime(lang, request.created_at)}</time>
            </dd>
          </div>
          {request.slots.length ? (
            <div>
              <dt>{t(lang, 'careRequests.preferredSlots')}</dt>
              <dd>
                <SlotList lang={lang} slots={request.slots} />
              </dd>
            </div>
          ) : null}
          {request.first_answered_at ? (
            <div>
              <dt>{t(lang, 'careRequests.answeredAt')}</dt>
              <dd>
                <time datetime={request.first_answered_at}>{formatDateTime(lang, request.first_answered_at)}</time>
              </dd>
            </div>
          ) : null}
          {request.closed_at ? (
            <div>
              <dt>{t(lang, 'careRequests.closedAt')}</dt>
              <dd>
                <time datetime={request.closed_at}>{formatDateTime(lang, request.closed_at)}</time>
                {closedBy ? ` · ${t(lang, 'careRequests.closedBy', { name: closedBy })}` : ''}
              </dd>
            </div>
          ) : null}
        </dl>
        {first ? (
          <blockquote class="care-text" dir="auto" dangerouslySetInnerHTML={{ __html: first.content }} />
        ) : null}
        <div class="actions">
          <a class="button button-secondary" href={`/messages/${request.conversation_id}`}>{t(lang, 'careRequests.openConversation')}</a>
          {mayClose(viewer.accountId, row) ? (
            <form method="post" action={`${CARE_REQUESTS_PATH}/${request.id}/close`} class="inline-form">
              <CsrfField viewer={viewer} />
              <button type="submit" class="button button-secondary">{t(lang, 'careRequests.close')}</button>
            </form>
          ) : null}
        </div>
      </div>
      {mayAnswer(viewer.accountId, row) ? <AnswerForm lang={lang} viewer={viewer} request={request} values={form?.values} errors={form?.errors} /> : null}
      <p class="privacy-note">{t(lang, 'careRequests.privacy')}</p>
    </section>,
    form?.status ?? 200,
  );
}

export interface RequestFormValues {
  kind?: string;
  text?: string;
  slots?: { date: string; from: string; to: string }[];
}

function RequestForm({ lang, viewer, targetId, acct, values = {}, errors = {} }: { lang: Lang; viewer: Viewer; targetId: string; acct: string; values?: RequestFormValues; errors?: FieldErrors }) {
  const kind = values.kind ?? 'appointment';
  const today = new Date().toISOString().slice(0, 10);
  return (
    <form method="post" action={CARE_REQUESTS_PATH} class="card care-request-form">
      <CsrfField viewer={viewer} />
      <input type="hidden" name="account_id" value={targetId} />
      <input type="hidden" name="to" value={acct} />
      <FormErrorSummary lang={lang} errors={errors} />
      <fieldset class={errors.kind ? 'field-invalid' : undefined}>
        <legend>{t(lang, 'careRequests.kindLegend')}</legend>
        {CARE_REQUEST_KINDS.map((k) => (
          <label class="radio care-kind">
            <input type="radio" name="kind" value={k} checked={kind === k} /> {kindLabel(lang, k)}
          </label>
        ))}
        {errors.kind ? <p class="field-error">{errors.kind}</p> : null}
      </fieldset>
      <fieldset class="care-slots-fieldset">
        <legend>{t(lang, 'careRequests.preferredSlots')}</legend>
        <p class="field-hint">{t(lang, 'careRequests.slotsHint', { max: MAX_SLOTS })}</p>
        {errors.slots ? <p class="field-error">{errors.slots}</p> : null}
        {Array.from({ length: MAX_SLOTS }, (_, i) => {
          const s = values.slots?.[i] ?? { date: '', from: '', to: '' };
          const err = errors[`slot_${i}_date`] ?? errors[`slot_${i}_from`] ?? errors[`slot_${i}_to`];
          return (
            <div class={`care-slot-row${err ? ' field-invalid' : ''}`}>
              <span class="care-slot-n">{i + 1}</span>
              <label>
                <span>{t(lang, 'careRequests.slotDate')}</span>
                <input type="date" name={`slot_${i}_date`} value={s.date} min={today} aria-invalid={err ? 'true' : undefined} />
              </label>
              <label>
                <span>{t(lang, 'careRequests.slotFrom')}</span>
                <input type="time" name={`slot_${i}_from`} value={s.from} aria-invalid={err ? 'true' : undefined} />
              </label>
              <label>
                <span>{t(lang, 'careRequests.slotTo')}</span>
                <input type="time" name={`slot_${i}_to`} value={s.to} aria-invalid={err ? 'true' : undefined} />
              </label>
              {err ? <p class="field-error care-slot-error">{err}</p> : null}
            </div>
          );
        })}
      </fieldset>
      <TextArea name="text" label={t(lang, 'careRequests.textLabel')} hint={t(lang, 'careRequests.textHint')} value={values.text} rows={5} maxLength={CARE_REQUEST_MAX_CHARS} counter={{ lang, max: CARE_REQUEST_MAX_CHARS }} required error={errors.text} />
      <p class="privacy-note">{t(lang, 'careRequests.privacy')}</p>
      <button type="submit" class="button">{t(lang, 'careRequests.send')}</button>
    </form>
  );
}

/** `/care-requests/new?to=handle`: the form to a professional or organisation accepting online requests. */
export async function newRequestPage(c: WebContext, app: AppContext, form?: { acct: string; values: RequestFormValues; errors: FieldErrors; status: PageStatus }) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const acct = (form?.acct ?? c.req.query('to') ?? '').replace(/^@/, '').split('@')[0]!.slice(0, 30);
  const row = acct ? await findAccountByUsername(app.db, acct) : undefined;
  const target = row && !row.suspended_at ? toMastodonAccount(row, app.config) : null;
  const accepting = target ? row!.kind !== 'patient' && (await acceptsOnlineRequests(app, row!.id)) : false;
  const title = t(lang, 'careRequests.newTitle');
  return renderPage(
    c,
    { title, noindex: true, section: 'care-requests', head: styles },
    <section class="care-page narrow">
      <h1>{title}</h1>
      {target ? (
        <div class="care-target">
          <AccountName account={target} lang={lang} avatarSize={48} />
        </div>
      ) : null}
      {!target ? (
        <p class="card">{t(lang, 'careRequests.error.unknownTarget')}</p>
      ) : !accepting ? (
        <p class="card">{t(lang, 'careRequests.error.notAccepting')}</p>
      ) : target.id === viewer.accountId ? (
        <p class="card">{t(lang, 'careRequests.error.self')}</p>
      ) : (
        <>
          <p>{t(lang, 'careRequests.newLead')}</p>
          <RequestForm lang={lang} viewer={viewer} targetId={target.id} acct={target.acct} values={form?.values} errors={form?.errors} />
        </>
      )}
    </section>,
    form?.status ?? (target ? 200 : 404),
  );
}

/** The care request pages: the inbox by state, the sent list, a request, the form. */
export function mountCareRequestPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(CARE_REQUESTS_PATH, (c) => listPage(c, app, 'received'));
  hono.get(`${CARE_REQUESTS_PATH}/sent`, (c) => listPage(c, app, 'sent'));
  hono.get(`${CARE_REQUESTS_PATH}/new`, (c) => newRequestPage(c, app));
  hono.get(`${CARE_REQUESTS_PATH}/:id{[0-9]{1,19}}`, (c) => detailPage(c, app, c.req.param('id')));
}
