import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedProfessional, sampleAnswer, sampleQuestion } from '../consultas/consulta-test-helpers.js';
import * as E from '../http/mastodon-entities/entities.js';
import { refreshInfluence } from '../influence/influence.service.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * The health directory: `GET /api/v1/directory` with `medired[…]` filters and orders,
 * `GET /api/v1/medired/directory/categories`, and the `/directory` page.
 */

let t: TestApp;
const u: Record<string, TestUser> = {};
const patients: TestUser[] = [];

const api = (method: string, url: string, user?: TestUser, json?: unknown) => t.request(method, url, { token: user?.token, ...(json !== undefined ? { json } : {}) });
async function ok<T>(res: Promise<Response>): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as T;
}

interface Entry {
  username: string;
  followers_count: number;
  medired: { directory_stats: { influence: number | null; helpful_answers: number; median_response_seconds: number | null; accepts_online_requests: boolean } };
}
async function list(params: string, viewer?: TestUser): Promise<string[]> {
  return (await entries(params, viewer)).map((a) => a.username);
}
async function entries(params: string, viewer?: TestUser): Promise<Entry[]> {
  return ok<Entry[]>(api('GET', `/api/v1/directory?limit=80&${params}`, viewer));
}
const sorted = async (params: string) => (await list(params)).sort();

beforeAll(async () => {
  t = await createTestApp();
  u.lucia = await createVerifiedProfessional(t, 'cardiology', { username: 'dir_lucia', city: 'Madrid', country: 'ES' });
  u.pedro = await t.createUser({ username: 'dir_pedro', kind: 'professional', profession: 'doctor', specialty: 'cardiology', city: 'Sevilla', country: 'ES' });
  u.javier = await createVerifiedProfessional(t, 'pediatrics', { username: 'dir_javier', city: 'Sevilla', country: 'ES' });
  u.marta = await createVerifiedProfessional(t, 'community_nursing', { username: 'dir_marta', profession: 'nurse', city: 'Valencia', country: 'ES' });
  u.clinic = await t.createUser({ username: 'dir_clinica', kind: 'organization', organization_type: 'clinic', city: 'Madrid', country: 'ES' });
  u.asoc = await t.createUser({ username: 'dir_asoc', kind: 'organization', organization_type: 'association', city: 'Valencia', country: 'ES' });
  u.hidden = await t.createUser({ username: 'dir_oculta', kind: 'professional', profession: 'doctor', specialty: 'cardiology', city: 'Sevilla', country: 'ES' });
  u.suspended = await t.createUser({ username: 'dir_suspendida', kind: 'professional', profession: 'doctor', specialty: 'cardiology', city: 'Sevilla', country: 'ES' });
  u.patient = await t.createUser({ username: 'dir_paciente', kind: 'patient', specialty: 'cardiology', city: 'Sevilla', country: 'ES' });
  for (let i = 0; i < 4; i++) patients.push(await t.createUser({ username: `dir_p${i}` }));
  // Established readers (accounts made today weigh little in influence, see the formula).
  await t.ctx.db.updateTable('accounts').set({ created_at: new Date(Date.now() - 200 * 86_400_000) }).where('id', 'in', patients.map((p) => p.accountId)).execute();

  expect((await api('PATCH', '/api/v1/accounts/update_credentials', u.hidden, { discoverable: false })).status).toBe(200);
  await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', u.suspended!.accountId).execute();
  await ok(api('PATCH', '/api/v1/medired/practice', u.lucia, { languages: ['es', 'en'], accepts_online_requests: true }));
  await ok(api('PATCH', '/api/v1/medired/practice', u.javier, { languages: ['es'], accepts_online_requests: true, addresses: [{ street: 'Avenida de la Constitución 7', postal_code: '41001', city: 'Sevilla', country: 'ES' }] }));
  await ok(api('PATCH', '/api/v1/medired/practice', u.clinic, { languages: ['es', 'fr'], addresses: [{ street: 'Calle Feria 3', city: 'Sevilla', country: 'ES' }] }));

  // Followers: Lucía 4, Javier 3, the clinic 2, Pedro 1.
  const follows: [TestUser, number][] = [[u.lucia, 4], [u.javier, 3], [u.clinic, 2], [u.pedro, 1]];
  for (const [target, n] of follows) for (const p of patients.slice(0, n)) await ok(api('POST', `/api/v1/accounts/${target.accountId}/follow`, p));

  // Engagement: patients who do not follow Marta reply to and repost her post; Lucía's likes come from one patient.
  const martaPost = await ok<{ id: string }>(api('POST', '/api/v1/statuses', u.marta, { status: 'Cómo medir bien la tensión en casa', visibility: 'public' }));
  for (const p of patients) {
    await ok(api('POST', '/api/v1/statuses', p, { status: '¡Gracias, muy útil!', in_reply_to_id: martaPost.id, visibility: 'public' }));
    await ok(api('POST', `/api/v1/statuses/${martaPost.id}/reblog`, p));
  }
  const luciaPost = await ok<{ id: string }>(api('POST', '/api/v1/statuses', u.lucia, { status: 'El ejercicio protege el corazón', visibility: 'public' }));
  await ok(api('POST', `/api/v1/statuses/${luciaPost.id}/favourite`, patients[0]));

  // Consultas: Lucía answers three questions at once, one accepted and voted helpful; Marta answers three asked days ago.
  for (let i = 0; i < 6; i++) {
    const q = await ok<{ id: string }>(api('POST', '/api/v1/medired/consultas', patients[i % 4], { ...sampleQuestion, title: `${sampleQuestion.title} (${i})` }));
    if (i >= 3) await t.ctx.db.updateTable('consulta_questions').set({ created_at: new Date(Date.now() - 3 * 86_400_000) }).where('id', '=', q.id).execute();
    const answer = await ok<{ id: string }>(api('POST', `/api/v1/medired/consultas/${q.id}/answers`, i < 3 ? u.lucia : u.marta, { body: sampleAnswer }));
    if (i === 0) {
      await ok(api('POST', `/api/v1/medired/consultas/answers/${answer.id}/accept`, patients[0]));
      await ok(api('POST', `/api/v1/medired/consultas/answers/${answer.id}/helpful`, patients[1]));
    }
  }
  await refreshInfluence(t.ctx);
}, 120_000);
afterAll(async () => {
  await t.close();
});

