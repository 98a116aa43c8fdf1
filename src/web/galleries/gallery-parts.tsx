import type { Viewer } from '../../auth/viewer.js';
import type { GalleryEntryEntity, GalleryImage } from '../../galleries/gallery-entity.js';
import type { ComposerUpload } from '../media/composer-media.js';
import { Flash } from '../components/flash.js';
import { TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { formatDate, t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';
import { GALLERY_LIMITS } from '../../galleries/galleries.js';

function Side({ image, label }: { image: GalleryImage; label: string }) {
  return (
    <figure class="gallery-side">
      <img src={image.preview_url} alt={image.description} loading="lazy" decoding="async" width={image.width ?? undefined} height={image.height ?? undefined} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}

/**
 * One before/after pair: the two images side by side, marked as published with the patient's
 * consent and its date; once consent is withdrawn, only that it was. The owner also sees the
 * consent record and the buttons to withdraw (on the patient's request) and delete.
 */
export function GalleryEntryCard({ entry, lang, viewer }: { entry: GalleryEntryEntity; lang: Lang; viewer: Viewer | null }) {
  const withdrawn = entry.consent.state === 'withdrawn';
  return (
    <article class={`card gallery-entry${withdrawn ? ' gallery-entry-withdrawn' : ''}`} id={`g-${entry.id}`} aria-labelledby={`g-${entry.id}-title`}>
      <h2 id={`g-${entry.id}-title`} class="gallery-treatment">
        {entry.treatment}
      </h2>
      {withdrawn ? (
        <div class="gallery-withdrawn" role="note">
          <p>
            <strong>{t(lang, 'gallery.withdrawnTitle')}</strong>
          </p>
          <p>
            {t(lang, 'gallery.withdrawnBody', { date: formatDate(lang, entry.consent.withdrawn_at ?? entry.created_at) })}{' '}
            {entry.consent_record ? t(lang, entry.consent.withdrawn_by === 'patient' ? 'gallery.withdrawnByPatient' : 'gallery.withdrawnByClinic') : null}
          </p>
        </div>
      ) : (
        <>
          <div class="gallery-pair">
            {entry.before ? <Side image={entry.before} label={t(lang, 'gallery.before')} /> : null}
            {entry.after ? <Side image={entry.after} label={t(lang, 'gallery.after')} /> : null}
          </div>
          <p class="gallery-consent">
            <span class="gallery-consent-badge">✓ {t(lang, 'gallery.consented')}</span> · {t(lang, 'gallery.consentedOn', { date: formatDate(lang, entry.consent.date) })}
          </p>
        </>
      )}
      {entry.description && !withdrawn ? <p class="gallery-description">{entry.description}</p> : null}
      {entry.consent_record && viewer ? (
        <details class="gallery-record">
          <summary>{t(lang, 'gallery.record')}</summary>
          <dl>
            <dt>{t(lang, 'gallery.record.subject')}</dt>
            <dd>{entry.consent_record.subject}</dd>
            <dt>{t(lang, 'gallery.record.statement')}</dt>
            <dd>{entry.consent_record.statement}</dd>
          </dl>
          <div class="actions">
            {withdrawn ? null : (
              <form method="post" action={`/gallery/${entry.id}/withdraw`} class="inline-form" data-confirm={t(lang, 'gallery.withdrawConfirm')}>
                <CsrfField viewer={viewer} />
                <button type="submit" class="button button-small button-danger">{t(lang, 'gallery.withdraw')}</button>
              </form>
            )}
            <form method="post" action={`/gallery/${entry.id}/delete`} class="inline-form" data-confirm={t(lang, 'gallery.deleteConfirm')}>
              <CsrfField viewer={viewer} />
              <button type="submit" class="button button-small button-secondary">{t(lang, 'gallery.delete')}</button>
            </form>
          </div>
        </details>
      ) : null}
    </article>
  );
}

/** What the form holds again after a refusal: the fields as typed and the images already uploaded. */
export interface GalleryFormValues {
  treatment: string;
  description: string;
  before: ComposerUpload | null;
  after: ComposerUpload | null;
  consent: { subject: string; date: string; statement: string; scope: boolean; confirmed: boolean };
}

function ImageField({ lang, side, upload, errors }: { lang: Lang; side: 'before' | 'after'; upload: ComposerUpload | null; errors: FieldErrors }) {
  const error = errors[`${side}_media_id`] ?? errors[side];
  return (
    <fieldset class="gallery-image-field">
      <legend>{t(lang, side === 'before' ? 'gallery.form.beforeImage' : 'gallery.form.afterImage')}</legend>
      {upload ? (
        <div class="media-pending">
          <input type="hidden" name={`${side}_media_id`} value={upload.id} />
          {upload.previewUrl ? <img class="media-thumb" src={upload.previewUrl} alt="" width="96" height="96" /> : null}
          <p class="field-hint">{t(lang, 'gallery.form.keptImage')}</p>
        </div>
      ) : null}
      <div class={`field${error ? ' field-invalid' : ''}`}>
        <label for={`f-${side}`}>{t(lang, side === 'before' ? 'gallery.form.beforeImage' : 'gallery.form.afterImage')}</label>
        <input id={`f-${side}`} name={side} type="file" accept="image/jpeg,image/png,image/webp,image/avif" required={!upload} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `f-${side}-error` : undefined} />
        {error ? (
          <p class="field-error" id={`f-${side}-error`}>
            {error}
          </p>
        ) : null}
      </div>
      <TextField
        name={`${side}_description`}
        label={t(lang, side === 'before' ? 'gallery.form.beforeAlt' : 'gallery.form.afterAlt')}
        hint={t(lang, 'gallery.form.altHint')}
        value={upload?.description ?? ''}
        maxLength={1500}
        required
        error={errors[`${side}_description`]}
      />
    </fieldset>
  );
}

/** The form of a new pair: treatment, the two images with descriptions, and the consent record. */
export function GalleryForm({ lang, viewer, values, errors }: { lang: Lang; viewer: Viewer; values: GalleryFormValues; errors: FieldErrors }) {
  return (
    <form method="post" action="/gallery/new" enctype="multipart/form-data" class="card gallery-form">
      <CsrfField viewer={viewer} />
      {Object.keys(errors).length ? <Flash kind="error">{errors._form ?? t(lang, 'error.formHasErrors')}</Flash> : null}
      <TextField name="treatment" label={t(lang, 'gallery.form.treatment')} hint={t(lang, 'gallery.form.treatmentHint')} value={values.treatment} required maxLength={GALLERY_LIMITS.treatment} error={errors.treatment} />
      <TextArea name="description" label={t(lang, 'gallery.form.description')} value={values.description} rows={3} maxLength={GALLERY_LIMITS.description} error={errors.description} />
      <div class="gallery-image-fields">
        <ImageField lang={lang} side="before" upload={values.before} errors={errors} />
        <ImageField lang={lang} side="after" upload={values.after} errors={errors} />
      </div>
      <fieldset class="gallery-consent-fields">
        <legend>{t(lang, 'gallery.form.consent')}</legend>
        <p class="field-hint">{t(lang, 'gallery.form.consentLead')}</p>
        {errors.consent ? <p class="field-error">{errors.consent}</p> : null}
        <TextField name="consent[subject]" id="f-consent-subject" label={t(lang, 'gallery.form.subject')} value={values.consent.subject} required maxLength={GALLERY_LIMITS.subject} autocomplete="off" error={errors['consent.subject']} />
        <div class={`field${errors['consent.date'] ? ' field-invalid' : ''}`}>
          <label for="f-consent-date">{t(lang, 'gallery.form.date')}</label>
          <input id="f-consent-date" name="consent[date]" type="date" value={values.consent.date} required aria-invalid={errors['consent.date'] ? 'true' : undefined} />
          {errors['consent.date'] ? <p class="field-error">{errors['consent.date']}</p> : null}
        </div>
        <TextArea name="consent[statement]" id="f-consent-statement" label={t(lang, 'gallery.form.statement')} value={values.consent.statement} rows={5} required maxLength={GALLERY_LIMITS.statement} error={errors['consent.statement']} />
        <label class="confirm-check">
          <input type="checkbox" name="consent[scope]" value="public_medired" checked={values.consent.scope} required />
          <span>{t(lang, 'gallery.form.scope')}</span>
        </label>
        {errors['consent.scope'] ? <p class="field-error">{errors['consent.scope']}</p> : null}
        <label class="confirm-check">
          <input type="checkbox" name="consent[confirmed]" value="true" checked={values.consent.confirmed} required />
          <span>{t(lang, 'gallery.form.confirmed')}</span>
        </label>
        {errors['consent.confirmed'] ? <p class="field-error">{errors['consent.confirmed']}</p> : null}
      </fieldset>
      <div class="actions">
        <button type="submit" class="button">{t(lang, 'gallery.form.submit')}</button>
      </div>
    </form>
  );
}
