import type { Hono } from 'hono';
import type { AppContext } from '../../../app-context.js';
import { findAccountById, type AccountRow } from '../../../accounts/accounts.repository.js';
import { profileUpdateInput } from '../../../accounts/accounts.js';
import { toMastodonAccount } from '../../../accounts/accounts.serializer.js';
import { updateProfile } from '../../../accounts/accounts.service.js';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES } from '../../../accounts/specialties.js';
import { AppError } from '../../../errors.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../../http/route.js';
import { saveProfileImage } from '../../../media/profile-images.js';
import { countryOptions } from '../../components/countries.js';
import { Flash, noticeFrom } from '../../components/flash.js';
import { FileField, FormErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../../components/form-fields.js';
import { field, fileField, formFields, type FormFields } from '../../forms.js';
import { EmailDigestSetting, findDigestEnabled } from '../../settings/email-digest.js';
import { t, type Lang } from '../../i18n/i18n.js';
import { setLangCookie } from '../../i18n/language.js';
import { CsrfField, renderPage } from '../../layout.js';
import { SettingsNav } from '../../components/settings-nav.js';
import type { WebContext } from '../../web-context.js';
import { errorText, fieldErrorsInLang, zodFieldErrors } from '../../errors/error-text.js';

const PATH = '/settings/profile';
const LINK_SLOTS = 4;

type Values = Record<string, string>;

function optionsOf(list: Record<string, { es: string; en: string }>, lang: Lang) {
  return Object.entries(list)
    .map(([value, label]) => ({ value, label: label[lang] }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
}

function valuesOf(row: AccountRow, locale: string): Values {
  const values: Values = {
    display_name: row.display_name,
    note: row.note_source,
    profession: row.profession ?? '',
    specialty: row.specialty ?? '',
    license_number: row.license_number ?? '',
    license_country: row.license_country ?? '',
    organization_type: row.organization_type ?? '',
    city: row.city,
    country: row.country ?? '',
    website: row.website,
    locked: row.locked ? 'true' : 'false',
    place_public: row.place_public ? 'true' : 'false',
    language: locale,
  };
  row.fields.forEach((f, i) => {
    values[`field_name_${i}`] = f.name;
    values[`field_value_${i}`] = f.value;
  });
  return values;
}

async function settingsPage(c: WebContext, app: AppContext, row: AccountRow, values: Values, errors: FieldErrors = {}) {
  const lang = c.get('lang');
  const viewer = c.get('viewer');
  const digestEnabled = viewer ? await findDigestEnabled(app.db, viewer.userId) : false;
  const account = toMastodonAccount(row, app.config);
  const kind = row.kind;
  const status = row.verification_status;
  return renderPage(
    c,
    { title: t(lang, 'settings.profile'), noindex: true, section: 'settings' },
    <>
      <header class="page-header">
        <h1>{t(lang, 'settings.title')}</h1>
        <p>{t(lang, 'settings.profileLead')}</p>
      </header>
      <SettingsNav lang={lang} current="profile" showVerification={row.kind !== 'patient'} />
      {noticeFrom(c.req.url) === 'saved' ? <Flash kind="success">{t(lang, 'common.saved')}</Flash> : null}
      <FormErrorSummary lang={lang} errors={errors} />
      <form method="post" action={PATH} enctype="multipart/form-data" class="card">
        <CsrfField viewer={c.get('viewer')} />
        <fieldset>
          <legend>{t(lang, 'settings.basics')}</legend>
          <TextField name="display_name" label={t(lang, 'settings.displayName')} value={values.display_name} maxLength={60} autocomplete="name" error={errors.display_name} />
          <TextArea name="note" label={t(lang, 'settings.bio')} hint={t(lang, 'settings.bioHint')} value={values.note} rows={5} maxLength={2000} error={errors.note} />
          <img class="current-image avatar-preview" src={account.avatar} alt="" width="80" height="80" />
          <FileField name="avatar" label={t(lang, 'settings.avatar')} hint={t(lang, 'settings.avatarHint')} error={errors.avatar} />
          <img class="current-image" src={account.header} alt="" width="600" height="200" />
          <FileField name="header" label={t(lang, 'settings.header')} hint={t(lang, 'settings.headerHint')} error={errors.header} />
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'settings.healthProfile')}</legend>
          {kind === 'professional' ? (
            <SelectField name="profession" label={t(lang, 'settings.profession')} options={optionsOf(PROFESSIONS, lang)} value={values.profession} emptyLabel={t(lang, 'settings.choose')} error={errors.profession} />
          ) : null}
          {kind === 'organization' ? (
            <SelectField name="organization_type" label={t(lang, 'settings.organizationType')} options={optionsOf(ORGANIZATION_TYPES, lang)} value={values.organization_type} emptyLabel={t(lang, 'settings.choose')} error={errors.organization_type} />
          ) : null}
          <SelectField name="specialty" label={t(lang, 'settings.specialty')} options={optionsOf(SPECIALTIES, lang)} value={values.specialty} emptyLabel={t(lang, 'settings.choose')} error={errors.specialty} />
          {kind === 'professional' ? (
            <>
              <div class="form-row">
                <TextField name="license_number" label={t(lang, 'settings.licenseNumber')} hint={t(lang, 'settings.licenseHint')} value={values.license_number} maxLength={50} error={errors.license_number} />
                <SelectField name="license_country" label={t(lang, 'settings.licenseCountry')} options={countryOptions(lang)} value={values.license_country?.toUpperCase()} emptyLabel={t(lang, 'settings.choose')} error={errors.license_country} />
              </div>
              <p>
                {t(lang, 'settings.verificationStatus', { status: t(lang, `verification.${status}`) })}{' '}
                {status === 'pending' ? <span class="pending-badge">{t(lang, 'badge.pending')}</span> : null}
              </p>
            </>
          ) : null}
          <div class="form-row">
            <TextField name="city" label={t(lang, 'settings.city')} value={values.city} maxLength={100} autocomplete="address-level2" error={errors.city} />
            <SelectField name="country" label={t(lang, 'settings.country')} options={countryOptions(lang)} value={values.country?.toUpperCase()} emptyLabel={t(lang, 'settings.choose')} error={errors.country} />
          </div>
          {kind === 'patient' ? (
            <>
              <input type="hidden" name="place_public" value="false" />
              <label class="check-field">
                <input type="checkbox" name="place_public" value="true" checked={values.place_public === 'true'} aria-describedby="f-place-public-hint" />
                <span>{t(lang, 'settings.placePublic')}</span>
              </label>
              <p class="field-hint" id="f-place-public-hint">{t(lang, 'settings.placePublicHint')}</p>
            </>
          ) : (
            <p class="field-hint">{t(lang, 'settings.placeAlwaysPublic')}</p>
          )}
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'settings.links')}</legend>
          <TextField name="website" type="url" label={t(lang, 'settings.website')} hint={t(lang, 'settings.websiteHint')} value={values.website} maxLength={300} autocomplete="url" error={errors.website} />
          {Array.from({ length: LINK_SLOTS }, (_, i) => (
            <div class="form-row">
              <TextField name={`fields_attributes[${i}][name]`} id={`f-link-name-${i}`} label={t(lang, 'settings.linkName', { n: i + 1 })} value={values[`field_name_${i}`]} maxLength={255} />
              <TextField name={`fields_attributes[${i}][value]`} id={`f-link-value-${i}`} label={t(lang, 'settings.linkValue', { n: i + 1 })} value={values[`field_value_${i}`]} maxLength={255} />
            </div>
          ))}
          {errors.fields_attributes ? <p class="field-error">{errors.fields_attributes}</p> : null}
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'settings.privacy')}</legend>
          <input type="hidden" name="locked" value="false" />
          <label class="check-field">
            <input type="checkbox" name="locked" value="true" checked={values.locked === 'true'} aria-describedby="f-locked-hint" />
            <span>{t(lang, 'settings.locked')}</span>
          </label>
          <p class="field-hint" id="f-locked-hint">{t(lang, 'settings.lockedHint')}</p>
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'settings.language')}</legend>
          <SelectField
            name="source[language]"
            id="f-language"
            label={t(lang, 'settings.language')}
            options={[
              { value: 'es', label: t(lang, 'lang.es') },
              { value: 'en', label: t(lang, 'lang.en') },
            ]}
            value={values.language}
          />
        </fieldset>
        <div class="actions">
          <button type="submit" class="button">{t(lang, 'common.save')}</button>
          <a href={`/@${row.username}`}>{t(lang, 'nav.profile')}</a>
        </div>
      </form>
      {viewer ? <EmailDigestSetting app={app} lang={lang} viewer={viewer} enabled={digestEnabled} /> : null}
    </>,
    Object.keys(errors).length ? 422 : 200,
  );
}

