import { MAX_ATTACHMENTS } from '../../attachments/attachments.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CONFIRM_MISSING_ALT, type ComposerUpload } from './composer-media.js';

const IMAGE_TYPES = 'image/jpeg,image/png,image/webp,image/gif,image/avif';

/**
 * The images of a composer: the uploads it already holds (thumbnail, description field, "remove"),
 * then a file input for more (several at once) with the description of the first new one. With
 * the page's script, each chosen file gets its own description field and preview (`app.js`).
 * Uploads without a description are marked when `missingAlt` lists them.
 */
export function MediaFields(props: {
  lang: Lang;
  prefix: string;
  uploads?: readonly ComposerUpload[];
  missingAlt?: readonly ComposerUpload[];
  error?: string | undefined;
  max?: number;
  /** Private messages also take PDF documents. */
  documents?: boolean;
  /** Group posts take images only. */
  imagesOnly?: boolean;
  /** Already confirmed "publish without a description" (kept when the form comes back for another reason). */
  altConfirmed?: boolean;
}) {
  const { lang, prefix } = props;
  const uploads = props.uploads ?? [];
  const missing = new Set((props.missingAlt ?? []).map((u) => u.id));
  const max = props.max ?? MAX_ATTACHMENTS;
  const open = Boolean(props.error || uploads.length);
  return (
    <details class="composer-media" open={open}>
      <summary>{t(lang, props.documents ? 'media.composer.addFiles' : 'media.composer.add')}</summary>
      {props.altConfirmed ? <input type="hidden" name={CONFIRM_MISSING_ALT} value="true" /> : null}
      {uploads.length ? (
        <fieldset class="media-uploaded">
          <legend>{t(lang, 'media.composer.uploaded')}</legend>
          {uploads.map((u, i) => {
            const id = `${prefix}-alt-${u.id}`;
            const isMissing = missing.has(u.id);
            return (
              <div class={`media-pending${isMissing ? ' is-missing-alt' : ''}`}>
                <input type="hidden" name="media_ids[]" value={u.id} />
                {u.previewUrl ? <img class="media-thumb" src={u.previewUrl} alt="" width="96" height="96" /> : null}
                <div class={`field${isMissing ? ' field-invalid' : ''}`}>
                  <label for={id}>{t(lang, u.kind === 'document' ? 'media.composer.documentOf' : 'media.composer.altOf', { n: i + 1 })}</label>
                  <input id={id} type="text" name={`media_alt[${u.id}]`} value={u.description} maxlength={1500} aria-invalid={isMissing ? 'true' : undefined} aria-describedby={isMissing ? `${id}-error` : undefined} />
                  {isMissing ? (
                    <p class="field-error" id={`${id}-error`}>
                      {t(lang, 'media.alt.missing')}
                    </p>
                  ) : null}
                  <label class="media-remove">
                    <input type="checkbox" name="media_remove[]" value={u.id} /> {t(lang, 'media.composer.remove')}
                  </label>
                </div>
              </div>
            );
          })}
        </fieldset>
      ) : null}
      {uploads.length < max ? (
        <>
          <div class={`field${props.error ? ' field-invalid' : ''}`}>
            <label for={`${prefix}-media`}>{t(lang, 'media.composer.files', { max })}</label>
            <p class="field-hint" id={`${prefix}-media-hint`}>
              {t(lang, 'media.composer.filesHint')}
            </p>
            <input
              id={`${prefix}-media`}
              name="media[]"
              type="file"
              multiple
              accept={props.documents ? `${IMAGE_TYPES},application/pdf` : props.imagesOnly ? IMAGE_TYPES : `${IMAGE_TYPES},video/mp4,video/webm`}
              aria-invalid={props.error ? 'true' : undefined}
              aria-describedby={`${prefix}-media-hint${props.error ? ` ${prefix}-media-error` : ''}`}
              data-media-input={`${prefix}-media-alts`}
              data-media-single={`${prefix}-alt`}
              data-alt-label={t(lang, 'media.composer.newAlt', { n: '{n}' })}
            />
            {props.error ? (
              <p class="field-error" id={`${prefix}-media-error`}>
                {props.error}
              </p>
            ) : null}
          </div>
          <div id={`${prefix}-media-alts`} class="media-new-list" aria-live="polite"></div>
          <div class="field">
            <label for={`${prefix}-alt`}>{t(lang, 'media.composer.alt')}</label>
            <p class="field-hint" id={`${prefix}-alt-hint`}>
              {t(lang, 'media.composer.altHint')}
            </p>
            <input id={`${prefix}-alt`} type="text" name="media_description" maxlength={1500} aria-describedby={`${prefix}-alt-hint`} />
          </div>
        </>
      ) : null}
    </details>
  );
}

/**
 * The warning shown when images have no description: what is missing and how to publish anyway.
 * Inside the form, so "publish without description" sends everything typed and keeps the uploads.
 */
export function MissingAltWarning({ lang, missing, send = false }: { lang: Lang; missing: readonly ComposerUpload[]; send?: boolean }) {
  if (missing.length === 0) return null;
  return (
    <>
      {/* Enter in a text field must not confirm: this plain submit comes first, off-screen. */}
      <button type="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
        {t(lang, 'composer.submit')}
      </button>
      <section class="flash flash-error alt-warning" role="alert" aria-labelledby="alt-warning-title">
        <h2 id="alt-warning-title">{t(lang, 'media.alt.title', { count: missing.length })}</h2>
        <p>{t(lang, 'media.alt.lead')}</p>
        <button type="submit" name={CONFIRM_MISSING_ALT} value="true" class="button button-secondary">
          {t(lang, send ? 'media.alt.sendAnyway' : 'media.alt.publishAnyway')}
        </button>
      </section>
    </>
  );
}
