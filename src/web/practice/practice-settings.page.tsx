import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountById } from '../../accounts/accounts.repository.js';
import type { Viewer } from '../../auth/viewer.js';
import { issueDetail } from '../../http/errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { hasPractice } from '../../practice/practice.policy.js';
import { practiceOf, updatePractice } from '../../practice/practice.service.js';
import { COMMON_LANGUAGES, dayText, MAX_ADDRESSES, MAX_INSURERS_LENGTH, parseDayText, practiceInput, WEEKDAYS, type Practice, type Weekday } from '../../practice/practice.js';
import { countryOptions } from '../components/countries.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { FormErrorSummary, SelectField, TextArea, TextField, type FieldErrors } from '../components/form-fields.js';
import { SettingsNav } from '../components/settings-nav.js';
import { detailsToFieldErrors } from '../errors/error-text.js';
import { field, formFields, signInRedirect } from '../forms.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';
import { languageName } from './practice-format.js';

export const PRACTICE_SETTINGS_PATH = '/settings/practice';

/** Address rows the form shows: the stored ones and one empty row, up to the maximum. */
const addressRows = (count: number) => Math.min(MAX_ADDRESSES, Math.max(1, count + 1));

/** What the form shows: the stored practice, or what was typed when it came back with errors. */
interface FormValues {
  addresses: { street: string; postal_code: string; city: string; country: string }[];
  hours: Record<Weekday, string>;
  phone: string;
  website: string;
  languages: string[];
  insurers: string;
  accepts: boolean;
}

function valuesOf(p: Practice): FormValues {
  return {
    addresses: p.addresses.map((a) => ({ ...a })),
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, dayText(p.openingHours[d])])) as Record<Weekday, string>,
    phone: p.phone,
    website: p.website,
    languages: p.languages,
    insurers: p.insurers,
    accepts: p.acceptsOnlineRequests,
  };
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string');

function valuesFromForm(form: Record<string, unknown>): FormValues {
  const addresses = Array.from({ length: MAX_ADDRESSES }, (_, i) => ({
    street: field(form, `address_${i}_street`).slice(0, 300),
    postal_code: field(form, `address_${i}_postal_code`).slice(0, 30),
    city: field(form, `address_${i}_city`).slice(0, 200),
    country: field(form, `address_${i}_country`).slice(0, 4),
  }));
  return {
    addresses,
    hours: Object.fromEntries(WEEKDAYS.map((d) => [d, field(form, `hours_${d}`).slice(0, 200)])) as Record<Weekday, string>,
    phone: field(form, 'phone').slice(0, 100),
    website: field(form, 'website').slice(0, 500),
    languages: list(form.languages).slice(0, 30),
    insurers: field(form, 'insurers').slice(0, MAX_INSURERS_LENGTH * 2),
    accepts: field(form, 'accepts_online_requests') === 'on',
  };
}

/** The form's fields as the API's input: blank address rows dropped, day texts turned into ranges. */
function toInput(lang: Lang, v: FormValues): { input: unknown; errors: FieldErrors; addressIndex: number[] } {
  const errors: FieldErrors = {};
  const opening: Record<string, unknown> = {};
  for (const d of WEEKDAYS) {
    const ranges = parseDayText(v.hours[d]);
    if (ranges === null) errors[`hours_${d}`] = t(lang, 'practice.error.hoursText');
    else opening[d] = ranges;
  }
  const addressIndex: number[] = [];
  const addresses = v.addresses.flatMap((a, i) => {
    if (!a.street.trim() && !a.postal_code.trim() && !a.city.trim()) return [];
    addressIndex.push(i);
    return [a];
  });
  return { input: { addresses, opening_hours: opening, phone: v.phone, website: v.website, languages: v.languages, insurers: v.insurers, accepts_online_requests: v.accepts }, errors, addressIndex };
}

/** A schema error's dotted path as the form field it belongs to (`addresses.1.city` → `address_<row>_city`). */
function formFieldOf(path: string, addressIndex: number[]): string {
  const parts = path.split('.');
  if (parts[0] === 'addresses' && parts[1] !== undefined) return `address_${addressIndex[Number(parts[1])] ?? 0}_${parts[2] ?? 'street'}`;
  if (parts[0] === 'opening_hours' && parts[1]) return `hours_${parts[1]}`;
  if (parts[0] === 'accepts_online_requests') return 'accepts_online_requests';
  return parts[0] ?? '_form';
}

