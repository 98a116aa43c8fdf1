import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import { insertAccount, insertUser } from '../accounts/accounts.repository.js';
import { hashPassword } from '../accounts/passwords.js';
import { addDays, dayOf } from '../analytics/analytics-range.js';
import { addItemViews, snapshotFollowers } from '../analytics/analytics.repository.js';
import { insertFollow } from '../relations/relations.repository.js';
import { createStatus } from '../posts/statuses.service.js';
import { DEMO_PASSWORD } from './demo.accounts.js';
import type { DemoViewers } from './demo.seed.js';

/**
 * The statistics of the demo world (src/analytics/): three months of history for the cardiologist
 * Lucía Moreno and the Clínica San Vicente, so their dashboards (/estadisticas) show believable
 * curves. Followers must be real accounts (the chart ends at the live count), so a crowd of
 * quiet readers (patients who read and like, never post) follows them over 90 days, a few
 * leave again; older posts and articles are spread over the quarter with daily views that peak
 * on publication and fade, fewer at weekends, and favourites from readers at a few per cent of
 * the views. Everything is written as the running app would have written it: follower events
 * and snapshots, view counts per day, favourites with their dates. Deterministic (seeded).
 */

/** Days of history the dashboards show (the 90-day preset). */
const WINDOW = 90;
/** The statistics "started" this long ago, so the quarter before the window has data too. */
const STARTED_DAYS_AGO = 120;

/** A small deterministic pseudo-random generator (mulberry32), so every demo world is the same. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['María', 'Carmen', 'Lucía', 'Paula', 'Elena', 'Marta', 'Sara', 'Laura', 'Irene', 'Rocío', 'Nuria', 'Alba', 'Beatriz', 'Cristina', 'Inés', 'Julia', 'Pilar', 'Teresa', 'Javier', 'Antonio', 'Manuel', 'David', 'Pedro', 'Jorge', 'Álvaro', 'Sergio', 'Rubén', 'Miguel', 'Fernando', 'Raúl', 'Diego', 'Adrián', 'Iván', 'Óscar', 'Tomás'];
const LAST = 'ABCDEFGHJLMNOPRSTVZ';
const CITIES = ['Madrid', 'Madrid', 'Madrid', 'Alcalá de Henares', 'Getafe', 'Móstoles', 'Toledo', 'Guadalajara', 'Segovia', 'Valencia', 'Sevilla', 'Zaragoza'];
/** How many quiet readers the demo world has. */
export const DEMO_READERS = 70;

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

/** Creates the quiet readers (one password hash for all of them: the demo password). */
async function createReaders(app: AppContext): Promise<string[]> {
  const rnd = random(11);
  const hash = await hashPassword(DEMO_PASSWORD);
  const ids: string[] = [];
  await app.db.transaction().execute(async (trx) => {
    for (let i = 0; i < DEMO_READERS; i++) {
      const first = FIRST[i % FIRST.length]!;
      const last = LAST[Math.floor(rnd() * LAST.length)]!;
      const username = `${ascii(first)}_${last.toLowerCase()}${10 + i}`;
      const account = await insertAccount(trx, { username, display_name: `${first} ${last}.`, kind: 'patient', city: CITIES[Math.floor(rnd() * CITIES.length)]!, country: 'ES', fields: '[]' });
      await insertUser(trx, { account_id: account.id, email: `${username}@demo.medired.invalid`, password_hash: hash, locale: 'es' });
      ids.push(account.id);
    }
  });
  return ids;
}

interface DemoItem {
  /** Days before today it was published (window day = WINDOW - 1 - daysAgo). */
  daysAgo: number;
  text?: string;
  title?: string;
  body?: string;
}

