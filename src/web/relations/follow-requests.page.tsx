import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountsByIds } from '../../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../../accounts/accounts.serializer.js';
import type { Viewer } from '../../auth/viewer.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { zId } from '../../http/schemas.js';
import { z } from 'zod';
import { authorizeFollowRequest, listFollowRequests, rejectFollowRequest } from '../../relations/follow-requests.service.js';
import { bioExcerpt } from '../components/account-list.js';
import { AccountName } from '../components/account-name.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { Pagination } from '../components/pagination.js';
import { formFields, signInRedirect } from '../forms.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';

const PATH = '/follow_requests';
const PAGE = 40;
const NOTICES = { accepted: 'followRequests.accepted', rejected: 'followRequests.rejected' } as const;

function RequestItem({ account, lang, viewer }: { account: MastodonAccount; lang: Lang; viewer: Viewer }) {
  const bio = bioExcerpt(account);
  return (
    <li class="card follow-request">
      <AccountName account={account} lang={lang} />
      {bio ? <p class="account-bio">{bio}</p> : null}
      <div class="actions">
        <form method="post" action={`${PATH}/${account.id}/authorize`} class="inline-form">
          <CsrfField viewer={viewer} />
          <button type="submit" class="button button-small">{t(lang, 'followRequests.accept')}</button>
        </form>{' '}
        <form method="post" action={`${PATH}/${account.id}/reject`} class="inline-form">
          <CsrfField viewer={viewer} />
          <button type="submit" class="button button-small button-secondary">{t(lang, 'followRequests.reject')}</button>
        </form>
      </div>
    </li>
  );
}

async function listPage(c: WebContext, app: AppContext) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const maxId = /^\d{1,19}$/.test(c.req.query('max_id') ?? '') ? c.req.query('max_id') : undefined;
  const page = await listFollowRequests(app.db, viewer.accountId, { maxId, limit: PAGE });
  const rows = new Map((await findAccountsByIds(app.db, page.map((p) => p.accountId))).map((r) => [r.id, r]));
  const accounts = page.flatMap((p) => (rows.has(p.accountId) ? [toMastodonAccount(rows.get(p.accountId)!, app.config)] : []));
  const notice = noticeFrom(c.req.url);
  return renderPage(
    c,
    { title: t(lang, 'followRequests.title'), noindex: true, section: 'notifications' },
    <section class="narrow">
      <h1>{t(lang, 'followRequests.title')}</h1>
      {notice === 'accepted' || notice === 'rejected' ? <Flash kind="success">{t(lang, NOTICES[notice])}</Flash> : null}
      <p>{t(lang, 'followRequests.lead')}</p>
      {accounts.length === 0 ? (
        <p class="empty-state">{t(lang, 'followRequests.empty')}</p>
      ) : (
        <ul class="plain-list">
          {accounts.map((a) => (
            <RequestItem account={a} lang={lang} viewer={viewer} />
          ))}
        </ul>
      )}
      <Pagination lang={lang} url={c.req.url} nextMaxId={page.length === PAGE ? page.at(-1)!.cursor : null} />
    </section>,
  );
}

async function answer(c: WebContext, app: AppContext, viewer: Viewer, requesterId: string, decision: 'accepted' | 'rejected') {
  if (decision === 'accepted') await authorizeFollowRequest(app, viewer.accountId, requesterId);
  else await rejectFollowRequest(app.db, viewer.accountId, requesterId);
  return c.redirect(`${PATH}?notice=${decision}`, 303);
}

/** The accept and reject buttons of `/follow_requests`, declared like the API's own routes. */
export const followRequestFormRoutes: AnyRoute[] = (['authorize', 'reject'] as const).map((verb) =>
  defineFormRoute({
    path: `${PATH}/:id{[0-9]{1,19}}/${verb}`,
    summary: verb === 'authorize' ? 'Accept a follow request from the web page' : 'Reject a follow request from the web page',
    auth: 'user',
    scope: 'write:follows',
    params: z.object({ id: zId }),
    body: formFields,
    handler: ({ c, app, viewer, params }) => answer(c, app, viewer, params.id, verb === 'authorize' ? 'accepted' : 'rejected'),
  }),
);

/** `/follow_requests`: a locked account sees who asks to follow it, and accepts or rejects each. */
export function mountFollowRequestPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(PATH, (c) => listPage(c, app));
}
