import { Pagination } from '../components/pagination.js';
import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountByUsername } from '../../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../../accounts/accounts.serializer.js';
import { hasStaffPower } from '../../auth/staff-power.js';
import type { Viewer } from '../../auth/viewer.js';
import { COMPLAINT_ENTRY_RATE_LIMITS, COMPLAINT_RATE_LIMITS } from '../../complaints/complaint-limits.js';
import { complaintEntryInput, complaintInput, complaintReasonInput } from '../../complaints/complaints.js';
import { mayOfferComplaint } from '../../complaints/complaints.policy.js';
import {
  addEntry,
  closeComplaint,
  complaintActions,
  getComplaint,
  listComplaints,
  moveToPrivate,
  openComplaint,
  removeComplaint,
  resolveComplaint,
  serializeComplaints,
  serializeEntries,
  threadOf,
  type ComplaintEntity,
  type ComplaintEntryEntity,
} from '../../complaints/complaints.service.js';
import { AppError, notFound } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { findPersonalData, type PersonalDataMatch } from '../../text/personal-data.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { PersonalDataWarning } from '../components/personal-data-warning.js';
import { fieldErrorsOfAppError, parseForm } from '../consultas/form-errors.js';
import { errorText } from '../errors/error-text.js';
import { field, formFields, idParam, signInRedirect, withStatus, type FormFields } from '../forms.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage, type PageStatus } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { ComplaintBadges, ComplaintList, complaintStyles, PlainText } from './complaint-parts.js';

const ID = '{[0-9]{1,19}}';

// ---- the new-complaint form ----

interface NewFormState {
  values: FormFields;
  errors?: FieldErrors | undefined;
  personal?: PersonalDataMatch[] | undefined;
}

async function targetByHandle(app: AppContext, handle: string): Promise<{ row: NonNullable<Awaited<ReturnType<typeof findAccountByUsername>>>; account: MastodonAccount }> {
  const row = handle ? await findAccountByUsername(app.db, handle.replace(/^@/, '')) : undefined;
  if (!row || row.suspended_at) throw notFound('Account');
  return { row, account: toMastodonAccount(row, app.config) };
}

