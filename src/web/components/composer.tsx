import type { Viewer } from '../../auth/viewer.js';
import { POST_MAX_CHARS } from '../../posts/limits.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';
import type { PersonalDataMatch } from '../../text/personal-data.js';
import { PersonalDataWarning } from './personal-data-warning.js';
import { FileField, SelectField, TextArea, TextField, type FieldErrors } from './form-fields.js';

export interface ComposerValues {
  status?: string;
  spoiler_text?: string;
  visibility?: string;
  in_reply_to_id?: string;
  media_description?: string;
}

/** Visibility choices offered by the web composer. */
export function visibilityOptions(lang: Lang) {
  return (['public', 'unlisted', 'private'] as const).map((v) => ({ value: v, label: t(lang, `visibility.${v}`) }));
}

/**
 * The post composer: text (with a live counter when scripts run), content warning and visibility.
 * Posts to `/statuses`; with `inReplyToId` it writes a reply. With `personalData` it warns first
 * that the post is not private, inside the form, so "publish anyway" sends everything typed.
 */
export function Composer(props: {
  lang: Lang;
  viewer: Viewer;
  returnTo: string;
  values?: ComposerValues;
  errors?: FieldErrors;
  inReplyToId?: string;
  heading?: string;
  idPrefix?: string;
  /** Identifying data found in the text: the warning and its "publish anyway" button. */
  personalData?: PersonalDataMatch[];
}) {
  const { lang, values = {}, errors = {} } = props;
  const prefix = props.idPrefix ?? 'compose';
  const reply = Boolean(props.inReplyToId);
  return (
    <form method="post" action="/statuses" enctype="multipart/form-data" class="card composer" id={reply ? 'reply' : undefined} aria-labelledby={`${prefix}-heading`}>
      <h2 id={`${prefix}-heading`}>{props.heading ?? t(lang, 'composer.heading')}</h2>
      <CsrfField viewer={props.viewer} />
      <input type="hidden" name="return_to" value={props.returnTo} />
      {props.inReplyToId ? <input type="hidden" name="in_reply_to_id" value={props.inReplyToId} /> : null}
      {props.personalData?.length ? <PersonalDataWarning kind="post" lang={lang} matches={props.personalData} visibility={values.visibility ?? 'public'} /> : null}
      <TextArea
        id={`${prefix}-status`}
        name="status"
        label={t(lang, 'composer.label')}
        value={values.status}
        rows={reply ? 3 : 4}
        placeholder={t(lang, 'composer.placeholder')}
        counter={{ lang, max: POST_MAX_CHARS }}
        error={errors.status}
      />
      <div class="composer-options">
        <SelectField id={`${prefix}-visibility`} name="visibility" label={t(lang, 'visibility.label')} options={visibilityOptions(lang)} value={values.visibility ?? 'public'} error={errors.visibility} />
        <details class="composer-cw" open={Boolean(values.spoiler_text || errors.spoiler_text)}>
          <summary>{t(lang, 'composer.cw')}</summary>
          <TextField id={`${prefix}-cw`} name="spoiler_text" label={t(lang, 'composer.cw')} hint={t(lang, 'composer.cwHint')} value={values.spoiler_text} maxLength={500} error={errors.spoiler_text} />
        </details>
      </div>
      <details class="composer-media" open={Boolean(errors.media)}>
        <summary>{t(lang, 'composer.addImage')}</summary>
        <FileField id={`${prefix}-media`} name="media" label={t(lang, 'composer.image')} hint={t(lang, 'article.coverHint')} error={errors.media} />
        <TextField id={`${prefix}-alt`} name="media_description" label={t(lang, 'composer.imageAlt')} hint={t(lang, 'composer.imageAltHint')} value={values.media_description} maxLength={1500} />
      </details>
      <div class="composer-footer">
        <p class="composer-note">
          {t(lang, 'composer.privacy')} <a href="/messages/new">{t(lang, 'messages.composerHint')}</a>
        </p>
        <button type="submit" class="button">{t(lang, reply ? 'composer.reply' : 'composer.submit')}</button>
      </div>
    </form>
  );
}
