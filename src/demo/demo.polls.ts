import type { AppContext } from '../app-context.js';
import { bookmark, pin } from '../posts/bookmarks.service.js';
import { createStatus } from '../posts/statuses.service.js';
import { findPollOfStatus } from '../polls/polls.repository.js';
import { vote } from '../polls/polls.service.js';
import type { DemoViewers } from './demo.seed.js';

/**
 * A running poll by the nurse (pinned to her profile, with a few votes), and a bookmark: so the
 * poll card, the pinned post and `GET /api/v1/bookmarks` have something to show in the demo.
 */
export async function seedDemoPolls(app: AppContext, viewers: DemoViewers): Promise<void> {
  const marta = viewers.get('enf_marta_gil')!;
  const id = await createStatus(app, marta, {
    kind: 'note',
    status: 'Encuesta rápida para la charla del jueves: ¿cuándo os tomáis la tensión en casa? #hipertension',
    visibility: 'public',
    language: 'es',
    poll: { options: ['Al levantarme', 'Por la tarde', 'Mañana y tarde', 'Casi nunca'], expires_in: 7 * 86_400 },
  });
  const poll = (await findPollOfStatus(app.db, id))!;
  const votes: [string, number][] = [
    ['ana_paciente', 0],
    ['luis_m', 2],
    ['carlos_dt1', 3],
  ];
  for (const [name, choice] of votes) await vote(app, viewers.get(name)!, poll.id, [choice]);
  await pin(app, marta, id);
  await bookmark(app, viewers.get('ana_paciente')!, id);
}
