import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import type { Viewer } from '../../auth/viewer.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { toConversationEntities, type MastodonConversation } from '../../messages/conversation-entity.js';
import { findListedConversation } from '../../messages/conversations.repository.js';
import { conversationMessageIds, listConversations, markConversationRead, ownMembership, unreadMessages } from '../../messages/conversations.service.js';
import { loadStatuses, type MastodonStatus } from '../../posts/status-views.js';
import { relationshipWith } from '../../relations/relationships.js';
import { htmlToText } from '../../text/markdown.js';
import { Avatar, profilePath } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import type { ComposerUpload } from '../media/composer-media.js';
import { MediaFields, MissingAltWarning } from '../media/media-fields.js';
import { signInRedirect } from '../forms.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage, type PageStatus } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { notFound } from '../../errors.js';
import { POST_MAX_CHARS } from '../../posts/limits.js';
import { staticUrl } from '../static.js';
import { Icon } from '../components/icons.js';

const styles = <link rel="stylesheet" href={staticUrl('messages.css')} />;

export const MESSAGES_PATH = '/messages';
const PAGE = 30;
const THREAD_PAGE = 50;
const ID = /^\d{1,19}$/;

/** Notices shown after a form post (`?notice=`). */
const NOTICES = {
  sent: 'messages.notice.sent',
  accepted: 'messages.notice.accepted',
  declined: 'messages.notice.declined',
  blocked: 'messages.notice.blocked',
  muted: 'messages.notice.muted',
  unmuted: 'messages.notice.unmuted',
  cleared: 'messages.notice.cleared',
  left: 'messages.notice.left',
  settings: 'messages.notice.settings',
} as const;

function NoticeFlash({ url, lang }: { url: string; lang: Lang }) {
  const notice = noticeFrom(url);
  return notice && notice in NOTICES ? <Flash kind="success">{t(lang, NOTICES[notice as keyof typeof NOTICES])}</Flash> : null;
}

function names(accounts: MastodonAccount[], lang: Lang): string {
  if (accounts.length === 0) return t(lang, 'messages.nobodyElse');
  return accounts.map((a) => a.display_name || a.username).join(', ');
}

/** The time of a message today, else its day: what a conversation list shows. */
function shortWhen(lang: Lang, iso: string): string {
  const when = new Date(iso);
  const sameDay = when.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-ES' : 'en-GB', sameDay ? { hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' }).format(when);
}