function renderNewForm(c: WebContext, viewer: Viewer, target: MastodonAccount, state: NewFormState, status: PageStatus = 200) {
  const lang = c.get('lang');
  const name = target.display_name || target.username;
  const v = (k: string) => field(state.values, k);
  const visibility = v('visibility') === 'private' ? 'private' : 'public';
  const title = t(lang, 'complaints.newAbout', { name });
  return renderPage(
    c,
    { title, noindex: true, head: complaintStyles },
    <section class="narrow">
      <h1>{title}</h1>
      <p>{t(lang, 'complaints.newLead', { name })}</p>
      <form method="post" action="/complaints" class="card complaint-form">
        <CsrfField viewer={viewer} />
        <input type="hidden" name="about" value={target.acct} />
        {state.personal?.length ? <PersonalDataWarning lang={lang} matches={state.personal} kind="post" visibility="public" /> : null}
        <FormErrorSummary lang={lang} errors={state.errors} />
        <TextField name="subject" label={t(lang, 'complaints.field.subject')} value={v('subject')} maxLength={140} required error={state.errors?.subject} />
        <TextArea name="text" label={t(lang, 'complaints.field.text')} hint={t(lang, 'complaints.field.textHint')} value={v('text')} rows={8} maxLength={5000} counter={{ lang, max: 5000 }} required error={state.errors?.text} />
        <fieldset class="complaint-visibility">
          <legend>{t(lang, 'complaints.field.visibility')}</legend>
          {(['public', 'private'] as const).map((option) => (
            <label>
              <input type="radio" name="visibility" value={option} checked={visibility === option} />
              <span>
                <strong>{t(lang, `complaints.visibility.${option}`)}</strong>
                <small>{t(lang, option === 'public' ? 'complaints.visibility.publicHint' : 'complaints.visibility.privateHint', { name })}</small>
              </span>
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button">{t(lang, 'complaints.submit')}</button>
      </form>
    </section>,
    status,
  );
}

/** The form's fields as the complaint input (the target named by its handle). */
function complaintFields(form: FormFields, accountId: string) {
  return { account_id: accountId, subject: field(form, 'subject'), text: field(form, 'text'), visibility: field(form, 'visibility'), confirm_personal_data: field(form, 'confirm_personal_data') };
}

/** A refusal of the service as the form shows it: the personal-data warning, or the error above the form. */
function refusalState(lang: Lang, form: FormFields, err: unknown): NewFormState | null {
  if (!(err instanceof AppError)) return null;
  if (err.key === 'complaints.error.personalData') return { values: form, personal: findPersonalData(`${field(form, 'subject')}\n${field(form, 'text')}`) };
  if (err.code === 'validation_failed') return { values: form, errors: fieldErrorsOfAppError(lang, err) ?? {} };
  if (err.code === 'forbidden' || err.code === 'conflict' || err.code === 'rate_limited') return { values: form, errors: { _form: errorText(lang, err) } };
  return null;
}

const statusOf = (err: unknown): PageStatus => (err instanceof AppError ? ({ forbidden: 403, conflict: 409, rate_limited: 429 } as Record<string, PageStatus>)[err.code] ?? 422 : 422);

const createComplaintForm = defineFormRoute({
  path: '/complaints',
  summary: 'File a complaint from the web form',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  rateLimits: COMPLAINT_RATE_LIMITS,
  onError: async ({ c, app, viewer, raw, status }, err) => {
    if (!viewer) return undefined;
    const state = refusalState(c.get('lang'), raw, err);
    if (!state) return undefined;
    const target = await targetByHandle(app, field(raw, 'about')).catch(() => null);
    return target ? withStatus(renderNewForm(c, viewer, target.account, state), status) : undefined;
  },
  handler: async ({ c, app, viewer, body: form }) => {
    const lang = c.get('lang');
    const target = await targetByHandle(app, field(form, 'about'));
    const parsed = parseForm(lang, complaintInput, complaintFields(form, target.row.id));
    if (parsed.errors) return renderNewForm(c, viewer, target.account, { values: form, errors: parsed.errors }, 422);
    try {
      const row = await openComplaint(app, viewer, parsed.data);
      return c.redirect(`/complaints/${row.id}?notice=created`, 303);
    } catch (err) {
      const state = refusalState(lang, form, err);
      if (state) return renderNewForm(c, viewer, target.account, state, statusOf(err));
      throw err;
    }
  },
});

// ---- one complaint ----

interface ComplaintPageState {
  replyText?: string;
  replyErrors?: FieldErrors | undefined;
  personal?: PersonalDataMatch[] | undefined;
}

const NOTICES = ['created', 'replied', 'resolved', 'removed', 'closed', 'moved'] as const;

function Entry({ entry, complaint, lang, viewer }: { entry: ComplaintEntryEntity; complaint: ComplaintEntity; lang: Lang; viewer: Viewer | null }) {
  const byTarget = entry.account.id === complaint.target.id;
  if (entry.kind === 'moved_to_private') {
    return (
      <li class="complaint-entry complaint-entry-note" id={`e-${entry.id}`}>
        <p>
          <strong>{t(lang, 'complaints.movedNote')}</strong> {t(lang, 'complaints.movedNoteBy', { name: entry.account.display_name || entry.account.username })}
        </p>
        <p class="complaint-meta">{formatDateTime(lang, entry.created_at)}</p>
      </li>
    );
  }
  return (
    <li class={`complaint-entry${byTarget ? ' complaint-entry-target' : ''}`} id={`e-${entry.id}`}>
      <div class="complaint-entry-head">
        <AccountName account={entry.account} lang={lang} avatarSize={32} />
        <span>
          <time datetime={entry.created_at}>{formatDateTime(lang, entry.created_at)}</time>
          {viewer && viewer.accountId !== entry.account.id ? (
            <>
              {' · '}
              <a href={`/report?target_type=complaint_entry&target_id=${entry.id}`}>{t(lang, 'complaints.reportEntry')}</a>
            </>
          ) : null}
        </span>
      </div>
      {entry.hidden && !entry.text ? <p class="complaint-meta">{t(lang, 'complaints.entryHidden')}</p> : <PlainText text={entry.text} />}
      {entry.hidden && entry.text ? <p class="complaint-meta">{t(lang, 'complaints.entryHidden')}</p> : null}
    </li>
  );
}

function ReasonForm({ lang, viewer, action, label }: { lang: Lang; viewer: Viewer; action: string; label: string }) {
  const id = action.replace(/\W+/g, '-');
  return (
    <form method="post" action={action}>
      <CsrfField viewer={viewer} />
      <div class="field">
        <label for={id}>{t(lang, 'complaints.field.reason')}</label>
        <textarea id={id} name="reason" rows={2} minlength={5} maxlength={1000} required></textarea>
      </div>
      <button type="submit" class="button button-danger">{label}</button>
    </form>
  );
}

async function renderComplaintPage(c: WebContext, app: AppContext, id: string, state: ComplaintPageState = {}, status: PageStatus = 200) {
  const lang = c.get('lang');
  const viewer = c.get('viewer');
  const view = await getComplaint(app, viewer, id);
  const [complaint] = await serializeComplaints(app, viewer, [view.row]);
  const entries = await serializeEntries(app, view, viewer, await threadOf(app, view));
  const can = await complaintActions(app, viewer, view.row);
  const c0 = complaint!;
  const notice = noticeFrom(c.req.url);
  const party = view.access === 'complainant' || view.access === 'target';
  const byName = c0.complainant.display_name || c0.complainant.username;
  const aboutName = c0.target.display_name || c0.target.username;
  return renderPage(
    c,
    { title: c0.subject, description: t(lang, 'complaints.about', { name: aboutName }), noindex: c0.visibility === 'private' || c0.removed, head: complaintStyles },
    <section class="narrow">
      {notice && (NOTICES as readonly string[]).includes(notice) ? <Flash kind="success">{t(lang, `complaints.notice.${notice as (typeof NOTICES)[number]}`)}</Flash> : null}
      {c0.removed ? (
        <Flash kind="error">
          <strong>{t(lang, 'complaints.removedNotice')}</strong>
          {c0.removal_reason ? <> {t(lang, 'complaints.reason', { reason: c0.removal_reason })}</> : null}
        </Flash>
      ) : null}
      {c0.state === 'closed' ? (
        <Flash kind="info">
          {t(lang, 'complaints.closedNotice')}
          {c0.close_reason ? <> {t(lang, 'complaints.reason', { reason: c0.close_reason })}</> : null}
        </Flash>
      ) : null}
      {c0.state === 'resolved' ? <Flash kind="info">{t(lang, 'complaints.resolvedNotice')}</Flash> : null}
      <article class="complaint" aria-labelledby="complaint-title">
        <p class="complaint-meta">
          <a href={`/@${c0.target.acct}`}>{t(lang, 'complaints.about', { name: aboutName })}</a>
        </p>
        <h1 id="complaint-title">{c0.subject}</h1>
        <p>
          <ComplaintBadges complaint={c0} lang={lang} />
        </p>
        <p class="complaint-meta">{t(lang, 'complaints.by', { name: byName, date: formatDateTime(lang, c0.created_at) })}</p>
        <PlainText text={c0.text} />
        {c0.moved_to_private_at ? (
          <p class="complaint-meta">
            <strong>{t(lang, 'complaints.movedNote')}</strong>
            {party && c0.conversation_id ? (
              <>
                {' '}
                <a href={`/messages/${c0.conversation_id}`}>{t(lang, 'complaints.openConversation')}</a>
              </>
            ) : null}
          </p>
        ) : null}
        {(can.moveToPrivate && !c0.moved_to_private_at) || can.resolve || (viewer && !party) ? (
        <div class="complaint-actions">
          {can.moveToPrivate && !c0.moved_to_private_at ? (
            <form method="post" action={`/complaints/${id}/move_to_private`} class="inline-form">
              <CsrfField viewer={viewer} />
              <button type="submit" class="button" aria-describedby="move-hint">{t(lang, 'complaints.moveToPrivate')}</button>
            </form>
          ) : null}
          {can.resolve ? (
            <form method="post" action={`/complaints/${id}/resolve`} class="inline-form">
              <CsrfField viewer={viewer} />
              <button type="submit" class="button button-secondary">{t(lang, 'complaints.resolve')}</button>
            </form>
          ) : null}
          {viewer && !party ? <a href={`/report?target_type=complaint&target_id=${id}`}>{t(lang, 'complaints.report')}</a> : null}
        </div>
        ) : null}
        {can.moveToPrivate && !c0.moved_to_private_at ? <p class="field-hint" id="move-hint">{t(lang, 'complaints.moveToPrivateHint')}</p> : null}
      </article>
      <h2 class="section-title">{t(lang, 'complaints.thread')}</h2>
      {entries.length ? (
        <ol class="complaint-thread">
          {entries.map((e) => (
            <Entry entry={e} complaint={c0} lang={lang} viewer={viewer} />
          ))}
        </ol>
      ) : (
        <p class="empty-state">{t(lang, 'complaints.noEntries')}</p>
      )}
      {can.reply && viewer ? (
        <form method="post" action={`/complaints/${id}/entries`} class="card" id="reply">
          <CsrfField viewer={viewer} />
          {state.personal?.length ? <PersonalDataWarning lang={lang} matches={state.personal} kind="post" visibility="public" /> : null}
          <FormErrorSummary lang={lang} errors={state.replyErrors} />
          <TextArea name="text" label={t(lang, 'complaints.replyLabel')} value={state.replyText ?? ''} rows={4} maxLength={5000} required error={state.replyErrors?.text} />
          <button type="submit" class="button">{t(lang, 'complaints.send')}</button>
        </form>
      ) : null}
      {hasStaffPower(viewer) && (can.remove || can.close) && viewer ? (
        <section class="complaint-moderation" aria-labelledby="complaint-moderation">
          <h2 id="complaint-moderation" class="section-title">{t(lang, 'complaints.moderation')}</h2>
          <p>{t(lang, 'complaints.moderationHint')}</p>
          {can.remove ? <ReasonForm lang={lang} viewer={viewer} action={`/complaints/${id}/remove`} label={t(lang, 'complaints.remove')} /> : null}
          {can.close ? <ReasonForm lang={lang} viewer={viewer} action={`/complaints/${id}/close`} label={t(lang, 'complaints.close')} /> : null}
        </section>
      ) : null}
      {viewer ? (
        <p>
          <a href="/complaints">{t(lang, 'complaints.viewAll')}</a>
        </p>
      ) : null}
    </section>,
    status,
  );
}

const replyForm = defineFormRoute({
  path: `/complaints/:id${ID}/entries`,
  summary: "Write in a complaint's thread from its page",
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  rateLimits: COMPLAINT_ENTRY_RATE_LIMITS,
  handler: async ({ c, app, viewer, params, body: form }) => {
    const lang = c.get('lang');
    const text = field(form, 'text');
    const parsed = parseForm(lang, complaintEntryInput, { text, confirm_personal_data: field(form, 'confirm_personal_data') });
    if (parsed.errors) return renderComplaintPage(c, app, params.id, { replyText: text, replyErrors: parsed.errors }, 422);
    try {
      const entry = await addEntry(app, viewer, params.id, parsed.data);
      return c.redirect(`/complaints/${params.id}?notice=replied#e-${entry.id}`, 303);
    } catch (err) {
      if (err instanceof AppError && err.key === 'complaints.error.personalData') return renderComplaintPage(c, app, params.id, { replyText: text, personal: findPersonalData(text) }, 422);
      throw err;
    }
  },
});

const moveForm = defineFormRoute({
  path: `/complaints/:id${ID}/move_to_private`,
  summary: 'The target continues a complaint in a private conversation',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    await moveToPrivate(app, viewer, params.id);
    return c.redirect(`/complaints/${params.id}?notice=moved`, 303);
  },
});

const resolveForm = defineFormRoute({
  path: `/complaints/:id${ID}/resolve`,
  summary: 'The complainant marks a complaint resolved',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    await resolveComplaint(app, viewer, params.id);
    return c.redirect(`/complaints/${params.id}?notice=resolved`, 303);
  },
});

const moderationForm = (what: 'remove' | 'close') =>
  defineFormRoute({
    path: `/complaints/:id${ID}/${what}`,
    summary: what === 'remove' ? 'Moderators remove a complaint, with a reason' : 'Moderators close a complaint, with a reason',
    auth: 'moderator',
    scope: 'admin:write:reports',
    params: idParam,
    body: complaintReasonInput,
    handler: async ({ c, app, viewer, params, body }) => {
      await (what === 'remove' ? removeComplaint : closeComplaint)(app, viewer, params.id, body);
      return c.redirect(`/complaints/${params.id}?notice=${what === 'remove' ? 'removed' : 'closed'}`, 303);
    },
  });

const PAGE_SIZE = 20;

/** `/complaints` (mine, about me, or `?about=<handle>`: the public ones about an account), `/complaints/new?about=<handle>` and `/complaints/:id`. */
export function mountComplaintPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/complaints', async (c) => {
    const viewer = c.get('viewer');
    const lang = c.get('lang');
    const maxId = /^\d{1,19}$/.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
    const page = { maxId, limit: PAGE_SIZE };
    // `?about=<handle>`: every public complaint about one account, for anyone (the profile shows the latest).
    const about = c.req.query('about');
    if (about !== undefined) {
      const target = await targetByHandle(app, about);
      const list = await listComplaints(app, viewer && !viewer.mfaPending ? viewer : null, { about: target.row.id }, page);
      const entities = await serializeComplaints(app, viewer, list.items);
      const name = target.account.display_name || target.account.username;
      return renderPage(
        c,
        { title: t(lang, 'complaints.aboutTitle', { name }), head: complaintStyles },
        <section class="narrow">
          <h1>{t(lang, 'complaints.aboutTitle', { name })}</h1>
          <p>
            <a href={`/@${target.account.acct}`}>← {name}</a>
          </p>
          <section class="card">
            <ComplaintList complaints={entities} lang={lang} show="complainant" empty={t(lang, 'complaints.sectionNone')} />
          </section>
          <Pagination lang={lang} url={c.req.url} nextMaxId={list.hasMore ? list.cursors[list.cursors.length - 1] : null} />
        </section>,
      );
    }
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const tab = c.req.query('tab') === 'about_me' ? 'about_me' : 'mine';
    const list = await listComplaints(app, viewer, tab === 'mine' ? { mine: true } : { aboutMe: true }, page);
    const entities = await serializeComplaints(app, viewer, list.items);
    return renderPage(
      c,
      { title: t(lang, 'complaints.title'), noindex: true, head: complaintStyles },
      <section class="narrow">
        <h1>{t(lang, 'complaints.title')}</h1>
        <nav class="tabs" aria-label={t(lang, 'complaints.title')}>
          <a href="/complaints" aria-current={tab === 'mine' ? 'page' : undefined}>
            {t(lang, 'complaints.mine')}
          </a>
          <a href="/complaints?tab=about_me" aria-current={tab === 'about_me' ? 'page' : undefined}>
            {t(lang, 'complaints.aboutMe')}
          </a>
        </nav>
        <section class="card" aria-label={t(lang, tab === 'mine' ? 'complaints.mine' : 'complaints.aboutMe')}>
          {tab === 'mine' ? (
            <ComplaintList complaints={entities} lang={lang} show="target" empty={t(lang, 'complaints.noneMine')} />
          ) : (
            <ComplaintList complaints={entities} lang={lang} show="complainant" empty={t(lang, 'complaints.noneAboutMe')} />
          )}
        </section>
        <Pagination lang={lang} url={c.req.url} nextMaxId={list.hasMore ? list.cursors[list.cursors.length - 1] : null} />
      </section>,
    );
  });

  hono.get('/complaints/new', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    const target = await targetByHandle(app, c.req.query('about') ?? '');
    if (!mayOfferComplaint(viewer, { id: target.row.id, kind: target.row.kind, suspended_at: target.row.suspended_at })) {
      const key = target.row.id === viewer.accountId ? 'complaints.error.self' : 'complaints.error.notComplainable';
      return renderPage(c, { title: t(lang, 'complaints.new'), noindex: true }, <section class="narrow"><h1>{t(lang, 'complaints.new')}</h1><p>{t(lang, key)}</p></section>, 403);
    }
    return renderNewForm(c, viewer, target.account, { values: {} });
  });

  hono.get(`/complaints/:id${ID}`, (c) => renderComplaintPage(c, app, c.req.param('id')));
}

export const complaintFormRoutes: AnyRoute[] = [createComplaintForm, replyForm, moveForm, resolveForm, moderationForm('remove'), moderationForm('close')];
