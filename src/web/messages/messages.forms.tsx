import { z } from 'zod';
import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountByUsername } from '../../accounts/accounts.repository.js';
import { findAccountById } from '../../accounts/accounts.repository.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { composerMedia, CONFIRM_MISSING_ALT, imagesMissingAlt } from '../media/composer-media.js';
import {
  acceptRequest,
  clearConversation,
  declineRequest,
  leaveConversation,
  muteConversation,
  updateMessagesFrom,
} from '../../messages/conversations.service.js';
import { effectiveMessagesFrom, MAX_CONVERSATION_PEOPLE } from '../../messages/messages.policy.js';
import { MESSAGES_FROM } from '../../messages/messages.js';
import { sendMessage, startConversation } from '../../messages/send-message.service.js';
import { POSTING_RATE_LIMITS } from '../../posts/limits.js';
import { Flash, noticeFrom } from '../components/flash.js';
import type { FieldErrors } from '../components/form-fields.js';
import { SettingsNav } from '../components/settings-nav.js';
import { errorText } from '../errors/error-text.js';
import { field, formFields, idParam, signInRedirect } from '../forms.js';
import { t } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import { checkNoteForm, fieldErrorsOf } from '../pages/statuses/status-errors.js';
import type { WebContext } from '../web-context.js';
import { staticUrl } from '../static.js';
import { conversationPage, MESSAGES_PATH, newMessagePage, type MessageFormValues } from './messages.pages.js';

function formValues(form: Record<string, unknown>): MessageFormValues {
  return {
    status: field(form, 'status'),
    to: field(form, 'to').slice(0, 300),
    alt_confirmed: field(form, CONFIRM_MISSING_ALT) === 'true',
  };
}

/** Handles typed by the sender (`@ana, @dra_lucia`) as account ids, or the error to show. */
async function recipients(app: AppContext, c: WebContext, viewerAccountId: string, to: string): Promise<string[] | FieldErrors> {
  const lang = c.get('lang');
  const handles = [...new Set(to.split(/[\s,;]+/).map((h) => h.replace(/^@/, '').split('@')[0]!.toLowerCase()).filter(Boolean))];
  if (handles.length === 0) return { to: t(lang, 'messages.form.toMissing') };
  if (handles.length > MAX_CONVERSATION_PEOPLE - 1) return { to: t(lang, 'messages.tooManyPeople', { max: MAX_CONVERSATION_PEOPLE }) };
  const ids: string[] = [];
  for (const handle of handles) {
    const account = await findAccountByUsername(app.db, handle);
    if (!account || account.suspended_at) return { to: t(lang, 'messages.form.unknown', { handle }) };
    if (account.id !== viewerAccountId) ids.push(account.id);
  }
  if (ids.length === 0) return { to: t(lang, 'messages.noRecipients') };
  return ids;
}

const isErrors = (v: string[] | FieldErrors): v is FieldErrors => !Array.isArray(v);

const messageInput = z.object({
  status: z.string().default(''),
  to: z.unknown().optional(),
  // The images and documents (src/web/media/composer-media.ts): new files, kept uploads, descriptions.
  media: z.unknown().optional(),
  media_description: z.unknown().optional(),
  media_descriptions: z.unknown().optional(),
  media_ids: z.unknown().optional(),
  media_alt: z.unknown().optional(),
  media_remove: z.unknown().optional(),
  confirm_missing_alt: z.unknown().optional(),
});

/** Errors of the services shown next to the form instead of an error page. */
function formError(c: WebContext, err: AppError, field: 'to' | '_form' = 'to'): FieldErrors | null {
  const lang = c.get('lang');
  if (err.code === 'validation_failed') return fieldErrorsOf(lang, err);
  if (err.code === 'rate_limited') return { _form: errorText(lang, err) };
  if (err.code === 'forbidden') return { [field]: errorText(lang, err) };
  return null;
}

const start = defineFormRoute({
  path: MESSAGES_PATH,
  summary: 'Write a private message to one or more people from the web',
  auth: 'user',
  scope: 'write:statuses',
  body: messageInput,
  rateLimits: [...POSTING_RATE_LIMITS],
  onError: ({ c, raw }, err) => {
    const errors = formError(c, err);
    return errors ? newMessagePage(c, { values: formValues(raw), errors, status: err.code === 'rate_limited' ? 429 : 422 }) : undefined;
  },
  handler: async ({ c, app, viewer, body }) => {
    const lang = c.get('lang');
    // Files are uploaded first, so a form shown again keeps them.
    const media = await composerMedia(app, viewer, lang, body, { documents: true, private: true });
    const values = { ...formValues(body), uploads: media.uploads };
    const errors = { ...checkNoteForm(lang, values.status ?? '', '', media.uploads.length > 0), ...media.errors };
    if (Object.keys(errors).length) return newMessagePage(c, { values, errors, status: 422 });
    const ids = await recipients(app, c, viewer.accountId, values.to ?? '');
    if (isErrors(ids)) return newMessagePage(c, { values, errors: ids, status: 422 });
    const missingAlt = imagesMissingAlt(media.uploads, body);
    if (missingAlt.length) return newMessagePage(c, { values: { ...values, missingAlt }, errors: {}, status: 422 });
    const sent = await startConversation(app, viewer, { account_ids: ids, status: values.status ?? '', ...(media.uploads.length ? { media_ids: media.uploads.map((u) => u.id) } : {}), language: lang });
    return c.redirect(`${MESSAGES_PATH}/${sent.conversationId}?notice=sent#m-${sent.statusId}`, 303);
  },
});

