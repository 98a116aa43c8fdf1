import type { AppContext } from '../../app-context.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError } from '../../errors.js';
import { galleryEntryInput } from '../../galleries/galleries.js';
import { GALLERY_PUBLISH_LIMIT, GALLERY_WITHDRAW_LIMIT } from '../../galleries/galleries.routes.js';
import { deleteGalleryEntryByOwner, entryOfWithdrawalCode, publishGalleryEntry, withdrawConsentByClinic, withdrawConsentByCode } from '../../galleries/galleries.service.js';
import { findAccountById } from '../../accounts/accounts.repository.js';
import { publishGalleryRefusal } from '../../galleries/galleries.policy.js';
import { issueDetail } from '../../http/errors.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { toMediaAttachment } from '../../media/media-entity.js';
import { ownMedia, updateMediaDescription, uploadMedia } from '../../media/media.service.js';
import type { FieldErrors } from '../components/form-fields.js';
import { detailsToFieldErrors, errorText, fieldErrorsInLang } from '../errors/error-text.js';
import { field, fileField, formFields, idParam } from '../forms.js';
import { t, type Lang } from '../i18n/i18n.js';
import type { ComposerUpload } from '../media/composer-media.js';
import { renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { galleryFormPage, withdrawalPage } from './galleries.pages.js';
import type { GalleryFormValues } from './gallery-parts.js';

/** One image of the form: a new file (uploaded at once), else the upload of an earlier submission. */
async function sideUpload(app: AppContext, viewer: Viewer, lang: Lang, form: Record<string, unknown>, side: 'before' | 'after'): Promise<{ upload: ComposerUpload | null; error?: string }> {
  const description = field(form, `${side}_description`).trim().slice(0, 1500);
  const file = fileField(form, side);
  let row;
  try {
    if (file) row = await uploadMedia(app, viewer, file, description);
    else if (/^\d{1,19}$/.test(field(form, `${side}_media_id`))) {
      row = await ownMedia(app, viewer, field(form, `${side}_media_id`));
      if (row.description !== description) row = await updateMediaDescription(app, viewer, row.id, description);
    } else return { upload: null, error: t(lang, 'gallery.error.imageMissing') };
  } catch (err) {
    if (err instanceof AppError && ['unsupported_media_type', 'payload_too_large', 'validation_failed', 'not_found'].includes(err.code)) return { upload: null, error: `${t(lang, 'error.imageInvalid')} ${errorText(lang, err)}` };
    throw err;
  }
  if (row.kind !== 'image') return { upload: null, error: t(lang, 'gallery.error.image') };
  return { upload: { id: row.id, kind: row.kind, previewUrl: toMediaAttachment(row, app.config).preview_url, description: row.description } };
}

function consentOf(form: Record<string, unknown>): Record<string, unknown> {
  return form.consent && typeof form.consent === 'object' && !Array.isArray(form.consent) ? (form.consent as Record<string, unknown>) : {};
}

function formValues(lang: Lang, form: Record<string, unknown>, before: ComposerUpload | null, after: ComposerUpload | null): GalleryFormValues {
  const consent = consentOf(form);
  return {
    treatment: field(form, 'treatment'),
    description: field(form, 'description'),
    before,
    after,
    consent: {
      subject: field(consent, 'subject'),
      date: field(consent, 'date'),
      statement: 'statement' in consent ? field(consent, 'statement') : t(lang, 'gallery.form.statementDefault'),
      scope: field(consent, 'scope') === 'public_medired',
      confirmed: field(consent, 'confirmed') === 'true',
    },
  };
}

/** The page shown once after publishing: the withdrawal code to hand to the patient. */
function codePage(c: WebContext, app: AppContext, code: string, link: string) {
  const lang = c.get('lang');
  c.header('Cache-Control', 'no-store');
  return renderPage(
    c,
    { title: t(lang, 'gallery.code.title'), noindex: true },
    <section class="narrow card gallery-code">
      <h1>{t(lang, 'gallery.code.title')}</h1>
      <p>{t(lang, 'gallery.code.lead', { url: `${app.config.publicUrl}/gallery/withdraw` })}</p>
      <p class="gallery-code-label">{t(lang, 'gallery.code.label')}</p>
      <p class="gallery-code-value">
        <code>{code}</code>
      </p>
      <p>
        <a class="button" href={link}>
          {t(lang, 'gallery.code.see')}
        </a>
      </p>
    </section>,
  );
}

/** `POST /gallery/new`: publishes a pair with consent, or shows the form again with what was typed and uploaded. */
const publishForm = defineFormRoute({
  path: '/gallery/new',
  summary: 'Publish a before/after pair with the recorded consent of the patient shown, from the web',
  auth: 'user',
  scope: 'write:media',
  body: formFields,
  rateLimits: [GALLERY_PUBLISH_LIMIT],
  handler: async ({ c, app, viewer, body: form }) => {
    const lang = c.get('lang');
    // Refused before anything is uploaded.
    const refusal = publishGalleryRefusal(await findAccountById(app.db, viewer.accountId));
    if (refusal) throw refusal;
    const [before, after] = [await sideUpload(app, viewer, lang, form, 'before'), await sideUpload(app, viewer, lang, form, 'after')];
    const values = formValues(lang, form, before.upload, after.upload);
    const errors: FieldErrors = {};
    if (before.error) errors.before = before.error;
    if (after.error) errors.after = after.error;
    const parsed = galleryEntryInput.safeParse({ treatment: values.treatment, description: values.description, before_media_id: before.upload?.id, after_media_id: after.upload?.id, consent: consentOf(form) });
    if (!parsed.success) {
      const schemaErrors = detailsToFieldErrors(lang, parsed.error.issues.filter((i) => !['before_media_id', 'after_media_id'].includes(String(i.path[0]))).map((i) => issueDetail(i)));
      for (const [key, message] of Object.entries(schemaErrors)) errors[key] ??= message;
    }
    if (!values.before?.description) errors.before_description = t(lang, 'gallery.error.altRequired');
    if (!values.after?.description) errors.after_description = t(lang, 'gallery.error.altRequired');
    if (Object.keys(errors).length || !parsed.success) return galleryFormPage(c, app, values, errors, 422);
    try {
      const { entry, withdrawalCode } = await publishGalleryEntry(app, viewer, parsed.data);
      const account = await findAccountById(app.db, viewer.accountId);
      return codePage(c, app, withdrawalCode, `/@${account?.username ?? viewer.username}/gallery#g-${entry.id}`);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed') return galleryFormPage(c, app, values, fieldErrorsInLang(lang, err), 422);
      throw err;
    }
  },
});

/** The clinic withdraws consent on the patient's request, from the gallery page. */
const withdrawForm = defineFormRoute({
  path: '/gallery/:id{[0-9]{1,19}}/withdraw',
  summary: "Withdraw a patient's consent to a before/after pair, on their request (the clinic that published it)",
  auth: 'user',
  scope: 'write:media',
  params: idParam,
  handler: async ({ c, app, viewer, params }) => {
    await withdrawConsentByClinic(app, viewer, params.id);
    return c.redirect(`/@${viewer.username}/gallery?notice=withdrawn#g-${params.id}`, 303);
  },
});

const deleteForm = defineFormRoute({
  path: '/gallery/:id{[0-9]{1,19}}/delete',
  summary: 'Delete a before/after pair and its images (the clinic that published it)',
  auth: 'user',
  scope: 'write:media',
  params: idParam,
  handler: async ({ c, app, viewer, params }) => {
    await deleteGalleryEntryByOwner(app, viewer, params.id);
    return c.redirect(`/@${viewer.username}/gallery?notice=deleted`, 303);
  },
});

/**
 * `POST /gallery/withdraw`: the patient, without an account, types the code; the page names the
 * pair to confirm (`confirm=1` withdraws). Limited per address, as codes must not be guessed.
 */
const patientWithdrawForm = defineFormRoute({
  path: '/gallery/withdraw',
  summary: 'Withdraw consent to a before/after pair with the code given by the clinic (no account needed)',
  auth: 'none',
  csrf: 'anonymous',
  body: formFields,
  rateLimits: [GALLERY_WITHDRAW_LIMIT],
  onError: ({ c, status }, err) => (err.code === 'rate_limited' || err.code === 'csrf_failed' ? withdrawalPage(c, c.get('webApp'), { kind: 'code', error: errorText(c.get('lang'), err) }, status === 429 ? 429 : 403) : undefined),
  handler: async ({ c, app, body }) => {
    const lang = c.get('lang');
    const code = field(body, 'code').trim().slice(0, 64);
    if (!code) return withdrawalPage(c, app, { kind: 'code', error: t(lang, 'gallery.error.code') }, 422);
    let entry;
    try {
      entry = await entryOfWithdrawalCode(app, code);
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') return withdrawalPage(c, app, { kind: 'code', code, error: t(lang, 'gallery.error.codeUnknown') }, 404);
      throw err;
    }
    if (entry.withdrawn_at) return withdrawalPage(c, app, { kind: 'already' });
    if (field(body, 'confirm') !== '1') {
      const clinic = await findAccountById(app.db, entry.account_id);
      return withdrawalPage(c, app, { kind: 'confirm', code, treatment: entry.treatment, clinic: clinic?.display_name || clinic?.username || '' });
    }
    await withdrawConsentByCode(app, code);
    return withdrawalPage(c, app, { kind: 'done' });
  },
});

/** The gallery's form posts. */
export const galleryFormRoutes: AnyRoute[] = [publishForm, withdrawForm, deleteForm, patientWithdrawForm];
