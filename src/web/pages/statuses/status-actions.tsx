import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import type { Viewer } from '../../../auth/viewer.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { createStatus } from '../../../posts/statuses.service.js';
import { deleteStatus } from '../../../posts/status-deletion.service.js';
import { favourite, reblog, unfavourite, unreblog } from '../../../posts/interactions.service.js';
import { getVisibleStatus } from '../../../posts/status-views.js';
import { Composer } from '../../components/composer.js';
import { FormErrorSummary, type FieldErrors } from '../../components/form-fields.js';
import { field, fileField, readSignedInForm, safeReturnPath } from '../../forms.js';
import { uploadMedia } from '../../../media/media.service.js';
import { AppError } from '../../../errors.js';
import { t } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import type { WebContext } from '../../web-context.js';
import { checkNoteForm, fieldErrorsOf } from './status-errors.js';
import { errorText } from '../../errors/error-text.js';

const ID = ':id{[0-9]{1,19}}';
const VISIBILITY = new Set(['public', 'unlisted', 'private']);

function withNotice(path: string, notice: string, anchor?: string): string {
  const url = new URL(path, 'http://local');
  url.searchParams.set('notice', notice);
  return `${url.pathname}${url.search}${anchor ? `#${anchor}` : ''}`;
}

/** The composer again, with what was typed and why it was refused. */
function composeAgain(c: WebContext, values: Record<string, string>, errors: FieldErrors) {
  const lang = c.get('lang');
  const viewer = c.get('viewer')!;
  return renderPage(
    c,
    { title: t(lang, 'composer.heading'), noindex: true, section: 'home' },
    <>
      <FormErrorSummary lang={lang} errors={errors} />
      <Composer lang={lang} viewer={viewer} returnTo={values.return_to ?? '/'} values={values} errors={errors} {...(values.in_reply_to_id ? { inReplyToId: values.in_reply_to_id } : {})} />
    </>,
    422,
  );
}

/** Form posts for short posts and interactions: create, like, repost, delete. */
export function mountStatusActions(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.post('/statuses', async (c) => {
    const lang = c.get('lang');
    const { viewer, form } = await readSignedInForm(c);
    const values = {
      status: field(form, 'status'),
      spoiler_text: field(form, 'spoiler_text').trim(),
      visibility: field(form, 'visibility') || 'public',
      in_reply_to_id: /^\d{1,19}$/.test(field(form, 'in_reply_to_id')) ? field(form, 'in_reply_to_id') : '',
      return_to: safeReturnPath(form.return_to, '/'),
      media_description: field(form, 'media_description').trim().slice(0, 1500),
    };
    const image = fileField(form, 'media');
    const errors = checkNoteForm(lang, values.status, values.spoiler_text, Boolean(image));
    if (!VISIBILITY.has(values.visibility)) errors.visibility = t(lang, 'error.invalidChoice');
    if (Object.keys(errors).length) return composeAgain(c, values, errors);
    let mediaIds: string[] = [];
    if (image) {
      try {
        mediaIds = [(await uploadMedia(app, viewer, image, values.media_description)).id];
      } catch (err) {
        if (!(err instanceof AppError) || !['unsupported_media_type', 'payload_too_large'].includes(err.code)) throw err;
        return composeAgain(c, values, { media: `${t(lang, 'error.imageInvalid')} ${errorText(lang, err)}` });
      }
    }
    let id: string;
    try {
      id = await createStatus(app, viewer, {
        kind: 'note',
        status: values.status,
        ...(values.spoiler_text ? { spoiler_text: values.spoiler_text } : {}),
        visibility: values.visibility as 'public' | 'unlisted' | 'private',
        ...(values.in_reply_to_id ? { in_reply_to_id: values.in_reply_to_id } : {}),
        ...(mediaIds.length ? { media_ids: mediaIds } : {}),
        language: lang,
      });
    } catch (err) {
      return composeAgain(c, values, fieldErrorsOf(c.get('lang'), err));
    }
    return c.redirect(withNotice(values.return_to, 'posted', `s-${id}`), 303);
  });

  const interactions: Record<string, (app: AppContext, viewer: Viewer, id: string) => Promise<unknown>> = {
    favourite,
    unfavourite,
    reblog: (a, v, id) => reblog(a, v, id),
    unreblog,
  };
  for (const [name, run] of Object.entries(interactions)) {
    hono.post(`/statuses/${ID}/${name}`, async (c) => {
      const { viewer, form } = await readSignedInForm(c);
      const id = c.req.param('id');
      await run(app, viewer, id);
      return c.redirect(`${safeReturnPath(form.return_to, '/')}#s-${id}`, 303);
    });
  }

  hono.post(`/statuses/${ID}/delete`, async (c) => {
    const { viewer } = await readSignedInForm(c);
    const status = await getVisibleStatus(app, c.req.param('id'), viewer);
    await deleteStatus(app, viewer, status.id);
    return c.redirect(withNotice(`/@${status.account.acct}`, 'deleted'), 303);
  });
}
