import type { Viewer } from '../../../auth/viewer.js';
import { ARTICLE_MAX_CHARS, ARTICLE_TITLE_MAX_CHARS } from '../../../posts/limits.js';
import { renderMarkdown } from '../../../text/markdown.js';
import { visibilityOptions } from '../../components/composer.js';
import { FileField, FormErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../components/form-fields.js';
import { t, type Lang } from '../../i18n/i18n.js';
import { CsrfField } from '../../layout.js';
import { PersonalDataWarning } from '../../components/personal-data-warning.js';
import type { PersonalDataMatch } from '../../../text/personal-data.js';
import { CONFIRM_MISSING_ALT, type ComposerUpload } from '../../media/composer-media.js';
import { MissingAltWarning } from '../../media/media-fields.js';
import { VideoEmbeds } from '../../components/video-embed.js';

export interface ArticleValues {
  title: string;
  body: string;
  language: string;
  visibility: string;
  /** The cover: an upload of an earlier submission of the form, or the published one (editing). */
  cover?: ComposerUpload | null;
  /** "Publish without a description" was already chosen. */
  altConfirmed?: boolean;
}

/**
 * The article editor: title, markdown body, cover upload, language and (for new articles)
 * visibility, with an optional server-rendered preview. Multipart form; works without scripts.
 */
export function ArticleForm(props: { lang: Lang; viewer: Viewer; action: string; values: ArticleValues; errors?: FieldErrors; editing: boolean; preview?: boolean; personalData?: PersonalDataMatch[]; missingAlt?: ComposerUpload[] }) {
  const { lang, values, errors = {} } = props;
  const cover = values.cover ?? null;
  const coverMissingAlt = Boolean(cover && props.missingAlt?.some((m) => m.id === cover.id));
  // The preview reads as the published article will, video placeholders included.
  const previewHtml = props.preview && values.body.trim() ? renderMarkdown(values.body) : '';
  return (
    <>
      <FormErrorSummary lang={lang} errors={errors} />
      {props.preview && values.body.trim() && previewHtml ? (
        <section class="article-reader" aria-labelledby="preview-title">
          {cover?.previewUrl ? <img class="article-cover" src={cover.previewUrl} alt={cover.description} /> : null}
          <div class="article-inner">
            <p class="article-kicker">{t(lang, 'article.previewHeading')}</p>
            <h2 class="article-title" id="preview-title">{values.title}</h2>
            <div class="article-body" dangerouslySetInnerHTML={{ __html: previewHtml }} />
            <VideoEmbeds html={previewHtml} lang={lang} />
          </div>
        </section>
      ) : null}
      <form method="post" action={props.action} enctype="multipart/form-data" class="card article-form">
        <CsrfField viewer={props.viewer} />
        {values.altConfirmed ? <input type="hidden" name={CONFIRM_MISSING_ALT} value="true" /> : null}
        {props.missingAlt?.length ? <MissingAltWarning lang={lang} missing={props.missingAlt} /> : null}
        {props.personalData?.length ? <PersonalDataWarning kind="post" lang={lang} matches={props.personalData} visibility={values.visibility} /> : null}
        <TextField name="title" label={t(lang, 'article.title')} value={values.title} required maxLength={ARTICLE_TITLE_MAX_CHARS} error={errors.title} />
        <TextArea name="status" label={t(lang, 'article.body')} hint={t(lang, 'article.bodyHint')} value={values.body} rows={18} required maxLength={ARTICLE_MAX_CHARS} error={errors.status} />
        {cover ? (
          <div class={`media-pending${coverMissingAlt ? ' is-missing-alt' : ''}`}>
            <input type="hidden" name="cover_media_id" value={cover.id} />
            {cover.previewUrl ? <img class="media-thumb" src={cover.previewUrl} alt="" width="96" height="96" /> : null}
            <div class="field">
              <p class="field-hint">{t(lang, props.editing ? 'article.coverCurrent' : 'media.cover.kept')}</p>
              {props.editing ? null : (
                <label class="media-remove">
                  <input type="checkbox" name="cover_remove" value="1" /> {t(lang, 'media.cover.remove')}
                </label>
              )}
            </div>
          </div>
        ) : null}
        <FileField name="cover" label={t(lang, 'article.cover')} hint={t(lang, 'article.coverHint')} error={errors.cover ?? errors.cover_media_id} />
        <TextField
          name="cover_description"
          label={t(lang, 'media.cover.alt')}
          hint={t(lang, 'media.composer.altHint')}
          value={cover?.description ?? ''}
          maxLength={1500}
          error={coverMissingAlt ? t(lang, 'media.alt.missing') : undefined}
        />
        <div class="form-row">
          <SelectField
            name="language"
            label={t(lang, 'article.language')}
            value={values.language}
            options={[
              { value: 'es', label: t(lang, 'lang.es') },
              { value: 'en', label: t(lang, 'lang.en') },
            ]}
            error={errors.language}
          />
          {props.editing ? null : <SelectField name="visibility" label={t(lang, 'visibility.label')} value={values.visibility} options={visibilityOptions(lang)} error={errors.visibility} />}
        </div>
        <div class="actions">
          <button type="submit" class="button">{t(lang, props.editing ? 'article.update' : 'article.publish')}</button>
          <button type="submit" name="preview" value="1" class="button button-secondary">{t(lang, 'common.preview')}</button>
        </div>
      </form>
    </>
  );
}
