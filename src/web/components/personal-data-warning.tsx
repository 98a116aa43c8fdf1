import { findPersonalData, type PersonalDataMatch } from '../../text/personal-data.js';
import { t, type Lang } from '../i18n/i18n.js';

/** The form field that says "publish it anyway": the same name the consultas API takes. */
export const CONFIRM_PERSONAL_DATA = 'confirm_personal_data';

/**
 * The identifying data (`findPersonalData`, the one detector) a web post must confirm before it
 * is published; empty when there is none, when the person already confirmed, or for a direct
 * post (only its recipients read it). Web forms only: the API publishes as Mastodon does.
 */
export function personalDataToConfirm(form: Record<string, unknown>, visibility: string, ...texts: string[]): PersonalDataMatch[] {
  if (form[CONFIRM_PERSONAL_DATA] === 'true' || visibility === 'direct') return [];
  return findPersonalData(texts.join('\n'));
}

/** The data found, by kind, as the warning lists it. */
function Found({ lang, matches }: { lang: Lang; matches: PersonalDataMatch[] }) {
  return (
    <ul>
      {matches.map((p) => (
        <li>
          {t(lang, `consultas.personal.${p.kind}`)}: <code>{p.value}</code>
        </li>
      ))}
    </ul>
  );
}

/**
 * The warning shown above a refused text that contains identifying data: what was found and
 * how to publish anyway. Questions confirm with a checkbox (`consulta`); posts and articles
 * (`post`) explain that the post is not private, suggest a private message, and confirm with
 * a "publish anyway" button that sends the form again with everything typed.
 */
export function PersonalDataWarning(props: { lang: Lang; matches: PersonalDataMatch[] } & ({ kind: 'consulta'; formId: string } | { kind: 'post'; visibility: string })) {
  const { lang, matches } = props;
  if (props.kind === 'consulta') {
    return (
      <section class="flash flash-error" role="alert" aria-labelledby="personal-title">
        <h2 id="personal-title">{t(lang, 'consultas.personal.title')}</h2>
        <p>{t(lang, 'consultas.personal.lead')}</p>
        <Found lang={lang} matches={matches} />
        <label class="confirm-check">
          <input type="checkbox" name={CONFIRM_PERSONAL_DATA} value="true" form={props.formId} />
          <span>{t(lang, 'consultas.personal.confirm')}</span>
        </label>
      </section>
    );
  }
  const audience = props.visibility === 'private' ? 'personalData.audience.private' : props.visibility === 'unlisted' ? 'personalData.audience.unlisted' : 'personalData.audience.public';
  return (
    <>
      {/* The form's default button (Enter in a text field) must not be "publish anyway": this
          plain submit comes first, off-screen, so only a deliberate click confirms. */}
      <button type="submit" class="visually-hidden" tabindex={-1} aria-hidden="true">
        {t(lang, 'composer.submit')}
      </button>
    <section class="flash flash-error personal-data-warning" role="alert" aria-labelledby="personal-title">
      <h2 id="personal-title">{t(lang, 'personalData.title')}</h2>
      <p>{t(lang, 'personalData.lead', { audience: t(lang, audience) })}</p>
      <Found lang={lang} matches={matches} />
      <p>{t(lang, 'personalData.suggestion')}</p>
      <button type="submit" name={CONFIRM_PERSONAL_DATA} value="true" class="button button-secondary">
        {t(lang, 'personalData.publishAnyway')}
      </button>
    </section>
    </>
  );
}
