import type { AppContext } from '../../../app-context.js';
import type { Viewer } from '../../../auth/viewer.js';
import { medianTimeToFirstAnswer } from '../../../care-requests/response-time.js';
import { hasPractice } from '../../../practice/practice.policy.js';
import { practiceOf } from '../../../practice/practice.service.js';
import { WEEKDAYS } from '../../../practice/practice.js';
import { Icon } from '../../components/icons.js';
import { t, type Lang } from '../../i18n/i18n.js';
import { countryName, durationText, languageName } from '../../practice/practice-format.js';
import { staticUrl } from '../../static.js';
import type { ProfileData } from './profile-data.js';

/** The path of the care request form to a profile's account. */
export const careRequestFormPath = (acct: string) => `/care-requests/new?to=${encodeURIComponent(acct)}`;

/**
 * The "Consulta / Practice" section of a professional's or organisation's profile: addresses,
 * opening hours, phone, website, languages, insurers, the median time to first answer, and the
 * "Contactar / Pedir cita" button when the practice accepts online requests.
 */
export async function PracticeSection({ app, profile, viewer, lang }: { app: AppContext; profile: ProfileData; viewer: Viewer | null; lang: Lang }) {
  if (!hasPractice(profile.row)) return null;
  const [p, median] = await Promise.all([practiceOf(app, profile.row.id), medianTimeToFirstAnswer(app.db, profile.row.id)]);
  const hours = WEEKDAYS.filter((d) => p.openingHours[d]?.length);
  const empty = !p.addresses.length && !hours.length && !p.phone && !p.website && !p.languages.length && !p.insurers && !p.acceptsOnlineRequests;
  if (empty && !profile.isOwner) return null;
  const signInPath = `/auth/sign_in?return_to=${encodeURIComponent(careRequestFormPath(profile.account.acct))}`;
  return (
    <section class="card practice-section" aria-labelledby="practice-title">
      <link rel="stylesheet" href={staticUrl('care.css')} />
      <div class="practice-heading">
        <h2 id="practice-title">{t(lang, 'practice.sectionTitle')}</h2>
        {profile.isOwner ? (
          <a class="button button-secondary button-small" href="/settings/practice">{t(lang, 'practice.edit')}</a>
        ) : p.acceptsOnlineRequests ? (
          <a class="button" href={viewer ? careRequestFormPath(profile.account.acct) : signInPath}>
            <Icon name="mail" /> {t(lang, 'careRequests.contactButton')}
          </a>
        ) : null}
      </div>
      {empty ? <p class="field-hint">{t(lang, 'practice.emptyOwner')}</p> : null}
      {median ? (
        <p class="practice-response-time">
          <Icon name="clock" size={16} /> {t(lang, 'careRequests.medianAnswer', { time: durationText(lang, median.medianSeconds), count: median.answered })}
        </p>
      ) : null}
      <dl class="practice-facts">
        {p.addresses.length ? (
          <div>
            <dt>{t(lang, p.addresses.length > 1 ? 'practice.addresses' : 'practice.address')}</dt>
            <dd>
              <ul class="plain-list practice-address-list">
                {p.addresses.map((a) => (
                  <li>
                    <Icon name="location" size={16} /> {a.street}, {[a.postal_code, a.city].filter(Boolean).join(' ')} ({countryName(lang, a.country)})
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        ) : null}
        {hours.length ? (
          <div>
            <dt>{t(lang, 'practice.openingHours')}</dt>
            <dd>
              <table class="practice-hours-table">
                <tbody>
                  {WEEKDAYS.map((d) => (
                    <tr>
                      <th scope="row">{t(lang, `practice.day.${d}`)}</th>
                      <td>{p.openingHours[d]?.length ? p.openingHours[d]!.map((r) => `${r.from}–${r.to}`).join(', ') : t(lang, 'practice.closed')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </dd>
          </div>
        ) : null}
        {p.phone ? (
          <div>
            <dt>{t(lang, 'practice.phone')}</dt>
            <dd>
              <a href={`tel:${p.phone.replace(/[^0-9+]/g, '')}`}>{p.phone}</a>
            </dd>
          </div>
        ) : null}
        {p.website ? (
          <div>
            <dt>{t(lang, 'practice.website')}</dt>
            <dd>
              <a href={p.website} rel="nofollow noopener noreferrer" target="_blank">{p.website.replace(/^https?:\/\//, '').replace(/\/$/, '')}</a>
            </dd>
          </div>
        ) : null}
        {p.languages.length ? (
          <div>
            <dt>{t(lang, 'practice.languages')}</dt>
            <dd>{p.languages.map((code) => languageName(lang, code)).join(', ')}</dd>
          </div>
        ) : null}
        {p.insurers ? (
          <div>
            <dt>{t(lang, 'practice.insurers')}</dt>
            <dd class="practice-insurers">{p.insurers}</dd>
          </div>
        ) : null}
      </dl>
      {!profile.isOwner && !p.acceptsOnlineRequests && !empty ? <p class="field-hint">{t(lang, 'practice.noOnlineRequests')}</p> : null}
    </section>
  );
}