/** Older posts and articles of the two accounts, spread over the quarter (newest last). */
const HISTORY: Record<'dra_lucia_moreno' | 'clinica_sanvicente', DemoItem[]> = {
  dra_lucia_moreno: [
    { daysAgo: 86, text: 'Vuelta de vacaciones: buen momento para retomar el ejercicio. 150 minutos a la semana de actividad moderada (caminar rápido cuenta) reducen el riesgo cardiovascular de forma clara. #cardiología' },
    { daysAgo: 80, text: '¿Dolor en el pecho que aparece al esfuerzo y cede en reposo? No lo dejes pasar: consúltalo. Si es intenso, dura más de 20 minutos o se acompaña de sudor frío, llama al 112. #cardiología' },
    { daysAgo: 74, title: 'Hipertensión: por qué la llamamos «asesina silenciosa»', body: 'La tensión alta casi nunca duele. Por eso una de cada tres personas que la tienen no lo sabe.\n\n## Qué hace la tensión alta\n\nCon los años, la presión elevada daña las arterias del corazón, del cerebro y de los riñones. Es la primera causa evitable de ictus.\n\n## Cómo saber si la tienes\n\nMídetela: en la farmacia, en tu centro de salud o en casa con un aparato validado de brazo. Cifras repetidas de 140/90 o más en consulta (135/85 en casa) merecen una revisión.\n\n## Qué funciona\n\n- Menos sal (y menos ultraprocesados, que la esconden).\n- Moverse a diario.\n- Perder algo de peso si sobra.\n- Tomar la medicación tal y como está pautada, también cuando «ya estás bien».\n\nAnte cualquier duda, tu médico de familia es el primer paso.' },
    { daysAgo: 67, text: 'Pregunta frecuente en consulta: ¿el café sube la tensión? Un poco y de forma pasajera. En personas sanas, 2-3 tazas al día no se asocian a más enfermedad cardiovascular. #hipertensión' },
    { daysAgo: 61, text: 'Las palpitaciones son muy frecuentes y casi siempre benignas. Anota cuándo aparecen, cuánto duran y si se acompañan de mareo: esa información ayuda mucho en la consulta. #cardiología' },
    { daysAgo: 55, text: 'Hoy, Día Mundial del Corazón ❤️ Tres gestos: no fumar, moverse cada día y conocer tus cifras de tensión y colesterol. #DíaMundialDelCorazón' },
    { daysAgo: 48, title: 'Colesterol: lo que de verdad importa de tu analítica', body: 'El informe de la analítica trae varias cifras de colesterol. Estas son las que miramos.\n\n## LDL, el que cuenta\n\nEl colesterol LDL es el que se deposita en las arterias. El objetivo depende de tu riesgo: no es lo mismo una persona sana de 40 años que alguien que ya ha tenido un infarto.\n\n## HDL y triglicéridos\n\nEl HDL alto protege algo, pero no compensa un LDL alto. Los triglicéridos suben con el alcohol, los azúcares y el exceso de peso.\n\n## Y ahora qué\n\nLa alimentación mediterránea y el ejercicio bajan el LDL entre un 10 y un 20 %. Si tu riesgo es alto, las estatinas han demostrado salvar vidas: coméntalo con tu médico.' },
    { daysAgo: 41, text: 'Mito: «si tengo la tensión bien controlada puedo dejar la pastilla». No: está controlada precisamente gracias a la pastilla. Cualquier cambio, siempre con tu médico. #hipertensión' },
    { daysAgo: 33, text: 'El frío aprieta y con él suben los ingresos por problemas cardíacos. Abrígate, evita esfuerzos bruscos al salir a la calle temprano y no dejes tu medicación. #cardiología' },
    { daysAgo: 25, title: 'Ejercicio después de un infarto: cuándo, cuánto y cómo', body: 'Tras un infarto, moverse es parte del tratamiento.\n\n## Los primeros días\n\nPaseos cortos y frecuentes, aumentando poco a poco. La rehabilitación cardíaca, si tu hospital la ofrece, es la mejor manera de empezar.\n\n## Las señales para parar\n\nDolor en el pecho, falta de aire desproporcionada, mareo o palpitaciones: detente y consúltalo.\n\n## A medio plazo\n\nEl objetivo son 30-60 minutos de ejercicio moderado casi todos los días, más algo de fuerza dos veces por semana. La constancia importa más que la intensidad.' },
    { daysAgo: 17, text: 'Gracias por las preguntas de esta semana en la Consulta abierta. La más repetida: ¿cada cuánto medirse la tensión en casa? Si está controlada, unos días seguidos antes de cada revisión es suficiente. #hipertensión' },
    { daysAgo: 10, text: 'Esta semana he visto varias personas con mareos por bajar la tensión demasiado rápido al empezar tratamiento. Si te mareas al levantarte, levántate despacio y coméntalo: a veces hay que ajustar la dosis. #hipertensión' },
  ],
  clinica_sanvicente: [
    { daysAgo: 84, text: 'Volvemos a horario de invierno: de lunes a viernes de 8:30 a 14:00 y de 16:00 a 20:30, sábados de 9:00 a 13:00. Pide cita por teléfono, en la web o aquí en Medired.' },
    { daysAgo: 77, text: 'Nueva consulta de fisioterapia en nuestra sede de la Avenida de la Albufera. Dolor lumbar, cervical y recuperación tras lesiones deportivas. #fisioterapia' },
    { daysAgo: 69, text: 'Empieza la campaña escolar: revisiones pediátricas y certificados médicos deportivos con cita en 48 horas. #pediatría' },
    { daysAgo: 59, title: 'Cómo prepararte para tu primera consulta de cardiología', body: 'Una consulta aprovechada empieza en casa.\n\n## Qué traer\n\n- La lista de medicamentos que tomas, con las dosis.\n- Informes y analíticas previas.\n- Si te mides la tensión, tus registros.\n\n## Qué contar\n\nCuándo empezaron los síntomas, qué los desencadena y qué los alivia. Es útil apuntarlo los días antes.\n\n## Qué preguntar\n\nNo te quedes con dudas: qué pruebas te van a hacer y por qué, y cuándo volver. En nuestra clínica puedes enviar tus preguntas antes por la solicitud de cita.' },
    { daysAgo: 51, text: 'Este sábado, jornada de puertas abiertas de nutrición: mediremos tensión, peso y perímetro de cintura gratis y resolveremos dudas de alimentación. #nutrición' },
    { daysAgo: 40, text: 'Recordatorio: la vacuna de la gripe está indicada para mayores de 60, embarazadas y personas con enfermedades crónicas. En nuestra clínica te ayudamos a pedir cita en tu centro de salud. #vacunas' },
    { daysAgo: 30, text: 'Gracias a las más de 40 familias que vinieron al taller de primeros auxilios en pediatría. Repetimos en enero: apúntate en recepción. #primerosauxilios' },
    { daysAgo: 20, title: 'Dolor de espalda: cuándo ir al fisioterapeuta y cuándo al médico', body: 'La mayoría de los dolores de espalda mejoran solos en unas semanas.\n\n## Cuándo consultar pronto\n\nSi el dolor aparece tras un golpe fuerte, se acompaña de fiebre, pérdida de fuerza u hormigueos en las piernas, o dificultad para orinar: acude al médico sin esperar.\n\n## Cuándo ayuda la fisioterapia\n\nEn el dolor lumbar inespecífico que dura más de unos días, el ejercicio terapéutico guiado acelera la recuperación y previene recaídas.\n\n## Lo que no ayuda\n\nEl reposo absoluto en cama. Mantente activo dentro de lo que toleres.' },
    { daysAgo: 8, text: 'Este mes ampliamos las citas de tarde en cardiología con la Dra. Lucía Moreno: lunes y miércoles de 16:00 a 20:00. #cardiología' },
  ],
};