function excerpt(status: MastodonStatus | null, max = 90): string {
  if (!status) return '';
  const text = (status.spoiler_text || htmlToText(status.content)).replace(/\s+/g, ' ').trim() || (status.media_attachments.length ? '📎' : '');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function ConversationItem({ conversation, lang }: { conversation: MastodonConversation; lang: Lang }) {
  const first = conversation.accounts[0];
  const last = conversation.last_status;
  return (
    <li class={`card conversation-item${conversation.unread ? ' unread' : ''}`}>
      <a class="conversation-link" href={`${MESSAGES_PATH}/${conversation.id}`}>
        {first ? <Avatar account={first} size={44} /> : null}
        <span class="conversation-summary">
          <span class="conversation-names">
            {names(conversation.accounts, lang)}
            {conversation.medired.group ? <span class="tag-chip">{t(lang, 'messages.group')}</span> : null}
            {conversation.medired.muted ? <span class="tag-chip">{t(lang, 'messages.muted')}</span> : null}
          </span>
          <span class="conversation-excerpt">{excerpt(last)}</span>
        </span>
        <span class="conversation-meta">
          {last ? <time datetime={last.created_at}>{shortWhen(lang, last.created_at)}</time> : null}
          {conversation.unread ? <span class="badge" aria-label={t(lang, 'messages.unread')}>•</span> : null}
        </span>
      </a>
    </li>
  );
}

function PrivacyNote({ lang, list = false }: { lang: Lang; list?: boolean }) {
  return (
    <p class="privacy-note">
      <Icon name="private" /> {t(lang, list ? 'messages.privacyNoteList' : 'messages.privacyNote')}
    </p>
  );
}

async function listPage(c: WebContext, app: AppContext, state: 'active' | 'request') {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const maxId = ID.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
  const rows = await listConversations(app, viewer, state, { maxId, limit: PAGE });
  const [conversations, counts] = await Promise.all([toConversationEntities(app, rows, viewer), unreadMessages(app, viewer)]);
  const title = t(lang, state === 'active' ? 'messages.title' : 'messages.requests.title');
  return renderPage(
    c,
    { title, noindex: true, section: 'messages', head: styles },
    <section class="narrow messages-page">
      <div class="page-heading">
        <h1>{title}</h1>
        <a class="button" href={`${MESSAGES_PATH}/new`}>{t(lang, 'messages.new')}</a>
      </div>
      <NoticeFlash url={c.req.url} lang={lang} />
      <nav class="tabs" aria-label={t(lang, 'messages.title')}>
        <a href={MESSAGES_PATH} aria-current={state === 'active' ? 'page' : undefined}>{t(lang, 'messages.tab.conversations')}</a>
        <a href={`${MESSAGES_PATH}/requests`} aria-current={state === 'request' ? 'page' : undefined}>
          {t(lang, 'messages.tab.requests')} {counts.requests ? <span class="badge">{counts.requests}</span> : null}
        </a>
        <a href="/settings/messages">{t(lang, 'nav.settings')}</a>
      </nav>
      {state === 'request' ? <p>{t(lang, 'messages.requests.lead')}</p> : <PrivacyNote lang={lang} list />}
      {conversations.length === 0 ? (
        <p class="empty-state">{t(lang, state === 'active' ? 'messages.empty' : 'messages.requests.empty')}</p>
      ) : (
        <ul class="plain-list conversation-list">
          {conversations.map((conversation) => (
            <ConversationItem conversation={conversation} lang={lang} />
          ))}
        </ul>
      )}
      {rows.length === PAGE ? (
        <p class="pagination">
          <a href={`?max_id=${rows.at(-1)!.last_status_id}`}>{t(lang, 'pagination.older')}</a>
        </p>
      ) : null}
    </section>,
  );
}

function Attachment({ media }: { media: MastodonStatus['media_attachments'][number] }) {
  const url = media.url ?? undefined;
  if (media.type === 'image') {
    return (
      <a href={url} class="message-image">
        <img src={media.preview_url ?? url} alt={media.description ?? ''} loading="lazy" />
      </a>
    );
  }
  if (media.type === 'video') return <video src={url} poster={media.preview_url ?? undefined} controls preload="metadata" aria-label={media.description ?? undefined} />;
  return (
    <a class="message-document" href={url} download>
      <Icon name="link" /> {media.description || 'PDF'}
    </a>
  );
}

function MessageBubble({ status, viewer, lang }: { status: MastodonStatus; viewer: Viewer; lang: Lang }) {
  const mine = status.account.id === viewer.accountId;
  return (
    <li class={`message${mine ? ' mine' : ''}`} id={`m-${status.id}`}>
      <div class="message-head">
        <a href={profilePath(status.account)}>{status.account.display_name || status.account.username}</a>{' '}
        <time datetime={status.created_at}>{formatDateTime(lang, status.created_at)}</time>
        {status.edited_at ? <span class="message-edited"> · {t(lang, 'messages.edited')}</span> : null}
      </div>
      {status.spoiler_text ? <p class="message-cw">{status.spoiler_text}</p> : null}
      <div class="message-body" dir="auto" dangerouslySetInnerHTML={{ __html: status.content }} />
      {status.media_attachments.length ? (
        <div class="message-media">
          {status.media_attachments.map((m) => (
            <Attachment media={m} />
          ))}
        </div>
      ) : null}
      {mine ? null : (
        <a class="message-report" href={`/report?status_id=${status.id}`}>
          {t(lang, 'messages.report')}
        </a>
      )}
    </li>
  );
}

function ActionButton({ viewer, action, label, secondary = true }: { viewer: Viewer; action: string; label: string; secondary?: boolean }) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField viewer={viewer} />
      <button type="submit" class={`button button-small${secondary ? ' button-secondary' : ''}`}>{label}</button>
    </form>
  );
}

