import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { findAccountById } from '../../accounts/accounts.repository.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import { STAFF_GROUPS, SWITCHABLE_GROUPS, type NotificationGroup, type SwitchableGroup } from '../../notifications/notification-groups.js';
import { notificationPreferences, saveNotificationPreferences } from '../../notifications/notification-preferences.repository.js';
import { Flash, noticeFrom } from '../components/flash.js';
import { SettingsNav } from '../components/settings-nav.js';
import { formFields } from '../forms.js';
import { t, type Lang } from '../i18n/i18n.js';
import { CsrfField, renderPage } from '../layout.js';
import type { WebContext } from '../web-context.js';
import { moderationHead } from '../moderation/staff.js';
import { z } from 'zod';
import { POLICY_FIELDS, type Policy, type PolicyField } from '../../notifications/notification-filtering.js';
import type { PolicyAnswer } from '../../notifications/notification-policy.table.js';
import { policyOf, updatePolicy } from '../../notifications/notification-requests.service.js';

const PATH = '/settings/notifications';

/** The groups this person may switch: staff groups only for staff. */
function groupsFor(viewer: Viewer): SwitchableGroup[] {
  return SWITCHABLE_GROUPS.filter((g) => viewer.staffRole !== 'user' || !STAFF_GROUPS.includes(g));
}

function PreferencesForm({ lang, viewer, prefs }: { lang: Lang; viewer: Viewer; prefs: Record<NotificationGroup, boolean> }) {
  return (
    <form method="post" action={PATH} class="card stack-form notification-prefs">
      <CsrfField viewer={viewer} />
      <fieldset>
        <legend>{t(lang, 'settings.notifications')}</legend>
        {groupsFor(viewer).map((g) => (
          <label class="confirm-check">
            <input type="checkbox" name="on[]" value={g} checked={prefs[g]} />
            <span>{t(lang, `notificationPrefs.group.${g}`)}</span>
          </label>
        ))}
      </fieldset>
      <button type="submit" class="button">{t(lang, 'common.save')}</button>
    </form>
  );
}

const ANSWERS: readonly PolicyAnswer[] = ['accept', 'filter', 'drop'];

/** Mastodon 4.3's filtering policy: one choice per kind of sender. */
function PolicyForm({ lang, viewer, policy }: { lang: Lang; viewer: Viewer; policy: Policy }) {
  return (
    <form method="post" action={`${PATH}/policy`} class="card stack-form notification-policy" id="policy">
      <CsrfField viewer={viewer} />
      <fieldset>
        <legend>{t(lang, 'notificationPolicy.title')}</legend>
        <p>{t(lang, 'notificationPolicy.lead')}</p>
        {POLICY_FIELDS.map((field) => (
          <label class="field">
            <span>{t(lang, `notificationPolicy.${field}`)}</span>
            <select name={field}>
              {ANSWERS.map((a) => (
                <option value={a} selected={policy[field] === a}>
                  {t(lang, `notificationPolicy.${a}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </fieldset>
      <button type="submit" class="button">{t(lang, 'common.save')}</button>
    </form>
  );
}

async function render(c: WebContext, app: AppContext, viewer: Viewer) {
  const lang = c.get('lang');
  const [prefs, account, policy] = await Promise.all([notificationPreferences(app.db, viewer.accountId), findAccountById(app.db, viewer.accountId), policyOf(app, viewer)]);
  return renderPage(
    c,
    { title: t(lang, 'settings.notifications'), noindex: true, section: 'settings', head: moderationHead },
    <section class="settings-page">
      <header class="page-header">
        <h1>{t(lang, 'settings.title')}</h1>
      </header>
      <SettingsNav lang={lang} current="notifications" showVerification={account?.kind !== 'patient'} />
      {noticeFrom(c.req.url) === 'saved' ? <Flash kind="success">{t(lang, 'notificationPrefs.saved')}</Flash> : null}
      {noticeFrom(c.req.url) === 'policy' ? <Flash kind="success">{t(lang, 'notificationPolicy.saved')}</Flash> : null}
      <p>{t(lang, 'notificationPrefs.lead')}</p>
      <PreferencesForm lang={lang} viewer={viewer} prefs={prefs} />
      <PolicyForm lang={lang} viewer={viewer} policy={policy} />
      <section class="card" aria-labelledby="always-on">
        <h2 id="always-on">{t(lang, 'notificationPrefs.alwaysOnTitle')}</h2>
        <p>{t(lang, 'notificationPrefs.alwaysOn')}</p>
      </section>
    </section>,
  );
}

/** `/settings/notifications`: which groups of notifications the signed-in person receives. */
export function mountNotificationSettingsPage(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(PATH, async (c) => {
    const viewer = c.get('viewer');
    if (!viewer || viewer.mfaPending) throw new AppError('unauthorized', 'This page needs you to be signed in');
    return render(c, app, viewer);
  });
}

/**
 * Saves the switches: every group the page shows is on when ticked, off otherwise. Anything
 * else posted (the always-on group, unknown names) is ignored by the repository.
 */
const savePreferences = defineFormRoute({
  path: PATH,
  summary: 'Choose which groups of notifications you receive',
  auth: 'user',
  scope: 'write:notifications',
  body: formFields,
  handler: async ({ c, app, viewer, body }) => {
    const ticked = new Set((Array.isArray(body.on) ? body.on : [body.on]).filter((v): v is string => typeof v === 'string'));
    const prefs = Object.fromEntries(groupsFor(viewer).map((g) => [g, ticked.has(g)]));
    await saveNotificationPreferences(app.db, viewer.accountId, prefs);
    return c.redirect(`${PATH}?notice=saved`, 303);
  },
});

/** Saves the filtering policy: each field accept, filter or drop (anything else is refused). */
const savePolicy = defineFormRoute({
  path: `${PATH}/policy`,
  summary: 'Choose what happens to notifications from each kind of stranger (accept, set aside, ignore)',
  auth: 'user',
  scope: 'write:notifications',
  body: z.object(Object.fromEntries(POLICY_FIELDS.map((f) => [f, z.enum(['accept', 'filter', 'drop']).optional()])) as Record<PolicyField, z.ZodOptional<z.ZodEnum<{ accept: 'accept'; filter: 'filter'; drop: 'drop' }>>>),
  handler: async ({ c, app, viewer, body }) => {
    await updatePolicy(app, viewer, body);
    return c.redirect(`${PATH}?notice=policy#policy`, 303);
  },
});

export const notificationSettingsFormRoutes: AnyRoute[] = [savePreferences, savePolicy];
