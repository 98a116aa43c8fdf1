import type { Viewer } from '../../auth/viewer.js';
import { t, type Lang } from '../i18n/i18n.js';
import { staticUrl } from '../static.js';

/**
 * Live updates of the web interface (`static/live.js`): one EventSource on the signed-in user's
 * stream (`/api/v1/streaming/user`, the session cookie from this origin). Pages work without it:
 * the banner is hidden until the script shows it and its link is a plain reload.
 */

/** The script, for signed-in pages only (anonymous visitors have no stream). */
export function LiveScript({ viewer }: { viewer: Viewer | null }) {
  if (!viewer || viewer.mfaPending || viewer.suspended) return null;
  return <script src={staticUrl('live.js')} defer></script>;
}

/**
 * "New posts — show" above a timeline: shown by the script when an `update` that belongs to
 * this timeline arrives (`home`: any; `local`: public original posts; `tag:<name>`: posts with
 * that tag). Only on the first page, where the new posts would appear.
 */
export function NewPostsBanner({ lang, timeline, href }: { lang: Lang; timeline: string; href: string }) {
  return (
    <p class="live-banner" data-live-timeline={timeline} role="status" hidden>
      {t(lang, 'live.newPosts')} — <a href={href}>{t(lang, 'live.show')}</a>
    </p>
  );
}