export interface MessageFormValues {
  status?: string;
  to?: string;
  /** Images and documents uploaded by an earlier submission, kept with their descriptions. */
  uploads?: ComposerUpload[];
  /** "Send without a description" was already chosen. */
  alt_confirmed?: boolean;
  /** Images without a description: the form warns first. */
  missingAlt?: ComposerUpload[];
}

function MessageForm({ viewer, lang, action, values = {}, errors = {}, withRecipients }: { viewer: Viewer; lang: Lang; action: string; values?: MessageFormValues; errors?: FieldErrors; withRecipients: boolean }) {
  return (
    <form method="post" action={action} enctype="multipart/form-data" class="card message-form">
      <CsrfField viewer={viewer} />
      {withRecipients ? (
        <TextField name="to" label={t(lang, 'messages.form.to')} hint={t(lang, 'messages.form.toHint')} value={values.to} error={errors.to} required />
      ) : null}
      <TextArea name="status" label={t(lang, 'messages.form.text')} value={values.status} rows={withRecipients ? 6 : 3} counter={{ lang, max: POST_MAX_CHARS }} error={errors.status} />
      {values.missingAlt?.length ? <MissingAltWarning lang={lang} missing={values.missingAlt} send /> : null}
      <MediaFields lang={lang} prefix={withRecipients ? 'message-new' : 'message'} uploads={values.uploads ?? []} missingAlt={values.missingAlt ?? []} error={errors.media ?? errors.media_ids} documents altConfirmed={values.alt_confirmed ?? false} />
      <button type="submit" class="button">
        <Icon name="private" /> {t(lang, 'messages.form.send')}
      </button>
    </form>
  );
}

