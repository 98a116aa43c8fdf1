import { setDigestEnabled } from '../../notifications/digest.repository.js';
import { defineFormRoute, type AnyRoute } from '../../http/route.js';
import type { AppContext } from '../../app-context.js';
import type { Viewer } from '../../auth/viewer.js';
import { CsrfField } from '../layout.js';
import { t, type Lang } from '../i18n/i18n.js';
import { formFields } from '../forms.js';

const PATH = '/settings/email_digest';

export { findDigestEnabled } from '../../notifications/digest.repository.js';

/** The "daily e-mail digest" setting, shown on the settings page (off by default). */
export function EmailDigestSetting(props: { app: AppContext; lang: Lang; viewer: Viewer; enabled: boolean }) {
  const { lang, enabled } = props;
  return (
    <form method="post" action={PATH} class="card">
      <CsrfField viewer={props.viewer} />
      <fieldset>
        <legend>{t(lang, 'mail.digest.setting')}</legend>
        <p class="hint">{t(lang, 'mail.digest.settingHint')}</p>
        {props.app.mailer.enabled ? null : <p class="hint">{t(lang, 'mail.digest.settingNoMail')}</p>}
        <label>
          <input type="checkbox" name="digest" value="on" checked={enabled} /> {t(lang, 'mail.digest.setting')}
        </label>
      </fieldset>
      <div class="actions">
        <button type="submit" class="button">{t(lang, 'common.save')}</button>
      </div>
    </form>
  );
}

/** `POST /settings/email_digest`: turns the daily digest on (checkbox ticked) or off. */
const saveDigest = defineFormRoute({
  path: PATH,
  summary: 'Turn the daily e-mail digest on or off',
  auth: 'user',
  scope: 'write:accounts',
  body: formFields,
  handler: async ({ c, app, viewer, body }) => {
    await setDigestEnabled(app.db, viewer.userId, body.digest === 'on' || body.digest === 'true');
    return c.redirect('/settings/profile?notice=saved', 303);
  },
});

export const emailDigestFormRoutes: AnyRoute[] = [saveDigest];
