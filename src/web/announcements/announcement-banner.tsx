import { raw } from 'hono/html';
import { dismissAnnouncement, type AnnouncementEntity } from '../../announcements/announcements.service.js';
import type { Viewer } from '../../auth/viewer.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { formFields, idParam, safeReturnPath } from '../forms.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField } from '../layout.js';

/**
 * The administrators' announcements a signed-in person has not dismissed, above every page; each
 * has a "dismiss" button (the same read state as Mastodon apps' `POST /api/v1/announcements/:id/dismiss`).
 */
export function AnnouncementBanner(props: { lang: Lang; viewer: Viewer; items: AnnouncementEntity[]; returnTo: string }) {
  if (props.items.length === 0) return null;
  return (
    <aside class="announcements" aria-label={t(props.lang, 'announcements.title')}>
      {props.items.map((a) => (
        <div class="announcement" id={`announcement-${a.id}`}>
          <div class="announcement-content">{raw(a.content)}</div>
          <form method="post" action={`/announcements/${a.id}/dismiss`} class="inline-form">
            <CsrfField viewer={props.viewer} />
            <input type="hidden" name="return_to" value={props.returnTo} />
            <button type="submit" class="button button-small button-secondary" aria-label={t(props.lang, 'announcements.dismissLabel')}>
              {t(props.lang, 'announcements.dismiss')}
            </button>
          </form>
        </div>
      ))}
    </aside>
  );
}

/** `POST /announcements/:id/dismiss`: marks it read, then back to the page it was dismissed on. */
const dismissForm = defineFormRoute({
  path: '/announcements/:id{[0-9]{1,19}}/dismiss',
  summary: 'Dismiss an announcement (web)',
  auth: 'user',
  scope: 'write:accounts',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params, body }) => {
    await dismissAnnouncement(app, viewer.accountId, params.id);
    return c.redirect(safeReturnPath(body.return_to, '/'), 303);
  },
});

export const announcementFormRoutes: AnyRoute[] = [dismissForm];