/** The conversation page, also rendered again (422) with what was typed when sending failed. */
export async function conversationPage(c: WebContext, app: AppContext, id: string, form?: { values: MessageFormValues; errors: FieldErrors; status: PageStatus }) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const member = await ownMembership(app, viewer, id).catch(() => null);
  if (!member) throw notFound('Conversation');
  if (!form && member.unread) await markConversationRead(app, viewer, id);
  const listed = await findListedConversation(app.db, viewer.accountId, id);
  if (!listed) throw notFound('Conversation');
  const [[conversation], ids] = await Promise.all([toConversationEntities(app, [listed], viewer), conversationMessageIds(app, viewer, id, { maxId: ID.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined, limit: THREAD_PAGE })]);
  const messages = (await loadStatuses(app, ids, viewer)).reverse();
  const others = conversation!.accounts;
  const path = `${MESSAGES_PATH}/${id}`;
  // In a one-to-one conversation a block (either way) ends the writing: say so instead of a composer.
  const relation = !conversation!.medired.group && others[0] ? await relationshipWith(app.db, viewer.accountId, others[0].id) : null;
  const blocked = relation ? (relation.blocking ? 'messages.blocked.byYou' : relation.blocked_by ? 'messages.blocked.byThem' : null) : null;
  const request = conversation!.medired.request;
  return renderPage(
    c,
    { title: names(others, lang), noindex: true, section: 'messages', head: styles },
    <section class="narrow conversation-page">
      <p class="back-link">
        <a href={request ? `${MESSAGES_PATH}/requests` : MESSAGES_PATH}>← {t(lang, request ? 'messages.requests.title' : 'messages.title')}</a>
      </p>
      <header class="conversation-header">
        <h1>{names(others, lang)}</h1>
        <p class="conversation-people">
          {others.map((a) => (
            <a href={profilePath(a)}>@{a.acct}</a>
          ))}
        </p>
      </header>
      <NoticeFlash url={c.req.url} lang={lang} />
      <PrivacyNote lang={lang} />
      {request ? (
        <div class="card request-banner" role="region" aria-label={t(lang, 'messages.requests.title')}>
          <p>{t(lang, 'messages.requests.banner', { name: names(others, lang) })}</p>
          <div class="actions">
            <ActionButton viewer={viewer} action={`${path}/accept`} label={t(lang, 'messages.requests.accept')} secondary={false} />
            <ActionButton viewer={viewer} action={`${path}/decline`} label={t(lang, 'messages.requests.decline')} />
            <ActionButton viewer={viewer} action={`${path}/block`} label={t(lang, 'messages.requests.block')} />
            {messages[0] ? <a class="request-report" href={`/report?status_id=${messages[0].id}`}>{t(lang, 'messages.requests.report')}</a> : null}
          </div>
        </div>
      ) : null}
      {ids.length === THREAD_PAGE ? (
        <p class="pagination">
          <a href={`${path}?max_id=${ids.at(-1)}`}>{t(lang, 'messages.older')}</a>
        </p>
      ) : null}
      <div data-live-refresh={`conversation:${id}`} aria-live="polite">
        {messages.length === 0 ? (
          <p class="empty-state">{t(lang, 'messages.thread.empty')}</p>
        ) : (
          <ol class="message-list">
            {messages.map((status) => (
              <MessageBubble status={status} viewer={viewer} lang={lang} />
            ))}
          </ol>
        )}
      </div>
      {form ? <FormErrorSummary lang={lang} errors={form.errors} /> : null}
      {request ? <p class="hint">{t(lang, 'messages.requests.answerAccepts')}</p> : null}
      {blocked ? (
        <p class="card notice">
          {t(lang, blocked)}
          {blocked === 'messages.blocked.byYou' && others[0] ? (
            <>
              {' '}
              <a href={profilePath(others[0])}>{t(lang, 'messages.blocked.profile')}</a>
            </>
          ) : null}
        </p>
      ) : (
        <MessageForm viewer={viewer} lang={lang} action={path} values={form?.values} errors={form?.errors} withRecipients={false} />
      )}
      <div class="conversation-actions">
        {conversation!.medired.muted ? (
          <ActionButton viewer={viewer} action={`${path}/unmute`} label={t(lang, 'messages.unmute')} />
        ) : (
          <ActionButton viewer={viewer} action={`${path}/mute`} label={t(lang, 'messages.mute')} />
        )}
        <ActionButton viewer={viewer} action={`${path}/clear`} label={t(lang, 'messages.clear')} />
        {conversation!.medired.group ? <ActionButton viewer={viewer} action={`${path}/leave`} label={t(lang, 'messages.leave')} /> : null}
      </div>
    </section>,
    form?.status ?? 200,
  );
}

/** `/messages/new`: write to someone (`?to=handle` from a profile's "Send a message"). */
export function newMessagePage(c: WebContext, form: { values: MessageFormValues; errors: FieldErrors; status: PageStatus } = { values: {}, errors: {}, status: 200 }) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const to = form.values.to ?? (c.req.query('to') ?? '').replace(/[^A-Za-z0-9_@ ,]/g, '').slice(0, 300);
  return renderPage(
    c,
    { title: t(lang, 'messages.new'), noindex: true, section: 'messages', head: styles },
    <section class="narrow">
      <p class="back-link">
        <a href={MESSAGES_PATH}>← {t(lang, 'messages.title')}</a>
      </p>
      <h1>{t(lang, 'messages.new')}</h1>
      <PrivacyNote lang={lang} />
      <p class="hint">{t(lang, 'messages.newLead')}</p>
      <FormErrorSummary lang={lang} errors={form.errors} />
      <MessageForm viewer={viewer} lang={lang} action={MESSAGES_PATH} values={{ ...form.values, to }} errors={form.errors} withRecipients />
    </section>,
    form.status,
  );
}

/** `/messages`, `/messages/requests`, `/messages/new`, `/messages/:id`. */
export function mountMessagePages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(MESSAGES_PATH, (c) => listPage(c, app, 'active'));
  hono.get(`${MESSAGES_PATH}/requests`, (c) => listPage(c, app, 'request'));
  hono.get(`${MESSAGES_PATH}/new`, (c) => newMessagePage(c));
  hono.get(`${MESSAGES_PATH}/:id{[0-9]{1,19}}`, (c) => conversationPage(c, app, c.req.param('id')));
}