function PracticeForm({ lang, viewer, values, errors }: { lang: Lang; viewer: Viewer; values: FormValues; errors: FieldErrors }) {
  const rows = addressRows(values.addresses.filter((a) => a.street || a.city).length);
  const countries = countryOptions(lang);
  const languages = [...new Set([...COMMON_LANGUAGES, ...values.languages])];
  return (
    <form method="post" action={PRACTICE_SETTINGS_PATH} class="card stack-form practice-form" novalidate>
      <CsrfField viewer={viewer} />
      <FormErrorSummary lang={lang} errors={errors} />
      <fieldset>
        <legend>{t(lang, 'practice.onlineRequests')}</legend>
        <label class="care-check">
          <input type="checkbox" name="accepts_online_requests" value="on" checked={values.accepts} />
          <span>{t(lang, 'practice.acceptsOnlineRequests')}</span>
        </label>
        <p class="field-hint">{t(lang, 'practice.acceptsOnlineRequestsHint')}</p>
      </fieldset>
      <fieldset>
        <legend>{t(lang, 'practice.addresses')}</legend>
        {Array.from({ length: rows }, (_, i) => {
          const a = values.addresses[i] ?? { street: '', postal_code: '', city: '', country: 'ES' };
          return (
            <div class="practice-address">
              <p class="practice-address-title">{t(lang, 'practice.addressN', { n: i + 1 })}</p>
              <TextField name={`address_${i}_street`} label={t(lang, 'practice.street')} value={a.street} maxLength={200} autocomplete="street-address" error={errors[`address_${i}_street`]} />
              <div class="practice-address-row">
                <TextField name={`address_${i}_postal_code`} label={t(lang, 'practice.postalCode')} value={a.postal_code} maxLength={12} autocomplete="postal-code" error={errors[`address_${i}_postal_code`]} />
                <TextField name={`address_${i}_city`} label={t(lang, 'practice.city')} value={a.city} maxLength={100} autocomplete="address-level2" error={errors[`address_${i}_city`]} />
              </div>
              <SelectField name={`address_${i}_country`} label={t(lang, 'practice.country')} options={countries} value={a.country || 'ES'} error={errors[`address_${i}_country`]} />
            </div>
          );
        })}
        {rows < MAX_ADDRESSES ? <p class="field-hint">{t(lang, 'practice.addressMore', { max: MAX_ADDRESSES })}</p> : null}
      </fieldset>
      <fieldset>
        <legend>{t(lang, 'practice.openingHours')}</legend>
        <p class="field-hint">{t(lang, 'practice.openingHoursHint')}</p>
        <div class="practice-hours">
          {WEEKDAYS.map((d) => (
            <TextField name={`hours_${d}`} label={t(lang, `practice.day.${d}`)} value={values.hours[d]} maxLength={60} placeholder="09:00-14:00, 16:00-19:00" error={errors[`hours_${d}`]} />
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t(lang, 'practice.contact')}</legend>
        <TextField name="phone" label={t(lang, 'practice.phone')} value={values.phone} maxLength={30} autocomplete="tel" error={errors.phone} />
        <TextField name="website" type="url" label={t(lang, 'practice.website')} value={values.website} maxLength={300} placeholder="https://" autocomplete="url" error={errors.website} />
      </fieldset>
      <fieldset>
        <legend>{t(lang, 'practice.languages')}</legend>
        {errors.languages ? <p class="field-error">{errors.languages}</p> : null}
        <div class="practice-languages">
          {languages.map((code) => (
            <label class="care-check">
              <input type="checkbox" name="languages[]" value={code} checked={values.languages.includes(code)} />
              <span>{languageName(lang, code)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <TextArea name="insurers" label={t(lang, 'practice.insurers')} hint={t(lang, 'practice.insurersHint')} value={values.insurers} rows={3} maxLength={MAX_INSURERS_LENGTH} counter={{ lang, max: MAX_INSURERS_LENGTH }} error={errors.insurers} />
      <button type="submit" class="button">{t(lang, 'common.save')}</button>
    </form>
  );
}

async function settingsPage(c: WebContext, app: AppContext, form?: { values: FormValues; errors: FieldErrors; status: 422 }) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const account = await findAccountById(app.db, viewer.accountId);
  const practitioner = account ? hasPractice(account) : false;
  const values = form?.values ?? valuesOf(await practiceOf(app, viewer.accountId));
  return renderPage(
    c,
    { title: t(lang, 'practice.title'), noindex: true, section: 'settings', head: <link rel="stylesheet" href={staticUrl('care.css')} /> },
    <section class="settings-page">
      <header class="page-header">
        <h1>{t(lang, 'settings.title')}</h1>
      </header>
      <SettingsNav lang={lang} current="practice" showVerification={practitioner} />
      {noticeFrom(c.req.url) === 'saved' ? <Flash kind="success">{t(lang, 'practice.saved')}</Flash> : null}
      <h2>{t(lang, 'practice.title')}</h2>
      {practitioner ? (
        <>
          <p>{t(lang, 'practice.lead')}</p>
          <PracticeForm lang={lang} viewer={viewer} values={values} errors={form?.errors ?? {}} />
        </>
      ) : (
        <p class="card">{t(lang, 'practice.error.onlyPractitioners')}</p>
      )}
    </section>,
    form?.status ?? 200,
  );
}

/** `/settings/practice`: a professional's or organisation's practice information. */
export function mountPracticeSettingsPage(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(PRACTICE_SETTINGS_PATH, (c) => settingsPage(c, app));
}

const savePractice = defineFormRoute({
  path: PRACTICE_SETTINGS_PATH,
  summary: 'Edit your practice information from the web (professionals and organisations)',
  auth: 'user',
  scope: 'write:accounts',
  body: formFields,
  handler: async ({ c, app, viewer, body }) => {
    const lang = c.get('lang');
    const values = valuesFromForm(body);
    const { input, errors, addressIndex } = toInput(lang, values);
    const parsed = practiceInput.safeParse(input);
    if (!parsed.success) {
      const details = parsed.error.issues.map((issue) => ({ ...issueDetail(issue), field: formFieldOf(issue.path.map(String).join('.'), addressIndex) }));
      for (const [name, text] of Object.entries(detailsToFieldErrors(lang, details))) errors[name] ??= text;
    }
    if (!parsed.success || Object.keys(errors).length > 0) return settingsPage(c, app, { values, errors, status: 422 });
    await updatePractice(app, viewer, parsed.data);
    return c.redirect(`${PRACTICE_SETTINGS_PATH}?notice=saved`, 303);
  },
});

export const practiceSettingsFormRoutes: AnyRoute[] = [savePractice];
