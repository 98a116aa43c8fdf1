import type { AppContext } from '../app-context.js';
import { publishAnnouncement } from '../announcements/announcements.service.js';
import type { DemoViewers } from './demo.seed.js';

/** One announcement of the demo world's administration (equipo_medired), shown as the banner and to Mastodon apps. */
export async function seedDemoAnnouncements(app: AppContext, viewers: DemoViewers): Promise<void> {
  const admin = viewers.get('equipo_medired');
  if (!admin) return;
  await publishAnnouncement(app, admin.accountId, {
    text: 'Te damos la bienvenida a Medired. Ya puedes recibir avisos en el móvil desde tu app de Mastodon.\n\nRecuerda: lo que se publica aquí orienta, pero no sustituye a una consulta.',
    published: true,
    all_day: false,
    starts_at: null,
    ends_at: null,
  });
}
