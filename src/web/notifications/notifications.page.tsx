import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { actionEntities } from '../../moderation/moderation-entities.js';
import { findActionsByIds } from '../../moderation/moderation.repository.js';
import type { ModerationActionType } from '../../moderation/moderation.table.js';
import { toNotificationEntities, type MastodonNotification } from '../../notifications/notification-entity.js';
import { clearNotifications, dismissNotification, listNotifications } from '../../notifications/notifications.repository.js';
import { markNotificationsReadUpTo } from '../../notifications/read-position.js';
import { requestSummary } from '../../notifications/notification-policy.repository.js';
import { pendingFollowRequestCount } from '../../relations/follow-requests.service.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { Icon } from '../components/icons.js';
import { Pagination } from '../components/pagination.js';
import { statusExcerpt, statusPath } from '../components/status-card.js';
import { formFields, idParam, signInRedirect } from '../forms.js';
import { formatDateTime, t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import { withNotice, moderationHead } from '../moderation/staff.js';
import { kindOf, type KindContext } from './notification-kinds.js';

const PAGE = 30;
const MODERATION_ACTIONS: readonly ModerationActionType[] = ['dismiss', 'hide', 'label', 'remove', 'sensitive', 'warn', 'limit', 'suspend', 'unlimit', 'unsuspend'];

/** One notification as a sentence (`notification-kinds.ts`), linked to what happened. */
function Entry({ n, lang, ctx }: { n: MastodonNotification; lang: Lang; ctx: KindContext }) {
  const kind = kindOf(n.type);
  const action = MODERATION_ACTIONS.includes(n.medired?.action as ModerationActionType) ? t(lang, `action.${n.medired!.action as ModerationActionType}`) : '';
  const text = t(lang, kind.text(n), { name: n.account ? n.account.display_name || n.account.username : '', action, group: typeof n.medired?.group_name === 'string' ? n.medired.group_name : '', pseudonym: typeof n.medired?.pseudonym === 'string' ? n.medired.pseudonym : '' });
  const href = kind.href(n, ctx);
  const reason = typeof n.medired?.reason === 'string' ? n.medired.reason : '';
  return (
    <li class={`card notification${n.read ? '' : ' notification-unread'}`} id={`n-${n.id}`} data-type={n.type}>
      <span class="notification-icon">
        <Icon name={kind.icon} />
      </span>
      <div class="notification-body">
        {n.account ? <AccountName account={n.account} lang={lang} avatarSize={32} /> : <strong>{t(lang, 'notifications.system')}</strong>}
        <p class="notification-text">
          {n.read ? null : <span class="notification-unread-label">{t(lang, 'notifications.unread')}</span>}
          {href ? <a href={href}>{text}</a> : text}
        </p>
        {reason ? <p>{t(lang, 'notifications.reason', { reason })}</p> : null}
        {n.status ? (
          <p class="notification-excerpt">
            <a href={statusPath(n.status)}>{statusExcerpt(n.status, 140)}</a>
          </p>
        ) : null}
        <p class="notification-meta">
          <time datetime={n.created_at}>{formatDateTime(lang, n.created_at)}</time>
        </p>
      </div>
    </li>
  );
}

/** The notifications page: one's own notifications, decisions with their reasons and appeal links. */
export function mountNotificationPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/notifications', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) return signInRedirect(c);
    const lang = c.get('lang');
    const maxId = /^\d{1,19}$/.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
    const rows = await listNotifications(app.db, viewer.accountId, { maxId, limit: PAGE });
    const entities = await toNotificationEntities(app, rows, viewer);
    const actionIds = entities.flatMap((n) => (n.type === 'medired.moderation' && typeof n.medired?.moderation_action_id === 'string' ? [n.medired.moderation_action_id] : []));
    const actions = await findActionsByIds(app.db, actionIds, { targetAccountId: viewer.accountId });
    const appealable = new Set((await actionEntities(app.db, actions)).filter((a) => a.appealable).map((a) => a.id));
    const followRequests = await pendingFollowRequestCount(app.db, viewer.accountId);
    const filtered = await requestSummary(app.db, viewer.accountId, 100);
    // Opening the page marks nothing read: the reader says so with "Mark all as read".
    const anyUnread = entities.some((n) => !n.read);
    const notice = noticeFrom(c.req.url);
    return renderPage(
      c,
      { title: t(lang, 'notifications.title'), noindex: true, head: moderationHead, section: 'notifications' },
      <section class="narrow">
        <h1>{t(lang, 'notifications.title')}</h1>
        {followRequests > 0 ? (
          <p class="follow-requests-link">
            <a href="/follow_requests">{t(lang, 'followRequests.pendingLink', { count: followRequests })}</a>
          </p>
        ) : null}
        {filtered.requests > 0 ? (
          <p class="follow-requests-link notification-requests-link">
            <a href="/notifications/requests">{t(lang, 'notificationRequests.link', { count: filtered.requests })}</a>
          </p>
        ) : null}
        {notice === 'cleared' ? <Flash kind="success">{t(lang, 'notifications.cleared')}</Flash> : null}
        {notice === 'read' ? <Flash kind="success">{t(lang, 'notifications.markedRead')}</Flash> : null}
        <p class="notification-hint">
          {t(lang, 'notifications.readHint')} <a href="/settings/notifications">{t(lang, 'notifications.preferencesLink')}</a>
        </p>
        {entities.length === 0 ? (
          <p>{t(lang, 'notifications.empty')}</p>
        ) : (
          <>
            <div class="notification-actions">
              {anyUnread ? (
                <form method="post" action="/notifications/read" class="inline-form">
                  <CsrfField viewer={viewer} />
                  <button type="submit" class="button button-small">{t(lang, 'notifications.markAllRead')}</button>
                </form>
              ) : null}
              <form method="post" action="/notifications/clear" class="inline-form">
                <CsrfField viewer={viewer} />
                <button type="submit" class="button button-small button-danger">{t(lang, 'notifications.clear')}</button>
              </form>
            </div>
            <ul class="plain-list">
              {entities.map((n) => (
                <Entry n={n} lang={lang} ctx={{ appealable }} />
              ))}
            </ul>
          </>
        )}
        <Pagination lang={lang} url={c.req.url} nextMaxId={rows.length === PAGE ? rows[rows.length - 1]!.id : null} />
      </section>,
    );
  });
}

