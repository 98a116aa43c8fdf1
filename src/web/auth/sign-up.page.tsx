import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { registrationInput } from '../../accounts/accounts.js';
import { registerAccount } from '../../accounts/accounts.service.js';
import { confirmationRequired, startEmailConfirmation } from '../../auth/email-confirmation.service.js';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES, type Label } from '../../accounts/specialties.js';
import { anonymousCsrfToken } from '../../auth/anonymous-csrf.js';
import { SIGN_UP_RATE_LIMITS } from '../../accounts/sign-up-limits.js';
import { readSessionCookie, setSessionCookie } from '../../auth/session-cookie.js';
import { signIn, signOut } from '../../auth/sessions.service.js';
import { AppError } from '../../errors.js';
import { clientIp } from '../../http/rate-limit.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { Flash } from '../components/flash.js';
import { SelectField, TextField, type SelectOption } from '../components/form-fields.js';
import { t, type Lang } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { safeReturnTo } from './return-to.js';
import { formFields } from '../forms.js';
import { fieldErrorsOf, str, authStyles } from './web-auth.js';
import { zodFieldErrors } from '../errors/error-text.js';

type Values = Record<string, string>;

function optionsOf(list: Record<string, Label>, lang: Lang): SelectOption[] {
  return Object.entries(list)
    .map(([value, label]) => ({ value, label: label[lang] }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
}

function SignUpForm(props: { lang: Lang; csrf: string; returnTo: string; values: Values; errors: Record<string, string> }) {
  const { lang, values: v, errors: e } = props;
  const kind = v.kind || 'patient';
  const choose = t(lang, 'auth.signUp.choose');
  return (
    <section class="auth-page narrow">
      <h1>{t(lang, 'auth.signUp.title')}</h1>
      <p class="lead">{t(lang, 'auth.signUp.lead')}</p>
      {e._form ? <Flash kind="error">{e._form}</Flash> : Object.keys(e).length ? <Flash kind="error">{t(lang, 'error.formHasErrors')}</Flash> : null}
      <form method="post" action="/auth/sign_up" class="stack-form">
        <input type="hidden" name="_csrf" value={props.csrf} />
        <input type="hidden" name="return_to" value={props.returnTo} />
        <fieldset class={`field${e.kind ? ' field-invalid' : ''}`}>
          <legend>{t(lang, 'auth.signUp.kind')}</legend>
          {(['patient', 'professional', 'organization'] as const).map((k) => (
            <label class="radio">
              <input type="radio" name="kind" value={k} checked={kind === k} />{' '}
              {t(lang, k === 'patient' ? 'auth.signUp.kindPatient' : k === 'professional' ? 'auth.signUp.kindProfessional' : 'auth.signUp.kindOrganization')}
            </label>
          ))}
        </fieldset>
        <TextField name="username" label={t(lang, 'auth.signUp.username')} hint={t(lang, 'auth.signUp.usernameHint')} value={v.username} error={e.username} required maxLength={30} pattern="[A-Za-z0-9_]{1,30}" autocomplete="username" spellcheck={false} />
        <TextField name="display_name" label={t(lang, 'auth.signUp.displayName')} value={v.display_name} error={e.display_name} maxLength={60} autocomplete="name" />
        <TextField name="email" type="email" label={t(lang, 'auth.signUp.email')} value={v.email} error={e.email} required maxLength={320} autocomplete="email" />
        <TextField name="password" type="password" label={t(lang, 'auth.signUp.password')} hint={t(lang, 'auth.signUp.passwordHint')} error={e.password} required maxLength={128} autocomplete="new-password" />
        <fieldset>
          <legend>{t(lang, 'auth.signUp.professionalFields')}</legend>
          <SelectField name="profession" label={t(lang, 'auth.signUp.profession')} options={optionsOf(PROFESSIONS, lang)} value={v.profession} error={e.profession} emptyLabel={choose} />
          <SelectField name="specialty" label={t(lang, 'auth.signUp.specialty')} options={optionsOf(SPECIALTIES, lang)} value={v.specialty} error={e.specialty} emptyLabel={choose} />
          <TextField name="license_number" label={t(lang, 'auth.signUp.licenseNumber')} hint={t(lang, 'auth.signUp.licenseHint')} value={v.license_number} error={e.license_number} maxLength={50} />
          <TextField name="license_country" label={t(lang, 'auth.signUp.licenseCountry')} value={v.license_country} error={e.license_country} maxLength={2} pattern="[A-Za-z]{2}" />
        </fieldset>
        <fieldset>
          <legend>{t(lang, 'auth.signUp.organizationFields')}</legend>
          <SelectField name="organization_type" label={t(lang, 'auth.signUp.organizationType')} options={optionsOf(ORGANIZATION_TYPES, lang)} value={v.organization_type} error={e.organization_type} emptyLabel={choose} />
        </fieldset>
        <TextField name="city" label={t(lang, 'auth.signUp.city')} hint={t(lang, 'directory.signUpCityHint')} value={v.city} error={e.city} maxLength={100} autocomplete="address-level2" />
        <TextField name="country" label={t(lang, 'auth.signUp.country')} value={v.country} error={e.country} maxLength={2} pattern="[A-Za-z]{2}" />
        <SelectField
          name="locale"
          label={t(lang, 'auth.signUp.language')}
          options={[
            { value: 'es', label: 'Español' },
            { value: 'en', label: 'English' },
          ]}
          value={v.locale || lang}
        />
        <div class={`field${e.agreement ? ' field-invalid' : ''}`}>
          <label class="checkbox">
            <input type="checkbox" name="agreement" value="true" required checked={v.agreement === 'true'} /> {t(lang, 'auth.signUp.agreement')}
          </label>
          {e.agreement ? <p class="field-error">{e.agreement}</p> : null}
        </div>
        <p class="actions">
          <button type="submit" class="button">{t(lang, 'auth.signUp.submit')}</button>
        </p>
      </form>
      <p>
        {t(lang, 'auth.signUp.haveAccount')} <a href="/auth/sign_in">{t(lang, 'nav.signIn')}</a>
      </p>
    </section>
  );
}

const FIELDS = ['kind', 'username', 'display_name', 'email', 'profession', 'specialty', 'license_number', 'license_country', 'organization_type', 'city', 'country', 'locale', 'agreement'];
/** Fields that only some kinds have; the others are dropped so a stray value does not block sign-up. */
const ONLY_FOR: Record<string, string[]> = { profession: ['professional'], license_number: ['professional'], license_country: ['professional'], specialty: ['professional'], organization_type: ['organization'] };

function render(c: WebContext, app: AppContext, returnTo: string, values: Values, errors: Record<string, string>, status: 200 | 403 | 422 | 429 = 200) {
  const lang = c.get('lang');
  return renderPage(
    c,
    { title: t(lang, 'auth.signUp.title'), description: t(lang, 'auth.signUp.lead'), section: 'auth', head: authStyles },
    <SignUpForm lang={lang} csrf={anonymousCsrfToken(c, app.config)} returnTo={returnTo} values={values} errors={errors} />,
    status,
  );
}

/** The sign-up page: registers through the same service as `POST /api/v1/accounts`, then signs in. */
export function mountSignUpPage(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/auth/sign_up', (c) => {
    const returnTo = safeReturnTo(c.req.query('return_to'));
    if (c.get('viewer')) return c.redirect(returnTo, 303);
    return render(c, app, returnTo, { kind: c.req.query('kind') ?? 'patient' }, {});
  });
}

