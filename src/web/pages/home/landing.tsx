import { Icon, type IconName } from '../../components/icons.js';
import { t, type Lang, type MessageKey } from '../../i18n/i18n.js';

const POINTS: [IconName, MessageKey][] = [
  ['stethoscope', 'landing.point.professionals'],
  ['favourite', 'landing.point.patients'],
  ['building', 'landing.point.organizations'],
  ['link', 'landing.point.blog'],
];

/** The welcome shown to visitors who are not signed in: what Medired is and how to join. */
export function Landing({ lang }: { lang: Lang }) {
  return (
    <>
      <section class="landing-hero" aria-labelledby="landing-title">
        <h1 id="landing-title">{t(lang, 'landing.title')}</h1>
        <p>{t(lang, 'landing.lead')}</p>
        <p class="actions">
          <a class="button" href="/auth/sign_up">{t(lang, 'landing.signUp')}</a>
          <a class="button button-secondary" href="/auth/sign_in">{t(lang, 'landing.signIn')}</a>
        </p>
      </section>
      <ul class="landing-points">
        {POINTS.map(([icon, key]) => (
          <li>
            <Icon name={icon} size={22} />
            <span>{t(lang, key)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
