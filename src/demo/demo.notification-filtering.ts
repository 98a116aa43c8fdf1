import type { AppContext } from '../app-context.js';
import { blockDomain, blockEmailDomain } from '../admin-blocks/admin-blocks.service.js';
import { updatePolicy } from '../notifications/notification-requests.service.js';
import { muteConversation } from '../posts/conversation-mutes.service.js';
import { favourite } from '../posts/interactions.service.js';
import { createStatus } from '../posts/statuses.service.js';
import { saveAccountNote } from '../relations/account-notes.repository.js';
import type { DemoViewers } from './demo.seed.js';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';

/**
 * Mastodon 4.3's notification filtering in the demo: Dra. Lucía Moreno, who receives many
 * notices, sets aside those of people she does not follow, so a patient's question and a favourite
 * wait under her notification requests (`/notifications/requests`); she keeps a private note about
 * the diabetes association; Luis muted one of her threads; and the administrators keep an
 * e-mail domain and a domain blocked.
 */
export async function seedDemoNotificationFiltering(app: AppContext, viewers: DemoViewers): Promise<void> {
  const lucia = viewers.get('dra_lucia_moreno')!;
  // The notices of what came before (follows are announced by jobs) arrive first: the filter
  // holds from now on, as when she switched it on.
  await runDueJobs(app, jobHandlers);
  await updatePolicy(app, lucia, { for_not_following: 'filter' });
  await createStatus(app, viewers.get('carlos_dt1')!, {
    kind: 'note',
    status: '@dra_lucia_moreno Buenas, doctora: desde que tomo metformina me noto la tensión algo más alta por las mañanas. ¿Tiene relación o lo comento con mi médica de familia?',
    visibility: 'public',
    language: 'es',
  });
  const latest = await app.db.selectFrom('statuses').select('id').where('account_id', '=', lucia.accountId).where('reblog_of_id', 'is', null).where('visibility', '=', 'public').orderBy('id', 'desc').limit(1).executeTakeFirst();
  if (latest) await muteConversation(app, viewers.get('luis_m')!, latest.id);
  const reminder = await createStatus(app, lucia, {
    kind: 'note',
    status: 'Recordatorio para quien empieza a medirse la tensión en casa: sentado, tras cinco minutos de reposo, dos tomas separadas un minuto y apunta la media. #hipertension',
    visibility: 'public',
    language: 'es',
  });
  await favourite(app, viewers.get('sofia_r')!, reminder);
  await saveAccountNote(app.db, lucia.accountId, viewers.get('asoc_diabetes')!.accountId, 'Charla conjunta sobre hipertensión y diabetes en enero: contacto con la junta directiva.');

  const admin = viewers.get('equipo_medired')!;
  await blockEmailDomain(app, admin, 'correo-desechable.example');
  await blockDomain(app, admin, 'remedios-milagro.example', { severity: 'suspend', public_comment: 'Publicidad de productos milagro y desinformación sanitaria' });
}