/** Older posts and articles of the two accounts, created before the rest of the demo posts (ids keep time order). */
export async function seedDemoAnalyticsHistory(app: AppContext, viewers: DemoViewers): Promise<void> {
  for (const [username, items] of Object.entries(HISTORY)) {
    const author = viewers.get(username)!;
    for (const item of items) {
      const id = item.title
        ? await createStatus(app, author, { status: item.body!, title: item.title, kind: 'article', visibility: 'public', language: 'es' })
        : await createStatus(app, author, { status: item.text!, kind: 'note', visibility: 'public', language: 'es' });
      const at = new Date(`${addDays(dayOf(new Date()), -item.daysAgo)}T${String(8 + (id.length % 3) * 3).padStart(2, '0')}:30:00Z`);
      await app.db.updateTable('statuses').set({ created_at: at }).where('id', '=', id).execute();
    }
  }
}

interface AudiencePlan {
  username: 'dra_lucia_moreno' | 'clinica_sanvicente';
  /** Readers who follow in the end, and readers who follow and leave again. */
  followers: number;
  churn: number;
  /** Followers already there when the 90 days begin. */
  before: number;
  /** Daily views of a new post and article on its first day (a peak that fades). */
  postPeak: number;
  articlePeak: number;
  seed: number;
}

const PLANS: AudiencePlan[] = [
  { username: 'dra_lucia_moreno', followers: 54, churn: 6, before: 22, postPeak: 55, articlePeak: 170, seed: 101 },
  { username: 'clinica_sanvicente', followers: 36, churn: 3, before: 12, postPeak: 35, articlePeak: 105, seed: 202 },
];

