import type { AlertEntity } from '../../alerts/alerts.service.js';
import { AccountName } from '../components/account-name.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { raw } from 'hono/html';

/** "Madrid (ES)" or "the whole country (ES)". */
export function regionLabel(alert: Pick<AlertEntity, 'region'>, lang: Lang): string {
  return alert.region.city ? `${alert.region.city} (${alert.region.country})` : t(lang, 'alerts.wholeCountry', { country: alert.region.country });
}

/** One health alert: severity, title, organisation, region, validity and text. */
export function AlertCard({ alert, lang, headingLevel = 3, full = false }: { alert: AlertEntity; lang: Lang; headingLevel?: 2 | 3; full?: boolean }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const ended = !alert.active;
  return (
    <article class={`health-alert health-alert-${alert.severity}${ended ? ' health-alert-ended' : ''}`} aria-labelledby={`alert-${alert.id}-title`}>
      <p class="health-alert-severity">
        <strong>{t(lang, `alerts.severity.${alert.severity}`)}</strong>
        {alert.withdrawn_at ? <> · {t(lang, 'alerts.withdrawn')}</> : null}
      </p>
      <Heading id={`alert-${alert.id}-title`} class="health-alert-title">
        {full ? alert.title : <a href={`/alertas/${alert.id}`}>{alert.title}</a>}
      </Heading>
      <p class="health-alert-meta">
        {t(lang, 'alerts.region', { region: regionLabel(alert, lang) })} ·{' '}
        <time datetime={alert.expires_at}>
          {t(lang, ended ? 'alerts.expired' : 'alerts.expires', { date: formatDateTime(lang, alert.withdrawn_at ?? alert.expires_at) })}
        </time>
      </p>
      <div class="health-alert-body">{raw(alert.content)}</div>
      <div class="health-alert-by">
        <span class="visually-hidden">{t(lang, 'alerts.by')} </span>
        <AccountName account={alert.account} lang={lang} avatarSize={32} />
      </div>
    </article>
  );
}
