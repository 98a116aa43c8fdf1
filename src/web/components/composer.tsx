import type { Viewer } from '../../auth/viewer.js';
import { POST_MAX_CHARS } from '../../posts/limits.js';
import { POLL_LIMITS } from '../../polls/polls.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';
import type { PersonalDataMatch } from '../../text/personal-data.js';
import { PersonalDataWarning } from './personal-data-warning.js';
import { SelectField, TextArea, TextField, type FieldErrors } from './form-fields.js';
import type { ComposerUpload } from '../media/composer-media.js';
import { MediaFields, MissingAltWarning } from '../media/media-fields.js';

export interface ComposerValues {
  status?: string;
  spoiler_text?: string;
  visibility?: string;
  in_reply_to_id?: string;
  /** Images uploaded by an earlier submission of this form, kept with their descriptions. */
  uploads?: ComposerUpload[];
  /** "Publish without a description" was already chosen. */
  alt_confirmed?: boolean;
  /** Poll options as typed (up to `POLL_LIMITS.maxOptions`), its duration in seconds and whether several may be chosen. */
  poll_options?: string[];
  poll_expires_in?: string;
  poll_multiple?: boolean;
}

/** Poll durations offered by the web composer, in seconds (Mastodon's web offers the same). */
export const POLL_DURATIONS = [300, 1800, 3600, 21_600, 86_400, 259_200, 604_800] as const;

function pollDurationOptions(lang: Lang) {
  return POLL_DURATIONS.map((seconds) => ({
    value: String(seconds),
    label: seconds < 3600 ? t(lang, 'poll.minutes', { n: seconds / 60 }) : seconds < 86_400 ? t(lang, 'poll.hours', { n: seconds / 3600 }) : seconds === 86_400 ? t(lang, 'poll.oneDay') : t(lang, 'poll.days', { n: seconds / 86_400 }),
  }));
}

/** The composer's optional poll: up to four options, a duration, single or multiple choice. */
function PollFields({ lang, prefix, values, errors }: { lang: Lang; prefix: string; values: ComposerValues; errors: FieldErrors }) {
  const error = errors['poll[options]'] ?? errors['poll[expires_in]'] ?? errors.poll;
  const options = values.poll_options ?? [];
  return (
    <details class="composer-poll" open={Boolean(error || options.some(Boolean))}>
      <summary>{t(lang, 'poll.add')}</summary>
      {Array.from({ length: POLL_LIMITS.maxOptions }, (_, i) => (
        <TextField
          id={`${prefix}-poll-${i}`}
          name="poll_options[]"
          label={t(lang, 'poll.option', { n: i + 1 })}
          value={options[i]}
          maxLength={POLL_LIMITS.maxCharactersPerOption}
          {...(i === 0 && error ? { error } : {})}
        />
      ))}
      <SelectField id={`${prefix}-poll-duration`} name="poll_expires_in" label={t(lang, 'poll.duration')} options={pollDurationOptions(lang)} value={values.poll_expires_in ?? '86400'} />
      <div class="field">
        <label class="checkbox">
          <input type="checkbox" name="poll_multiple" value="true" checked={values.poll_multiple === true} /> {t(lang, 'poll.multiple')}
        </label>
      </div>
    </details>
  );
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
  /** Images without a description: the warning and its "publish without description" button. */
  missingAlt?: ComposerUpload[];
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
      {props.missingAlt?.length ? <MissingAltWarning lang={lang} missing={props.missingAlt} /> : null}
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
      <MediaFields lang={lang} prefix={prefix} uploads={values.uploads ?? []} missingAlt={props.missingAlt ?? []} error={errors.media ?? errors.media_ids} altConfirmed={values.alt_confirmed ?? false} />
      <PollFields lang={lang} prefix={prefix} values={values} errors={errors} />
      <div class="composer-footer">
        <p class="composer-note">
          {t(lang, 'composer.privacy')} <a href="/messages/new">{t(lang, 'messages.composerHint')}</a>
        </p>
        <button type="submit" class="button">{t(lang, reply ? 'composer.reply' : 'composer.submit')}</button>
      </div>
    </form>
  );
}
