import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { readableAuditActions } from '../../audit/audit-actions.js';
import { listAudit } from '../../audit/audit-log.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { Pagination } from '../components/pagination.js';
import { signInRedirect } from '../forms.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import { AdminNav, assertStaff, moderationHead } from './staff.js';

const PAGE = 50;
const ID = /^\d{1,19}$/;

/** The audit log for staff (moderators read its moderation part, admins all of it): filters by action, actor and affected account; keyset pages. */
export function mountAuditLogPage(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/admin/audit_log', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return signInRedirect(c);
    assertStaff(viewer, 'moderator');
    const lang = c.get('lang');
    const q = c.req.query();
    const action = /^[a-z_]+(\.[a-z_]*)?$/.test(q.action ?? '') ? q.action : undefined;
    const actor = ID.test(q.actor_account_id ?? '') ? q.actor_account_id : undefined;
    const target = ID.test(q.target_account_id ?? '') ? q.target_account_id : undefined;
    const maxId = ID.test(q.max_id ?? '') ? q.max_id : undefined;
    const readable = readableAuditActions(viewer.staffRole === 'admin' ? 'admin' : 'moderator');
    const rows = await listAudit(app.db, { readable, action, actorAccountId: actor, targetAccountId: target, maxId, limit: PAGE });
    return renderPage(
      c,
      { title: t(lang, 'audit.title'), noindex: true, head: moderationHead },
      <section class="settings-page">
        <h1>{t(lang, 'audit.title')}</h1>
        <AdminNav lang={lang} viewer={viewer} current="audit" />
        <p>{t(lang, 'audit.lead')}</p>
        <form method="get" action="/admin/audit_log" class="stack-form card">
          <label for="f-action">{t(lang, 'audit.filterAction')}</label>
          <input id="f-action" name="action" value={action ?? ''} maxlength={60} />
          <label for="f-actor">{t(lang, 'audit.filterActor')}</label>
          <input id="f-actor" name="actor_account_id" value={actor ?? ''} inputmode="numeric" maxlength={19} />
          <label for="f-target">{t(lang, 'audit.filterTarget')}</label>
          <input id="f-target" name="target_account_id" value={target ?? ''} inputmode="numeric" maxlength={19} />
          <p class="actions">
            <button type="submit" class="button button-small">{t(lang, 'admin.filter')}</button>
          </p>
        </form>
        <div class="table-wrap">
          <table class="data-table">
            <thead>
              <tr>
                <th scope="col">{t(lang, 'audit.when')}</th>
                <th scope="col">{t(lang, 'audit.action')}</th>
                <th scope="col">{t(lang, 'audit.actor')}</th>
                <th scope="col">{t(lang, 'audit.target')}</th>
                <th scope="col">{t(lang, 'audit.targetAccount')}</th>
                <th scope="col">{t(lang, 'audit.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>
                    <time datetime={r.created_at.toISOString()}>{formatDateTime(lang, r.created_at)}</time>
                  </td>
                  <td>
                    <code>{r.action}</code>
                  </td>
                  <td>{r.actor_account_id ?? '—'}</td>
                  <td>
                    {r.target_type} {r.target_id ? `#${r.target_id}` : ''}
                  </td>
                  <td>{r.target_account_id ?? '—'}</td>
                  <td>{r.reason ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 ? <p>{t(lang, 'admin.empty')}</p> : null}
        <Pagination lang={lang} url={c.req.url} nextMaxId={rows.length === PAGE ? rows[rows.length - 1]!.id : null} />
      </section>,
    );
  });
}