const HEALTH = ['dir_asoc', 'dir_clinica', 'dir_javier', 'dir_lucia', 'dir_marta', 'dir_pedro'];

describe('GET /api/v1/directory with medired[…] filters', () => {
  it('lists discoverable professionals and organisations only: no patient, hidden or suspended account', async () => {
    expect(await sorted('medired[role]=all')).toEqual(HEALTH);
    // Without medired parameters it is Mastodon's directory, patients included.
    expect(await list('order=new')).toContain('dir_paciente');
  });

  it('filters by role, profession, specialty and kind of organisation', async () => {
    expect(await sorted('medired[role]=organization')).toEqual(['dir_asoc', 'dir_clinica']);
    expect(await sorted('medired[role]=professional')).toEqual(['dir_javier', 'dir_lucia', 'dir_marta', 'dir_pedro']);
    expect(await sorted('medired[profession]=nurse')).toEqual(['dir_marta']);
    expect(await sorted('medired[specialty]=cardiology')).toEqual(['dir_lucia', 'dir_pedro']);
    expect(await sorted('medired[organization_type]=clinic')).toEqual(['dir_clinica']);
  });

  it('filters by city (accents and case do not matter; a practice address counts) and country', async () => {
    expect(await sorted('medired[city]=sevilla')).toEqual(['dir_clinica', 'dir_javier', 'dir_pedro']);
    expect(await sorted('medired[city]=SEVÍLLA')).toEqual(['dir_clinica', 'dir_javier', 'dir_pedro']);
    expect(await sorted('medired[specialty]=cardiology&medired[city]=Sevilla')).toEqual(['dir_pedro']);
    expect(await sorted('medired[country]=es&medired[role]=organization')).toEqual(['dir_asoc', 'dir_clinica']);
    expect(await sorted('medired[country]=PT')).toEqual([]);
  });

  it('filters by verified, language spoken and accepting requests', async () => {
    expect(await sorted('medired[verified]=true')).toEqual(['dir_javier', 'dir_lucia', 'dir_marta']);
    expect(await sorted('medired[language]=en')).toEqual(['dir_lucia']);
    expect(await sorted('medired[language]=fr')).toEqual(['dir_clinica']);
    expect(await sorted('medired[accepts_requests]=true')).toEqual(['dir_javier', 'dir_lucia']);
  });

  it('reads the free text like a search: "pediatra Sevilla", "cardióloga", "clínica"', async () => {
    expect(await sorted(`medired[q]=${encodeURIComponent('pediatra Sevilla')}`)).toEqual(['dir_javier']);
    expect(await sorted(`medired[q]=${encodeURIComponent('cardióloga')}`)).toEqual(['dir_lucia', 'dir_pedro']);
    expect(await sorted(`medired[q]=${encodeURIComponent('clínica')}`)).toEqual(['dir_clinica']);
  });

  it('orders by followers, newest, influence, helpful answers and response time', async () => {
    expect((await list('medired[order]=followers')).slice(0, 4)).toEqual(['dir_lucia', 'dir_javier', 'dir_clinica', 'dir_pedro']);
    expect(await list('medired[order]=new')).toEqual(['dir_asoc', 'dir_clinica', 'dir_marta', 'dir_javier', 'dir_pedro', 'dir_lucia']);
    // Four patients who do not follow her replied and reposted: Marta leads on influence, although Lucía has the followers.
    expect((await list('medired[order]=influence'))[0]).toBe('dir_marta');
    expect((await list('medired[order]=helpful'))[0]).toBe('dir_lucia');
    const fastest = await entries('medired[order]=response');
    expect(fastest.slice(0, 2).map((e) => e.username)).toEqual(['dir_lucia', 'dir_marta']);
    expect(fastest[0]!.medired.directory_stats.median_response_seconds!).toBeLessThan(fastest[1]!.medired.directory_stats.median_response_seconds!);
  });

  it('answers Mastodon Account entities with their standing figures, and pages with offset and limit', async () => {
    for (const entry of await entries('medired[role]=all')) expect(E.Account.safeParse(entry).error).toBeUndefined();
    const [first] = await entries('medired[order]=helpful&limit=1');
    expect(first!.medired.directory_stats).toMatchObject({ helpful_answers: 1, accepts_online_requests: true });
    expect(first!.medired.directory_stats.influence).toBeGreaterThan(0);
    const all = await list('medired[order]=followers');
    expect(await list('medired[order]=followers&limit=2&offset=2')).toEqual(all.slice(2, 4));
  });

  it('leaves out accounts the viewer blocks', async () => {
    await ok(api('POST', `/api/v1/accounts/${u.pedro!.accountId}/block`, patients[3]));
    expect(await sorted('medired[specialty]=cardiology')).toEqual(['dir_lucia', 'dir_pedro']);
    expect(await list('medired[specialty]=cardiology', patients[3])).toEqual(['dir_lucia']);
    await ok(api('POST', `/api/v1/accounts/${u.pedro!.accountId}/unblock`, patients[3]));
  });

  it('refuses an unknown specialty, order, role, country or language with 422', async () => {
    for (const bad of ['medired[specialty]=astrology', 'medired[order]=likes', 'medired[role]=patient', 'medired[country]=Spain', 'medired[country]=XX', 'medired[language]=zz', 'medired=1']) {
      expect((await api('GET', `/api/v1/directory?${bad}`)).status, bad).toBe(422);
    }
  });
});

