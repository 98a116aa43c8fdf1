import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import { AppError } from '../../../errors.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../../http/route.js';
import { POSTING_RATE_LIMITS } from '../../../posts/limits.js';
import { createStatus } from '../../../posts/statuses.service.js';
import { formFields } from '../../forms.js';
import { personalDataToConfirm } from '../../components/personal-data-warning.js';
import type { PersonalDataMatch } from '../../../text/personal-data.js';
import { t } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';
import type { WebContext } from '../../web-context.js';
import { fieldErrorsOf } from '../statuses/status-errors.js';
import { ArticleForm, type ArticleValues } from './article-form.js';
import { articleCover, articleValues, checkArticle } from './article-input.js';
import { imagesMissingAlt, type ComposerUpload } from '../../media/composer-media.js';

function editorPage(c: WebContext, values: ArticleValues, errors: Record<string, string> = {}, preview = false, refusal: 422 | 429 = 422, personalData: PersonalDataMatch[] = [], missingAlt: ComposerUpload[] = []) {
  const lang = c.get('lang');
  const status = Object.keys(errors).length || personalData.length || missingAlt.length ? refusal : 200;
  return renderPage(
    c,
    { title: t(lang, 'article.new'), noindex: true, section: 'write' },
    <>
      <header class="page-header">
        <h1>{t(lang, 'article.new')}</h1>
      </header>
      <ArticleForm lang={lang} viewer={c.get('viewer')!} action="/articles/new" values={values} errors={errors} editing={false} preview={preview} personalData={personalData} missingAlt={missingAlt} />
    </>,
    status,
  );
}

/** `/articles/new`: the editor for a new article of the signed-in author's blog. */
export function mountArticlePages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/articles/new', (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) throw new AppError('unauthorized', 'This page needs you to be signed in');
    return editorPage(c, { title: '', body: '', language: c.get('lang'), visibility: 'public' });
  });

}

/** `POST /articles/new`: publishes the article (with the posting limits of every post), or shows the editor again. */
const publishArticle = defineFormRoute({
  path: '/articles/new',
  summary: 'Publish an article from the web editor',
  auth: 'user',
  scope: 'write:statuses',
  body: formFields,
  rateLimits: [...POSTING_RATE_LIMITS],
  onError: ({ c, raw }, err) => (err.code === 'rate_limited' ? editorPage(c, articleValues(raw, { language: c.get('lang') }), { _form: t(c.get('lang'), 'error.rateLimited.body') }, false, 429) : undefined),
  handler: async ({ c, app, viewer, body: form }) => {
    const lang = c.get('lang');
    // The cover is uploaded first: the preview and every form shown again keep it.
    const cover = await articleCover(app, viewer, lang, form);
    const values = { ...articleValues(form, { language: lang }), cover: cover.cover };
    if (form.preview) return editorPage(c, values, cover.error ? { cover: cover.error } : {}, true);
    const errors = checkArticle(lang, values);
    if (cover.error) errors.cover = cover.error;
    if (Object.keys(errors).length) return editorPage(c, values, errors);
    // A cover without a description waits for "publish without description".
    const missingAlt = imagesMissingAlt(cover.cover ? [cover.cover] : [], form);
    if (missingAlt.length) return editorPage(c, values, {}, false, 422, [], missingAlt);
    // An article with identifying data waits for "publish anyway".
    const personalData = personalDataToConfirm(form, values.visibility, values.title, values.body);
    if (personalData.length) return editorPage(c, values, {}, false, 422, personalData);
    let id: string;
    try {
      id = await createStatus(app, viewer, {
        kind: 'article',
        title: values.title,
        status: values.body,
        language: values.language as 'es' | 'en',
        visibility: values.visibility as 'public' | 'unlisted' | 'private',
        ...(cover.cover ? { cover_media_id: cover.cover.id } : {}),
      });
    } catch (err) {
      return editorPage(c, values, fieldErrorsOf(c.get('lang'), err));
    }
    return c.redirect(`/@${viewer.username}/${id}?notice=posted`, 303);
  },
});

export const articleFormRoutes: AnyRoute[] = [publishArticle];