const at = (day: string, rnd: () => number) => new Date(`${day}T${String(7 + Math.floor(rnd() * 15)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00Z`);

/** Follows over the window: the existing demo followers first, then readers, growing faster late in the quarter. */
async function seedFollowerHistory(app: AppContext, plan: AudiencePlan, ownerId: string, readers: string[]): Promise<void> {
  const rnd = random(plan.seed);
  const today = dayOf(new Date());
  const existing = await app.db.selectFrom('follows').select(['id', 'follower_id']).where('followed_id', '=', ownerId).orderBy('id').execute();
  const joining = readers.filter((id) => !existing.some((e) => e.follower_id === id)).slice(0, plan.followers);
  const total = existing.length + joining.length;
  // When each final follower came, oldest first: `before` of them before the window, the rest in it.
  const times: Date[] = [];
  for (let i = 0; i < total; i++) {
    if (i < plan.before) times.push(at(addDays(today, -(STARTED_DAYS_AGO - 1) + Math.floor((i / plan.before) * (STARTED_DAYS_AGO - WINDOW))), rnd));
    else {
      const share = (i - plan.before) / Math.max(1, total - plan.before);
      // Faster growth later in the quarter: day ∝ sqrt of the share.
      times.push(at(addDays(today, -(WINDOW - 1) + Math.floor(Math.sqrt(share) * (WINDOW - 1))), rnd));
    }
  }
  times.sort((a, b) => a.getTime() - b.getTime());
  for (const id of joining) await insertFollow(app.db, id, ownerId);
  const follows = await app.db.selectFrom('follows').select('id').where('followed_id', '=', ownerId).orderBy('id').execute();
  // Replace the events the triggers wrote just now with the story's dates.
  await app.db.deleteFrom('analytics_follower_events').where('account_id', '=', ownerId).execute();
  const events: { account_id: string; delta: number; created_at: Date }[] = [];
  for (const [i, f] of follows.entries()) {
    await app.db.updateTable('follows').set({ created_at: times[i]! }).where('id', '=', f.id).execute();
    events.push({ account_id: ownerId, delta: 1, created_at: times[i]! });
  }
  // Some readers followed for a while and left (no follow row remains; the events tell it).
  for (let i = 0; i < plan.churn; i++) {
    const start = Math.floor(rnd() * (WINDOW - 20));
    const followed = at(addDays(today, -(WINDOW - 1) + start), rnd);
    const left = at(addDays(today, -(WINDOW - 1) + start + 3 + Math.floor(rnd() * 15)), rnd);
    events.push({ account_id: ownerId, delta: 1, created_at: followed }, { account_id: ownerId, delta: -1, created_at: left });
  }
  await app.db.insertInto('analytics_follower_events').values(events).execute();
}