describe('GET /api/v1/medired/directory/categories', () => {
  interface Category {
    code: string;
    label: { es: string; en: string };
    accounts_count: number;
    leaders: { username: string; followers_count: number }[];
  }
  interface Categories {
    professions: Category[];
    specialties: Category[];
    organization_types: Category[];
    places: { city: string; country: string; accounts_count: number; leaders: { username: string }[] }[];
  }

  it('counts the accounts of each category and names the most followed, patients and hidden accounts left out', async () => {
    const c = await ok<Categories>(api('GET', '/api/v1/medired/directory/categories'));
    const cardiology = c.specialties.find((s) => s.code === 'cardiology')!;
    expect(cardiology).toMatchObject({ label: { es: 'Cardiología', en: 'Cardiology' }, accounts_count: 2 });
    expect(cardiology.leaders.map((l) => [l.username, l.followers_count])).toEqual([['dir_lucia', 4], ['dir_pedro', 1]]);
    expect(c.professions.find((p) => p.code === 'doctor')!.accounts_count).toBe(3);
    expect(c.organization_types.map((o) => [o.code, o.accounts_count]).sort()).toEqual([['association', 1], ['clinic', 1]]);
    const sevilla = c.places.find((p) => p.city === 'Sevilla')!;
    expect(sevilla.accounts_count).toBe(2);
    expect(sevilla.leaders.map((l) => l.username)).toEqual(['dir_javier', 'dir_pedro']);
  });
});

