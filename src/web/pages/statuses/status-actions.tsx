import { z } from 'zod';
import type { AppContext } from '../../../app-context.js';
import type { Viewer } from '../../../auth/viewer.js';
import { defineFormRoute, type AnyRoute } from '../../../http/route.js';
import { POSTING_RATE_LIMITS } from '../../../posts/limits.js';
import { createStatus } from '../../../posts/statuses.service.js';
import { deleteStatus } from '../../../posts/status-deletion.service.js';
import { favourite, reblog, unfavourite, unreblog } from '../../../posts/interactions.service.js';
import { getVisibleStatus } from '../../../posts/status-views.js';
import { Composer, POLL_DURATIONS, type ComposerValues } from '../../components/composer.js';
import { POLL_LIMITS } from '../../../polls/polls.js';
import { checkPollInput } from '../../../polls/polls.policy.js';
import { personalDataToConfirm } from '../../components/personal-data-warning.js';
import type { PersonalDataMatch } from '../../../text/personal-data.js';
import { FormErrorSummary, type FieldErrors } from '../../components/form-fields.js';
import { field, formFields, idParam, safeReturnPath } from '../../forms.js';
import { composerMedia, CONFIRM_MISSING_ALT, imagesMissingAlt, type ComposerUpload } from '../../media/composer-media.js';
import { t } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import type { WebContext } from '../../web-context.js';
import { checkNoteForm, fieldErrorsOf } from './status-errors.js';

const ID = ':id{[0-9]{1,19}}';

function withNotice(path: string, notice: string, anchor?: string): string {
  const url = new URL(path, 'http://local');
  url.searchParams.set('notice', notice);
  return `${url.pathname}${url.search}${anchor ? `#${anchor}` : ''}`;
}

/** The composer again, with what was typed (and uploaded) and why it was refused or what it asks. */
function composeAgain(c: WebContext, values: ComposerValues & { return_to?: string }, errors: FieldErrors, status: 422 | 429 = 422, warnings: { personalData?: PersonalDataMatch[]; missingAlt?: ComposerUpload[] } = {}) {
  const lang = c.get('lang');
  const viewer = c.get('viewer')!;
  return renderPage(
    c,
    { title: t(lang, 'composer.heading'), noindex: true, section: 'home' },
    <>
      <FormErrorSummary lang={lang} errors={errors} />
      <Composer
        lang={lang}
        viewer={viewer}
        returnTo={values.return_to ?? '/'}
        values={values}
        errors={errors}
        {...(values.in_reply_to_id ? { inReplyToId: values.in_reply_to_id } : {})}
        {...(warnings.personalData ? { personalData: warnings.personalData } : {})}
        {...(warnings.missingAlt ? { missingAlt: warnings.missingAlt } : {})}
      />
    </>,
    status,
  );
}

const blankAsMissing = (v: unknown) => (v === '' ? undefined : v);

/** The composer's fields; the text itself is checked by `checkNoteForm` in the reader's language. */
const composerInput = z.object({
  status: z.string().default(''),
  spoiler_text: z.string().default(''),
  visibility: z.preprocess(blankAsMissing, z.enum(['public', 'unlisted', 'private']).default('public')),
  in_reply_to_id: z.unknown().optional(),
  return_to: z.unknown().optional(),
  // The images (src/web/media/composer-media.ts): new files, kept uploads and their descriptions.
  media: z.unknown().optional(),
  media_description: z.unknown().optional(),
  media_descriptions: z.unknown().optional(),
  media_ids: z.unknown().optional(),
  media_alt: z.unknown().optional(),
  media_remove: z.unknown().optional(),
  confirm_missing_alt: z.unknown().optional(),
  confirm_personal_data: z.unknown().optional(),
  poll_options: z.unknown().optional(),
  poll_expires_in: z.unknown().optional(),
  poll_multiple: z.unknown().optional(),
});

/** The composer's poll options as typed (at most the instance's limit, each cut to its maximum length). */
function pollOptionsOf(form: Record<string, unknown>): string[] {
  const raw = form.poll_options;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return list.slice(0, POLL_LIMITS.maxOptions).map((v) => (typeof v === 'string' ? v.slice(0, 200) : ''));
}

/** The poll to publish with the post: none when no option was filled in. */
function pollOf(values: ReturnType<typeof composerValues>) {
  const options = (values.poll_options ?? []).map((o) => o.trim()).filter(Boolean);
  if (options.length === 0) return undefined;
  return { options, expires_in: Number(values.poll_expires_in), multiple: values.poll_multiple };
}