/** Views per day of every post and article of the owner since it was published, and favourites from readers. */
async function seedReachHistory(app: AppContext, plan: AudiencePlan, ownerId: string, readers: string[]): Promise<void> {
  const rnd = random(plan.seed + 1);
  const today = dayOf(new Date());
  const firstDay = addDays(today, -(WINDOW - 1));
  const items = await app.db
    .selectFrom('statuses')
    .select(['id', 'kind', 'created_at'])
    .where('account_id', '=', ownerId)
    .where('reblog_of_id', 'is', null)
    .where('conversation_id', 'is', null)
    .where('in_reply_to_id', 'is', null)
    .where('visibility', '=', 'public')
    .execute();
  const views: { statusId: string; day: string; views: number }[] = [];
  const favourites: { account_id: string; status_id: string; created_at: Date }[] = [];
  for (const item of items) {
    const published = dayOf(item.created_at);
    const already = new Set((await app.db.selectFrom('favourites').select('account_id').where('status_id', '=', item.id).execute()).map((f) => f.account_id));
    const peak = item.kind === 'article' ? plan.articlePeak : plan.postPeak;
    const rate = item.kind === 'article' ? 0.045 : 0.07;
    let owed = 0;
    for (let day = published > firstDay ? published : firstDay, age = Math.max(0, Math.round((Date.parse(firstDay) - Date.parse(published)) / 86_400_000)); day <= today; day = addDays(day, 1), age++) {
      const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
      const growth = 0.75 + (0.5 * (WINDOW - Math.round((Date.parse(today) - Date.parse(day)) / 86_400_000))) / WINDOW;
      const shape = 0.7 * Math.exp(-age / 1.4) + 0.06 * Math.exp(-age / 30);
      const n = Math.round(peak * shape * growth * (weekday === 0 || weekday === 6 ? 0.7 : 1) * (0.8 + 0.4 * rnd()));
      if (n <= 0) continue;
      views.push({ statusId: item.id, day, views: n });
      owed += n * rate * (0.6 + 0.8 * rnd());
      while (owed >= 1) {
        owed -= 1;
        const who = readers.find((r, i) => !already.has(r) && rnd() < 0.25 + (i % 7) / 20);
        if (!who) break;
        already.add(who);
        favourites.push({ account_id: who, status_id: item.id, created_at: at(day, rnd) });
      }
    }
  }
  favourites.sort((a, b) => a.created_at.getTime() - b.created_at.getTime());
  if (favourites.length) await app.db.insertInto('favourites').values(favourites).onConflict((oc) => oc.doNothing()).execute();
  await sql`UPDATE statuses s SET favourites_count = (SELECT count(*) FROM favourites f WHERE f.status_id = s.id) WHERE s.account_id = ${ownerId}`.execute(app.db);
  for (let i = 0; i < views.length; i += 1000) await addItemViews(app.db, views.slice(i, i + 1000));
}

/**
 * The rest of the statistics, once every demo post exists: the readers, three months of
 * followers (events and daily snapshots, as the daily job writes them), views and favourites.
 */
export async function seedDemoAnalytics(app: AppContext, viewers: DemoViewers): Promise<void> {
  const readers = await createReaders(app);
  const today = dayOf(new Date());
  await app.db.updateTable('analytics_state').set({ started_at: new Date(`${addDays(today, -STARTED_DAYS_AGO)}T00:00:00Z`) }).execute();
  for (const plan of PLANS) {
    const ownerId = viewers.get(plan.username)!.accountId;
    // The accounts existed before the statistics started.
    await app.db.updateTable('accounts').set({ created_at: new Date(`${addDays(today, -400)}T10:00:00Z`) }).where('id', '=', ownerId).execute();
    // Each audience is its own slice of the readers (they overlap a little, as in life).
    const slice = plan.username === 'dra_lucia_moreno' ? readers : [...readers.slice(30), ...readers.slice(0, 30)];
    await seedFollowerHistory(app, plan, ownerId, slice);
    await seedReachHistory(app, plan, ownerId, slice);
  }
  // The daily job's snapshots for every day since the statistics started.
  for (let day = addDays(today, -STARTED_DAYS_AGO); day < today; day = addDays(day, 1)) await snapshotFollowers(app.db, day);
}
