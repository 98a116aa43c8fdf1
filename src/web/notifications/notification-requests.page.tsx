import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { acceptRequests, dismissRequests, pendingRequest, pendingRequests, toRequestEntities } from '../../notifications/notification-requests.service.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { Pagination } from '../components/pagination.js';
import { statusExcerpt, statusPath } from '../components/status-card.js';
import { formFields, pathParams, signInRedirect } from '../forms.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import { moderationHead, withNotice } from '../moderation/staff.js';

const PAGE = 20;
const PATH = '/notifications/requests';

/**
 * `/notifications/requests`: the senders whose notices the person's filter set aside (Mastodon
 * 4.3's notification requests), each with what it holds and the two answers, as the API has them.
 */
export function mountNotificationRequestPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(PATH, async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    const maxId = /^\d{1,19}$/.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
    const rows = await pendingRequests(app, viewer, { maxId, limit: PAGE });
    const requests = await toRequestEntities(app, viewer, rows);
    const notice = noticeFrom(c.req.url);
    return renderPage(
      c,
      { title: t(lang, 'notificationRequests.title'), noindex: true, head: moderationHead, section: 'notifications' },
      <section class="narrow">
        <h1>{t(lang, 'notificationRequests.title')}</h1>
        {notice === 'accepted' ? <Flash kind="success">{t(lang, 'notificationRequests.accepted')}</Flash> : null}
        {notice === 'dismissed' ? <Flash kind="success">{t(lang, 'notificationRequests.dismissed')}</Flash> : null}
        <p>
          {t(lang, 'notificationRequests.lead')} <a href="/settings/notifications#policy">{t(lang, 'notificationPolicy.title')}</a>
        </p>
        {requests.length === 0 ? <p>{t(lang, 'notificationRequests.empty')}</p> : null}
        <ul class="plain-list">
          {requests.map((r) => (
            <li class="card notification" id={`request-${r.id}`}>
              <div class="notification-body">
                <AccountName account={r.account} lang={lang} avatarSize={32} />
                <p class="notification-text">{t(lang, 'notificationRequests.count', { count: r.notifications_count })}</p>
                {r.last_status ? (
                  <p class="notification-excerpt">
                    <a href={statusPath(r.last_status)}>{statusExcerpt(r.last_status, 140)}</a>
                  </p>
                ) : null}
                <p class="notification-meta">
                  <time datetime={r.updated_at}>{formatDateTime(lang, r.updated_at)}</time>
                </p>
                <div class="notification-actions">
                  <form method="post" action={`${PATH}/${r.id}/accept`} class="inline-form">
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="button button-small">{t(lang, 'notificationRequests.accept')}</button>
                  </form>
                  <form method="post" action={`${PATH}/${r.id}/dismiss`} class="inline-form">
                    <CsrfField viewer={viewer} />
                    <button type="submit" class="button button-small button-danger">{t(lang, 'notificationRequests.dismiss')}</button>
                  </form>
                </div>
              </div>
            </li>
          ))}
        </ul>
        <Pagination lang={lang} url={c.req.url} nextMaxId={rows.length === PAGE ? rows[rows.length - 1]!.id : null} />
      </section>,
    );
  });
}

/** Accept or dismiss one of your notification requests (someone else's is not found). */
const answerRequest = defineFormRoute({
  path: `${PATH}/:id{[0-9]{1,19}}/:decision{accept|dismiss}`,
  summary: 'Accept or dismiss one of your notification requests',
  auth: 'user',
  scope: 'write:notifications',
  params: pathParams('id', 'decision'),
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    const row = await pendingRequest(app, viewer, params.id);
    const accept = params.decision === 'accept';
    await (accept ? acceptRequests : dismissRequests)(app, viewer, [row.id]);
    return c.redirect(withNotice(PATH, accept ? 'accepted' : 'dismissed'), 303);
  },
});

export const notificationRequestFormRoutes: AnyRoute[] = [answerRequest];
