import { SPECIALTIES, specialtyCodes } from '../../accounts/specialties.js';
import type { Viewer } from '../../auth/viewer.js';
import type { SafetyRefusal } from '../../consultas/safety-gate.js';
import { PersonalDataWarning } from '../components/personal-data-warning.js';
import { FormErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';

/** The values the ask form shows again after a refusal. */
export type AskValues = Partial<Record<'title' | 'body' | 'specialty' | 'tags' | 'pseudonym' | 'confirm_emergency' | 'confirm_personal_data', string>>;

/** Emergency guidance, shown first and prominently when the text suggests an emergency. */
function EmergencyGuidance({ refusal, lang }: { refusal: Extract<SafetyRefusal, { reason: 'emergency_detected' }>; lang: Lang }) {
  return (
    <section class="emergency-guidance" role="alert" aria-labelledby="emergency-title">
      <h2 id="emergency-title">{t(lang, 'consultas.emergency.title')}</h2>
      <p class="emergency-number">
        <a href={`tel:${refusal.emergency_number}`}>{t(lang, 'consultas.emergency.call', { number: refusal.emergency_number })}</a>
      </p>
      <p>{refusal.guidance[lang]}</p>
      {refusal.crisis_line && refusal.categories.includes('suicide') ? (
        <p>
          <a href={`tel:${refusal.crisis_line.number.replace(/\s/g, '')}`}>{t(lang, 'consultas.emergency.crisis', { number: refusal.crisis_line.number, name: refusal.crisis_line.name })}</a>
        </p>
      ) : null}
      <label class="confirm-check">
        <input type="checkbox" name="confirm_emergency" value="true" form="ask-form" />
        <span>{t(lang, 'consultas.emergency.confirm')}</span>
      </label>
    </section>
  );
}

/** The ask (or edit) form: privacy notice, fields, and the guidance of a refused attempt above it. */
export function AskForm({ lang, viewer, values, errors, refusal, action = '/consultas', submitLabel }: { lang: Lang; viewer: Viewer; values: AskValues; errors?: FieldErrors | undefined; refusal?: SafetyRefusal | undefined; action?: string; submitLabel?: string }) {
  return (
    <>
      {refusal?.reason === 'emergency_detected' ? <EmergencyGuidance refusal={refusal} lang={lang} /> : null}
      {refusal?.reason === 'personal_data_detected' ? <PersonalDataWarning kind="consulta" formId="ask-form" matches={refusal.personal_data} lang={lang} /> : null}
      <aside class="privacy-notice" aria-labelledby="privacy-title">
        <h2 id="privacy-title">{t(lang, 'consultas.new.privacyTitle')}</h2>
        <p>{t(lang, 'consultas.new.privacy')}</p>
        <p>
          <strong>{t(lang, 'consultas.new.emergencyReminder')}</strong>
        </p>
      </aside>
      <form method="post" action={action} class="card" id="ask-form">
        <CsrfField viewer={viewer} />
        {refusal ? null : <FormErrorSummary lang={lang} errors={errors} />}
        {/* A confirmation already given survives a second refusal of the other kind. */}
        {values.confirm_emergency === 'true' && refusal?.reason !== 'emergency_detected' ? <input type="hidden" name="confirm_emergency" value="true" /> : null}
        {values.confirm_personal_data === 'true' && refusal?.reason !== 'personal_data_detected' ? <input type="hidden" name="confirm_personal_data" value="true" /> : null}
        <TextField name="title" label={t(lang, 'consultas.field.title')} hint={t(lang, 'consultas.field.titleHint')} value={values.title} maxLength={200} required error={errors?.title} />
        <TextArea name="body" label={t(lang, 'consultas.field.body')} hint={t(lang, 'consultas.field.bodyHint')} value={values.body} rows={8} maxLength={10000} required error={errors?.body} />
        <SelectField
          name="specialty"
          label={t(lang, 'consultas.field.specialty')}
          value={values.specialty}
          emptyLabel={t(lang, 'consultas.field.chooseSpecialty')}
          options={specialtyCodes.map((code) => ({ value: code, label: SPECIALTIES[code][lang] }))}
          required
          error={errors?.specialty}
        />
        <TextField name="tags" label={t(lang, 'consultas.field.tags')} hint={t(lang, 'consultas.field.tagsHint')} value={values.tags} maxLength={250} error={errors?.tags} />
        <TextField name="pseudonym" label={t(lang, 'consultas.field.pseudonym')} hint={t(lang, 'consultas.field.pseudonymHint')} value={values.pseudonym} maxLength={40} error={errors?.pseudonym} />
        <button type="submit" class="button">{submitLabel ?? t(lang, 'consultas.submit')}</button>
      </form>
    </>
  );
}