/** Turns the posted form into the profile-update input (empty choices leave a value unchanged). */
function formInput(form: Record<string, unknown>, kind: AccountRow['kind']): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const name of ['display_name', 'note', 'city', 'website']) input[name] = field(form, name);
  const optional = ['specialty', 'country', ...(kind === 'professional' ? ['profession', 'license_number', 'license_country'] : []), ...(kind === 'organization' ? ['organization_type'] : [])];
  for (const name of optional) {
    const v = field(form, name).trim();
    if (v) input[name] = v;
  }
  if (form.fields_attributes && typeof form.fields_attributes === 'object') input.fields_attributes = form.fields_attributes;
  if (typeof form.locked === 'string') input.locked = form.locked;
  if (kind === 'patient' && typeof form.place_public === 'string') input.place_public = form.place_public;
  const source = form.source as { language?: unknown } | undefined;
  if (source && (source.language === 'es' || source.language === 'en')) input.source = { language: source.language };
  return input;
}

/** `/settings/profile`: the signed-in person edits their public profile and interface language. */
export function mountProfileSettingsPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(PATH, async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) throw new AppError('unauthorized', 'This page needs you to be signed in');
    const row = await findAccountById(app.db, viewer.accountId);
    if (!row) throw new AppError('not_found', 'Account not found');
    return settingsPage(c, app, row, valuesOf(row, viewer.locale));
  });
}