/** The sign-up form's fields as typed (without the password). */
function typedValues(form: Record<string, unknown>): Values {
  return Object.fromEntries(FIELDS.map((f) => [f, str(form, f).trim()]));
}

/** `POST /auth/sign_up`: registers through the same service and limits as the API, then signs in. */
const signUpForm = defineFormRoute({
  path: '/auth/sign_up',
  summary: 'Create an account from the sign-up page',
  auth: 'none',
  csrf: 'anonymous',
  body: formFields,
  rateLimits: SIGN_UP_RATE_LIMITS,
  onError: ({ c, app, raw }, err) => {
    const lang = c.get('lang');
    const returnTo = safeReturnTo(raw.return_to);
    if (err.code === 'csrf_failed') return render(c, app, returnTo, typedValues(raw), { _form: t(lang, 'auth.error.csrf') }, 403);
    if (err.code === 'rate_limited') return render(c, app, returnTo, typedValues(raw), { _form: t(lang, 'auth.error.rateLimited') }, 429);
    if (err.code === 'validation_failed') return render(c, app, returnTo, typedValues(raw), fieldErrorsOf(lang, err), 422);
    if (err.code === 'forbidden' && err.key === 'accounts.signUp.networkBlocked') return render(c, app, returnTo, typedValues(raw), { _form: t(lang, 'accounts.signUp.networkBlocked') }, 403);
    return undefined;
  },
  handler: async ({ c, app, body: form }) => {
    const returnTo = safeReturnTo(form.return_to);
    const values = typedValues(form);
    const kind = values.kind || 'patient';
    const input: Record<string, unknown> = { password: str(form, 'password') };
    for (const [k, v] of Object.entries(values)) if (v && (!ONLY_FOR[k] || ONLY_FOR[k].includes(kind))) input[k] = v;
    input.agreement = values.agreement === 'true' || values.agreement === 'on';
    const parsed = registrationInput.safeParse(input);
    if (!parsed.success) return render(c, app, returnTo, values, zodFieldErrors(c.get('lang'), parsed.error), 422);
    const awaitEmailConfirmation = confirmationRequired(app);
    const registered = await registerAccount(app.db, parsed.data, { awaitEmailConfirmation, ip: clientIp(c) });
    if (awaitEmailConfirmation) {
      await startEmailConfirmation(app, registered.userId);
      return c.redirect('/auth/sign_in?notice=confirm_email', 303);
    }
    const session = await signIn(app, { login: parsed.data.username, password: parsed.data.password, ip: clientIp(c), userAgent: c.req.header('user-agent') ?? '' });
    const previous = readSessionCookie(c);
    if (previous) await signOut(app, previous);
    setSessionCookie(c, app.config, session.sessionToken, session.expiresAt);
    return c.redirect(returnTo, 303);
  },
});

export const signUpFormRoutes: AnyRoute[] = [signUpForm];
