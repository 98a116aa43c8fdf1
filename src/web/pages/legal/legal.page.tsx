import type { Hono } from 'hono';
import { raw } from 'hono/html';
import type { AppContext } from '../../../app-context.js';
import type { HonoEnv } from '../../../http/hono-env.js';
import { LEGAL_TEXTS_DATE, privacyPolicy, termsOfService } from '../../../instance/legal-texts.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { renderPage } from '../../layout.js';

/**
 * `/privacy-policy` and `/terms-of-service`: the texts Mastodon's API also serves
 * (`/api/v1/instance/privacy_policy`, `terms_of_service`), in the reader's language.
 */
export function mountLegalPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/privacy-policy', async (c) => {
    const lang = c.get('lang');
    const text = privacyPolicy(app, lang);
    return renderPage(
      c,
      { title: t(lang, 'legal.privacyTitle') },
      <section class="narrow legal-text">
        <h1>{t(lang, 'legal.privacyTitle')}</h1>
        <p class="notification-meta">{t(lang, 'legal.updated', { date: formatDate(lang, LEGAL_TEXTS_DATE) })}</p>
        {raw(text.content)}
      </section>,
    );
  });
  hono.get('/terms-of-service', async (c) => {
    const lang = c.get('lang');
    const text = await termsOfService(app, lang);
    return renderPage(
      c,
      { title: t(lang, 'legal.termsTitle') },
      <section class="narrow legal-text">
        <h1>{t(lang, 'legal.termsTitle')}</h1>
        <p class="notification-meta">{t(lang, 'legal.inForce', { date: formatDate(lang, text.effective_date) })}</p>
        {raw(text.content)}
      </section>,
    );
  });
}