const send = defineFormRoute({
  path: `${MESSAGES_PATH}/:id{[0-9]{1,19}}`,
  summary: 'Write in a private conversation from the web',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: messageInput,
  rateLimits: [...POSTING_RATE_LIMITS],
  onError: ({ c, raw, params }, err) => {
    const errors = formError(c, err, '_form');
    const id = (params as { id?: string } | undefined)?.id;
    return errors && id ? conversationPage(c, c.get('webApp'), id, { values: formValues(raw), errors, status: err.code === 'rate_limited' ? 429 : 422 }) : undefined;
  },
  handler: async ({ c, app, viewer, body, params }) => {
    const lang = c.get('lang');
    const media = await composerMedia(app, viewer, lang, body, { documents: true, private: true });
    const values = { ...formValues(body), uploads: media.uploads };
    const errors = { ...checkNoteForm(lang, values.status ?? '', '', media.uploads.length > 0), ...media.errors };
    if (Object.keys(errors).length) return conversationPage(c, app, params.id, { values, errors, status: 422 });
    const missingAlt = imagesMissingAlt(media.uploads, body);
    if (missingAlt.length) return conversationPage(c, app, params.id, { values: { ...values, missingAlt }, errors: {}, status: 422 });
    const statusId = await sendMessage(app, viewer, params.id, { status: values.status ?? '', ...(media.uploads.length ? { media_ids: media.uploads.map((u) => u.id) } : {}), language: lang });
    return c.redirect(`${MESSAGES_PATH}/${params.id}?notice=sent#m-${statusId}`, 303);
  },
});

type MemberVerb = 'accept' | 'decline' | 'block' | 'mute' | 'unmute' | 'clear' | 'leave';

const MEMBER_ACTIONS: Record<MemberVerb, { summary: string; run: (app: AppContext, viewer: Viewer, id: string) => Promise<void>; notice: string; back: 'conversation' | 'list' | 'requests' }> = {
  accept: { summary: 'Accept a message request from the web', run: acceptRequest, notice: 'accepted', back: 'conversation' },
  decline: { summary: 'Decline a message request from the web', run: (a, v, id) => declineRequest(a, v, id), notice: 'declined', back: 'requests' },
  block: { summary: 'Decline a message request and block its sender from the web', run: (a, v, id) => declineRequest(a, v, id, { block: true }), notice: 'blocked', back: 'requests' },
  mute: { summary: 'Mute a conversation from the web', run: (a, v, id) => muteConversation(a, v, id, true), notice: 'muted', back: 'conversation' },
  unmute: { summary: 'Unmute a conversation from the web', run: (a, v, id) => muteConversation(a, v, id, false), notice: 'unmuted', back: 'conversation' },
  clear: { summary: 'Delete a conversation for yourself from the web', run: clearConversation, notice: 'cleared', back: 'list' },
  leave: { summary: 'Leave a group conversation from the web', run: leaveConversation, notice: 'left', back: 'list' },
};

const memberActions = (Object.keys(MEMBER_ACTIONS) as MemberVerb[]).map((verb) =>
  defineFormRoute({
    path: `${MESSAGES_PATH}/:id{[0-9]{1,19}}/${verb}`,
    summary: MEMBER_ACTIONS[verb].summary,
    auth: 'user',
    scope: verb === 'block' ? 'write:blocks' : 'write:conversations',
    params: idParam,
    body: formFields,
    handler: async ({ c, app, viewer, params }) => {
      const action = MEMBER_ACTIONS[verb];
      await action.run(app, viewer, params.id);
      const back = action.back === 'conversation' ? `${MESSAGES_PATH}/${params.id}` : action.back === 'requests' ? `${MESSAGES_PATH}/requests` : MESSAGES_PATH;
      return c.redirect(`${back}?notice=${action.notice}`, 303);
    },
  }),
);

const SETTINGS_PATH = '/settings/messages';

async function settingsPage(c: WebContext, app: AppContext) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const account = await findAccountById(app.db, viewer.accountId);
  const current = account ? effectiveMessagesFrom(account) : 'anyone';
  return renderPage(
    c,
    { title: t(lang, 'messages.settings.title'), noindex: true, section: 'settings', head: <link rel="stylesheet" href={staticUrl('messages.css')} /> },
    <section class="narrow">
      <h1>{t(lang, 'settings.title')}</h1>
      <SettingsNav lang={lang} current="messages" showVerification={account?.kind !== 'patient'} />
      {noticeFrom(c.req.url) === 'settings' ? <Flash kind="success">{t(lang, 'messages.notice.settings')}</Flash> : null}
      <form method="post" action={SETTINGS_PATH} class="card">
        <CsrfField viewer={viewer} />
        <fieldset>
          <legend>{t(lang, 'messages.settings.title')}</legend>
          <p class="hint">{t(lang, 'messages.settings.lead')}</p>
          {MESSAGES_FROM.map((value) => (
            <label class="radio">
              <input type="radio" name="messages_from" value={value} checked={current === value} /> {t(lang, `messages.settings.${value}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit" class="button">{t(lang, 'common.save')}</button>
      </form>
    </section>,
  );
}

const saveSettings = defineFormRoute({
  path: SETTINGS_PATH,
  summary: 'Choose who may start a private conversation with you, from the web',
  auth: 'user',
  scope: 'write:accounts',
  body: z.object({ messages_from: z.enum(MESSAGES_FROM, { message: 'must be anyone, following, verified or nobody' }) }),
  handler: async ({ c, app, viewer, body }) => {
    await updateMessagesFrom(app, viewer, body.messages_from);
    return c.redirect(`${SETTINGS_PATH}?notice=settings`, 303);
  },
});

/** The message forms: write, answer, the conversation's buttons, and the setting. */
export const messageFormRoutes: AnyRoute[] = [start, send, ...memberActions, saveSettings];

export function mountMessageSettingsPage(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(SETTINGS_PATH, (c) => settingsPage(c, app));
}
