import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { actionEntities } from '../../moderation/moderation-entities.js';
import { findActionsByIds } from '../../moderation/moderation.repository.js';
import { REPORT_OUTCOMES, type ReportOutcome } from '../../moderation/report-outcome.js';
import { toNotificationEntities, type MastodonNotification } from '../../notifications/notification-entity.js';
import { clearNotifications, dismissNotification, listNotifications, markNotificationsRead } from '../../notifications/notifications.repository.js';
import { pendingFollowRequestCount } from '../../relations/follow-requests.service.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { Pagination } from '../components/pagination.js';
import { statusExcerpt, statusPath } from '../components/status-card.js';
import { formFields, idParam, signInRedirect } from '../forms.js';
import { formatDateTime, t, type Lang, type MessageKey } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import { withNotice, moderationHead } from '../moderation/staff.js';

const PAGE = 30;
const MASTODON_TEXT: Record<string, MessageKey> = {
  follow: 'notifications.follow',
  follow_request: 'notifications.followRequest',
  favourite: 'notifications.favourite',
  reblog: 'notifications.reblog',
  mention: 'notifications.mention',
  status: 'notifications.status',
  update: 'notifications.update',
  'admin.report': 'notifications.report',
};

const CONSULTA_TEXT: Record<string, MessageKey> = {
  'medired.consulta_answer': 'notifications.consulta.answer',
  'medired.consulta_accepted': 'notifications.consulta.accepted',
  'medired.consulta_question': 'notifications.consulta.question',
  'medired.consulta_comment': 'notifications.consulta.comment',
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** What a notification says, with the links it needs (the appeal link for moderation decisions). */
function Entry({ n, lang, appealable }: { n: MastodonNotification; lang: Lang; appealable: Set<string> }) {
  const p = n.medired ?? {};
  const reason = str(p.reason);
  let text: string;
  let links: { href: string; label: string }[] = [];
  if (n.type === 'medired.verification') {
    const decision = str(p.decision);
    text = ['approved', 'rejected', 'needs_info', 'revoked'].includes(decision) ? t(lang, `notifications.verification.${decision as 'approved'}`) : t(lang, 'notifications.system');
    links = [{ href: '/settings/verification', label: t(lang, 'notifications.viewRequest') }];
  } else if (n.type === 'medired.moderation') {
    const action = str(p.action);
    text = t(lang, 'notifications.moderation', { action: action ? t(lang, `action.${action as 'warn'}`) : '' });
    const actionId = str(p.moderation_action_id);
    if (actionId && appealable.has(actionId)) links = [{ href: `/appeals/new?action_id=${actionId}`, label: t(lang, 'appeal.link') }];
  } else if (n.type === 'medired.report') {
    const outcome = str(p.outcome);
    text = (REPORT_OUTCOMES as readonly string[]).includes(outcome) ? t(lang, `notifications.reportOutcome.${outcome as ReportOutcome}`) : t(lang, 'notifications.reportOutcome.resolved');
  } else if (n.type.startsWith('medired.consulta_') && CONSULTA_TEXT[n.type]) {
    // Who answered or commented shows as the notice's account (none under a pseudonym).
    text = t(lang, CONSULTA_TEXT[n.type]!);
    const questionId = str(p.question_id);
    const anchor = str(p.comment_id) ? `#c-${str(p.comment_id)}` : str(p.answer_id) ? `#a-${str(p.answer_id)}` : '';
    if (/^\d{1,19}$/.test(questionId)) links = [{ href: `/consultas/${questionId}${anchor}`, label: t(lang, 'notifications.consulta.view') }];
  } else if (n.type === 'medired.appeal') {
    text = t(lang, str(p.decision) === 'approved' ? 'notifications.appeal.approved' : 'notifications.appeal.rejected');
  } else {
    const name = n.account ? n.account.display_name || n.account.username : '';
    text = t(lang, MASTODON_TEXT[n.type] ?? 'notifications.other', { name });
    if (n.type === 'admin.report' && str(p.report_id)) links = [{ href: `/admin/reports/${str(p.report_id)}`, label: t(lang, 'notifications.viewReport') }];
    if (n.type === 'follow_request') links = [{ href: '/follow_requests', label: t(lang, 'notifications.viewFollowRequests') }];
  }
  return (
    <li class={`card notification${n.read ? '' : ' notification-unread'}`} id={`n-${n.id}`}>
      {n.account ? <AccountName account={n.account} lang={lang} avatarSize={32} /> : <strong>{t(lang, 'notifications.system')}</strong>}
      <p>{text}</p>
      {reason ? <p>{t(lang, 'notifications.reason', { reason })}</p> : null}
      {n.status ? (
        <p>
          <a href={statusPath(n.status)}>{statusExcerpt(n.status, 140)}</a>
        </p>
      ) : null}
      <p class="notification-meta">
        <time datetime={n.created_at}>{formatDateTime(lang, n.created_at)}</time>
        {links.map((l) => (
          <>
            {' · '}
            <a href={l.href}>{l.label}</a>
          </>
        ))}
      </p>
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
    if (rows[0]) await markNotificationsRead(app.db, viewer.accountId, rows[0].id);
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
        {noticeFrom(c.req.url) === 'cleared' ? <Flash kind="success">{t(lang, 'notifications.cleared')}</Flash> : null}
        {entities.length === 0 ? (
          <p>{t(lang, 'notifications.empty')}</p>
        ) : (
          <>
            <form method="post" action="/notifications/clear" class="inline-form">
              <CsrfField viewer={viewer} />
              <button type="submit" class="button button-small button-danger">{t(lang, 'notifications.clear')}</button>
            </form>
            <ul class="plain-list">
              {entities.map((n) => (
                <Entry n={n} lang={lang} appealable={appealable} />
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

export const notificationFormRoutes: AnyRoute[] = [clearNotificationsForm, dismissNotificationForm];
