import type { AppContext } from '../../app-context.js';
import { activeAlertsFor, serializeAlerts } from '../../alerts/alerts.service.js';
import type { Viewer } from '../../auth/viewer.js';
import { t, type Lang } from '../i18n/i18n.js';
import { staticUrl } from '../static.js';
import { AlertCard } from './alert-card.js';

/**
 * The active health alerts pinned on top of a signed-in viewer's home: from organisations they
 * follow and for their region. Renders nothing when there are none. An async component, so the
 * home page includes it with one line.
 */
export async function PinnedAlerts({ app, viewer, lang }: { app: AppContext; viewer: Viewer | null; lang: Lang }) {
  const alerts = await serializeAlerts(app, await activeAlertsFor(app, viewer));
  if (alerts.length === 0) return null;
  return (
    <section class="pinned-alerts" aria-labelledby="pinned-alerts-title">
      <link rel="stylesheet" href={staticUrl('consultas.css')} />
      <h2 id="pinned-alerts-title" class="section-title">{t(lang, 'alerts.pinned')}</h2>
      {alerts.map((a) => (
        <AlertCard alert={a} lang={lang} />
      ))}
      <p>
        <a href="/alertas">{t(lang, 'alerts.viewAll')}</a>
      </p>
    </section>
  );
}