/** `POST /settings/profile`: saves the profile, or shows the form again with what was typed. */
/** The form as it was posted, over the saved profile, so a refused form shows what was typed. */
function postedValues(row: AccountRow, locale: string, form: FormFields): Values {
  const posted: Values = { ...valuesOf(row, locale) };
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string') posted[k] = v;
  const links = (form.fields_attributes ?? {}) as Record<string, { name?: string; value?: string }>;
  for (let i = 0; i < LINK_SLOTS; i++) {
    posted[`field_name_${i}`] = links[i]?.name ?? '';
    posted[`field_value_${i}`] = links[i]?.value ?? '';
  }
  return posted;
}

const saveProfile = defineFormRoute({
  path: PATH,
  summary: 'Save your profile from Settings → Profile',
  auth: 'user',
  scope: 'write:accounts',
  body: formFields,
  // Refusals at the boundary (e.g. a character that cannot be stored) show the form again too.
  onError: async ({ c, app, viewer, raw }, err) => {
    if (err.code !== 'validation_failed' || !viewer) return undefined;
    const row = await findAccountById(app.db, viewer.accountId);
    return row ? settingsPage(c, app, row, postedValues(row, viewer.locale, raw), fieldErrorsInLang(c.get('lang'), err)) : undefined;
  },
  handler: async ({ c, app, viewer, body: form }) => {
    const lang = c.get('lang');
    const row = await findAccountById(app.db, viewer.accountId);
    if (!row) throw new AppError('not_found', 'Account not found');
    const posted = postedValues(row, viewer.locale, form);
    const parsed = profileUpdateInput.safeParse(formInput(form, row.kind));
    if (!parsed.success) {
      const errors: FieldErrors = {};
      Object.assign(errors, zodFieldErrors(lang, parsed.error));
      return settingsPage(c, app, row, posted, errors);
    }
    const errors: FieldErrors = {};
    const images: { avatar_media_id?: string; header_media_id?: string } = {};
    for (const purpose of ['avatar', 'header'] as const) {
      const file = fileField(form, purpose);
      if (!file) continue;
      try {
        images[`${purpose}_media_id`] = await saveProfileImage(app, viewer.accountId, file, purpose);
      } catch (err) {
        if (!(err instanceof AppError) || !['unsupported_media_type', 'payload_too_large'].includes(err.code)) throw err;
        errors[purpose] = `${t(lang, 'error.imageInvalid')} ${errorText(lang, err)}`;
      }
    }
    if (Object.keys(errors).length) return settingsPage(c, app, row, posted, errors);
    try {
      await updateProfile(app, viewer.accountId, { ...parsed.data, ...images });
    } catch (err) {
      if (!(err instanceof AppError) || !['validation_failed', 'forbidden'].includes(err.code)) throw err;
      return settingsPage(c, app, row, posted, fieldErrorsInLang(lang, err));
    }
    const language = parsed.data.source?.language;
    if (language) setLangCookie(c, language, app.config.secureCookies);
    return c.redirect(`${PATH}?notice=saved`, 303);
  },
});

export const profileSettingsFormRoutes: AnyRoute[] = [saveProfile];