/** Dismiss one notification */
const dismissNotificationForm = defineFormRoute({
  path: '/notifications/:id{[0-9]{1,19}}/dismiss',
  summary: 'Dismiss one notification',
  auth: 'user',
  scope: 'write:notifications',
  params: idParam,
  body: formFields,
  handler: async ({ c, app, viewer, params }) => {
    await dismissNotification(app.db, viewer.accountId, params.id);
    return c.redirect('/notifications', 303);
  },
});

/** Clear all your notifications */
const clearNotificationsForm = defineFormRoute({
  path: '/notifications/clear',
  summary: 'Clear all your notifications',
  auth: 'user',
  scope: 'write:notifications',
  body: formFields,
  handler: async ({ c, app, viewer }) => {
    await clearNotifications(app.db, viewer.accountId);
    return c.redirect(withNotice('/notifications', 'cleared'), 303);
  },
});

/** Mark all your notifications as read (and the notifications marker with them) */
const markAllReadForm = defineFormRoute({
  path: '/notifications/read',
  summary: 'Mark all your notifications as read',
  auth: 'user',
  scope: 'write:notifications',
  body: formFields,
  handler: async ({ c, app, viewer }) => {
    await markNotificationsReadUpTo(app.db, viewer.accountId);
    return c.redirect(withNotice('/notifications', 'read'), 303);
  },
});

export const notificationFormRoutes: AnyRoute[] = [clearNotificationsForm, dismissNotificationForm, markAllReadForm];