/** What the composer shows again: the fields as typed (ids and return paths made safe). */
function composerValues(form: Record<string, unknown>) {
  return {
    status: field(form, 'status'),
    spoiler_text: field(form, 'spoiler_text').trim(),
    visibility: field(form, 'visibility') || 'public',
    in_reply_to_id: /^\d{1,19}$/.test(field(form, 'in_reply_to_id')) ? field(form, 'in_reply_to_id') : '',
    return_to: safeReturnPath(form.return_to, '/'),
    alt_confirmed: field(form, CONFIRM_MISSING_ALT) === 'true',
    poll_options: pollOptionsOf(form),
    poll_expires_in: (POLL_DURATIONS as readonly number[]).includes(Number(field(form, 'poll_expires_in'))) ? field(form, 'poll_expires_in') : '86400',
    poll_multiple: field(form, 'poll_multiple') === 'true',
  };
}

/** `POST /statuses`: the web composer, with the same posting limits as the API. */
const createFromComposer = defineFormRoute({
  path: '/statuses',
  summary: 'Publish a short post from the web composer',
  auth: 'user',
  scope: 'write:statuses',
  body: composerInput,
  rateLimits: [...POSTING_RATE_LIMITS],
  onError: ({ c, raw, status }, err) => {
    const lang = c.get('lang');
    if (err.code === 'rate_limited') return composeAgain(c, composerValues(raw), { _form: t(lang, 'error.rateLimited.body') }, 429);
    if (err.code !== 'validation_failed') return undefined;
    // Schema and service refusals carry message keys, shown in the page's language.
    const errors = fieldErrorsOf(lang, err);
    return status === 422 ? composeAgain(c, composerValues(raw), errors) : undefined;
  },
  handler: async ({ c, app, viewer, body }) => {
    const lang = c.get('lang');
    // Images are uploaded first, so every answer below that shows the form again keeps them.
    const media = await composerMedia(app, viewer, lang, body);
    const values = { ...composerValues(body), uploads: media.uploads };
    const errors = { ...checkNoteForm(lang, values.status, values.spoiler_text, media.uploads.length > 0), ...media.errors };
    if (Object.keys(errors).length) return composeAgain(c, values, errors);
    const poll = pollOf(values);
    // Checked with the same rules as the API.
    if (poll) checkPollInput(poll, { kind: 'note', visibility: body.visibility, mediaCount: media.uploads.length });
    // An image without a description waits for "publish without description".
    const missingAlt = imagesMissingAlt(media.uploads, body);
    if (missingAlt.length) return composeAgain(c, values, {}, 422, { missingAlt });
    // A post with identifying data waits for "publish anyway".
    const personalData = personalDataToConfirm(body, body.visibility, values.status, values.spoiler_text);
    if (personalData.length) return composeAgain(c, values, {}, 422, { personalData });
    let id: string;
    try {
      id = await createStatus(app, viewer, {
        kind: 'note',
        status: values.status,
        ...(values.spoiler_text ? { spoiler_text: values.spoiler_text } : {}),
        visibility: body.visibility,
        ...(values.in_reply_to_id ? { in_reply_to_id: values.in_reply_to_id } : {}),
        ...(media.uploads.length ? { media_ids: media.uploads.map((u) => u.id) } : {}),
        ...(poll ? { poll } : {}),
        language: lang,
      });
    } catch (err) {
      return composeAgain(c, values, fieldErrorsOf(lang, err));
    }
    return c.redirect(withNotice(values.return_to, 'posted', `s-${id}`), 303);
  },
});

const interactions: Record<string, (app: AppContext, viewer: Viewer, id: string) => Promise<unknown>> = {
  favourite,
  unfavourite,
  reblog: (a, v, id) => reblog(a, v, id),
  unreblog,
};

/** Like, unlike, repost, undo a repost: back to where the button was. */
const interactionRoutes = Object.entries(interactions).map(([name, run]) =>
  defineFormRoute({
    path: `/statuses/${ID}/${name}`,
    summary: `${name} a post from a web page`,
    auth: 'user',
    scope: name.endsWith('favourite') ? 'write:favourites' : 'write:statuses',
    params: idParam,
    body: formFields,
    handler: async ({ c, app, viewer, params, body }) => {
      await run(app, viewer, params.id);
      return c.redirect(`${safeReturnPath(body.return_to, '/')}#s-${params.id}`, 303);
    },
  }),
);

const removeStatus = defineFormRoute({
  path: `/statuses/${ID}/delete`,
  summary: 'Delete one of your posts from a web page',
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  handler: async ({ c, app, viewer, params }) => {
    const status = await getVisibleStatus(app, params.id, viewer);
    await deleteStatus(app, viewer, status.id);
    return c.redirect(withNotice(`/@${status.account.acct}`, 'deleted'), 303);
  },
});

/** Form posts for short posts and interactions: create, like, repost, delete. */
export const statusFormRoutes: AnyRoute[] = [createFromComposer, ...interactionRoutes, removeStatus];