describe('the /directory page', () => {
  const page = async (path: string, lang = 'es') => (await t.request('GET', path, { headers: { accept: 'text/html', cookie: `lang=${lang}` } })).text();

  it('shows the categories with their counts and leading accounts, and every account', async () => {
    const html = await page('/directory');
    expect(html).toContain('Explorar por categoría');
    expect(html).toContain('href="/directory?specialty=cardiology"');
    expect(html).toMatch(/Cardiología<\/a> <span class="directory-category-count">2 cuentas/);
    expect(html).toContain('Todas las cuentas');
    for (const name of HEALTH) expect(html).toContain(`@${name}`);
    expect(html).not.toContain('@dir_paciente');
  });

  it('filters by specialty and city in a shareable URL, with the figures of each account', async () => {
    const html = await page('/directory?specialty=cardiology&city=Sevilla');
    expect(html).toContain('@dir_pedro');
    expect(html).not.toContain('@dir_lucia');
    expect(html).toContain('1 cuenta');
    expect(html).toContain('<link rel="canonical" href="http://medired.test/directory?specialty=cardiology&amp;city=Sevilla"');
    const lucia = await page('/directory?q=cardiologa+Madrid&order=helpful');
    expect(lucia).toContain('@dir_lucia');
    expect(lucia).toContain('1 respuesta útil');
    expect(lucia).toContain('Acepta solicitudes');
  });

  it('speaks English, and ignores values it does not know instead of failing', async () => {
    const html = await page('/directory?specialty=cardiology', 'en');
    expect(html).toContain('Health directory');
    expect(html).toContain('2 accounts');
    const odd = await t.request('GET', '/directory?specialty=astrology&order=likes&page=-3&verified=maybe&city=Sevilla', { headers: { accept: 'text/html' } });
    expect(odd.status).toBe(302);
    expect(odd.headers.get('location')).toBe('/directory?city=Sevilla');
    // What a GET form sends (every field, empty ones too) comes back as the short URL.
    const form = await t.request('GET', '/directory?q=&specialty=cardiology&city=Sevilla&role=all&profession=&country=', { headers: { accept: 'text/html' } });
    expect(form.headers.get('location')).toBe('/directory?specialty=cardiology&city=Sevilla');
  });

  it('shows the influence score and what it is made of on a profile', async () => {
    const html = await page('/@dir_marta');
    expect(html).toContain('id="influence"');
    expect(html).toContain('Cuentas distintas que interactuaron: 4');
    expect(html).toContain('Alcance más allá de sus seguidores (cuentas que no la siguen): 4');
    expect(html).toContain('Cómo se calcula');
    expect(await page('/@dir_paciente')).not.toContain('id="influence"');
  });
});
