import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession } from '../web/testing/web-session.js';

/**
 * Searching accounts the way people ask: profession and specialty words in Spanish and English,
 * any gender, with or without accents, with a place in the same query — on `/api/v2/search`,
 * `/api/v1/accounts/search` and the web search page. Patients are never found by their place
 * unless they chose to show it.
 */

let t: TestApp;
const u: Record<string, TestUser> = {};

beforeAll(async () => {
  t = await createTestApp();
  u.cardioMadrid = await t.createUser({ username: 'lucia_corazon', display_name: 'Lucía Moreno', kind: 'professional', profession: 'doctor', specialty: 'cardiology', city: 'Madrid', country: 'ES' });
  u.cardioSevilla = await t.createUser({ username: 'pedro_heart', display_name: 'Pedro Sanz', kind: 'professional', profession: 'doctor', specialty: 'cardiology', city: 'Sevilla', country: 'ES' });
  u.pedSevilla = await t.createUser({ username: 'javier_ninos', display_name: 'Javier Ruiz', kind: 'professional', profession: 'doctor', specialty: 'pediatrics', city: 'Sevilla', country: 'ES' });
  u.nurse = await t.createUser({ username: 'marta_cuida', display_name: 'Marta Gil', kind: 'professional', profession: 'nurse', specialty: 'community_nursing', city: 'Valencia', country: 'ES' });
  u.physio = await t.createUser({ username: 'pablo_mueve', display_name: 'Pablo Ortega', kind: 'professional', profession: 'physiotherapist', city: 'Zaragoza', country: 'ES' });
  u.clinic = await t.createUser({ username: 'clinica_norte', display_name: 'Centro Norte', kind: 'organization', organization_type: 'clinic', city: 'Bilbao', country: 'ES' });
  u.pharmacy = await t.createUser({ username: 'botica_sol', display_name: 'Botica del Sol', kind: 'organization', organization_type: 'pharmacy', city: 'Málaga', country: 'ES' });
  u.london = await t.createUser({ username: 'ann_smith', display_name: 'Ann Smith', kind: 'professional', profession: 'nurse', city: 'London', country: 'GB' });
  // Patients in Sevilla: one keeps her place private (the default), one chose to show it.
  u.patient = await t.createUser({ username: 'luisa_paciente', display_name: 'Luisa', kind: 'patient', city: 'Sevilla', country: 'ES' });
  u.openPatient = await t.createUser({ username: 'rafa_abierto', display_name: 'Rafa', kind: 'patient', city: 'Sevilla', country: 'ES' });
  const res = await t.request('PATCH', '/api/v1/accounts/update_credentials', { token: u.openPatient.token, json: { place_public: true } });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await t.close();
});

async function v2(q: string, token?: string): Promise<string[]> {
  const res = await t.request('GET', `/api/v2/search?type=accounts&limit=40&q=${encodeURIComponent(q)}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accounts: { username: string }[] }).accounts.map((a) => a.username).sort();
}
async function v1(q: string): Promise<string[]> {
  const res = await t.request('GET', `/api/v1/accounts/search?limit=40&q=${encodeURIComponent(q)}`, { token: u.patient!.token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { username: string }[]).map((a) => a.username).sort();
}

describe('profession and specialty words', () => {
  it.each(['cardióloga', 'cardiólogo', 'cardiologa', 'cardiología', 'cardiologia', 'cardiologist', 'cardiology', 'Cardiólogas', 'CARDIOLOGOS'])('"%s" finds the cardiologists', async (q) => {
    expect(await v2(q)).toEqual(['lucia_corazon', 'pedro_heart']);
    expect(await v1(q)).toEqual(['lucia_corazon', 'pedro_heart']);
  });

  it.each(['pediatra', 'pediatría', 'pediatria', 'paediatrician', 'pediatrician', 'pediatras'])('"%s" finds the paediatrician', async (q) => {
    expect(await v2(q)).toEqual(['javier_ninos']);
  });

  it.each(['enfermera', 'enfermero', 'enfermería', 'nurse', 'nurses'])('"%s" finds the nurses', async (q) => {
    expect(await v2(q)).toEqual(['ann_smith', 'marta_cuida']);
  });

  it('finds other professions and kinds of organisation in both languages', async () => {
    expect(await v2('fisioterapeuta')).toEqual(['pablo_mueve']);
    expect(await v2('physiotherapist')).toEqual(['pablo_mueve']);
    expect(await v2('clínica')).toEqual(['clinica_norte']);
    expect(await v2('clinic')).toEqual(['clinica_norte']);
    expect(await v2('farmacia')).toEqual(['botica_sol']);
    expect(await v2('pharmacy')).toEqual(['botica_sol']);
    expect(await v2('médica')).toEqual(['javier_ninos', 'lucia_corazon', 'pedro_heart']);
    expect(await v2('enfermera comunitaria')).toEqual(['marta_cuida']);
  });

  it('still finds the word being typed, and names and handles as before', async () => {
    expect(await v2('cardio')).toEqual(['lucia_corazon', 'pedro_heart']);
    expect(await v2('lucia mor')).toEqual(['lucia_corazon']);
    expect(await v2('@javier_ninos')).toEqual(['javier_ninos']);
  });
});

describe('a place in the same query', () => {
  it('"pediatra Sevilla", "cardióloga en Madrid", "cardiologist Sevilla", "enfermera en Valencia"', async () => {
    expect(await v2('pediatra Sevilla')).toEqual(['javier_ninos']);
    expect(await v1('pediatra Sevilla')).toEqual(['javier_ninos']);
    expect(await v2('cardióloga en Madrid')).toEqual(['lucia_corazon']);
    expect(await v2('cardiologist Sevilla')).toEqual(['pedro_heart']);
    expect(await v2('enfermera en Valencia')).toEqual(['marta_cuida']);
    expect(await v2('pediatra Madrid')).toEqual([]);
    expect(await v2('farmacia Malaga')).toEqual(['botica_sol']);
  });

  it('reads a country by name: "nurse United Kingdom", "enfermera Reino Unido"', async () => {
    expect(await v2('nurse United Kingdom')).toEqual(['ann_smith']);
    expect(await v2('enfermera Reino Unido')).toEqual(['ann_smith']);
  });

  it('never finds a patient by the city she keeps private; a patient who shows it is found', async () => {
    expect(await v2('Sevilla')).toEqual(['javier_ninos', 'pedro_heart', 'rafa_abierto']);
    expect(await v1('Sevilla')).toEqual(['javier_ninos', 'pedro_heart', 'rafa_abierto']);
    expect(await v2('España')).not.toContain('luisa_paciente');
    expect(await v2('España')).toContain('rafa_abierto');
    // Her own searches and name still find her.
    expect(await v2('luisa')).toEqual(['luisa_paciente']);
  });

  it("hides a private patient's place in the account entity (but shows it to herself)", async () => {
    const other = (await (await t.request('GET', `/api/v1/accounts/${u.patient!.accountId}`)).json()) as { medired: { city: string; country: string | null } };
    expect(other.medired).toMatchObject({ city: '', country: null });
    const own = (await (await t.request('GET', '/api/v1/accounts/verify_credentials', { token: u.patient!.token })).json()) as { medired: { city: string; place_public: boolean } };
    expect(own.medired).toMatchObject({ city: 'Sevilla', place_public: false });
    const open = (await (await t.request('GET', `/api/v1/accounts/${u.openPatient!.accountId}`)).json()) as { medired: { city: string } };
    expect(open.medired.city).toBe('Sevilla');
  });

  it("the web search page finds the paediatrician in Sevilla and not the patient, and the patient's profile shows no city", async () => {
    const html = await (await t.request('GET', `/search?q=${encodeURIComponent('pediatra Sevilla')}`, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('@javier_ninos');
    const city = await (await t.request('GET', '/search?q=Sevilla&type=accounts', { headers: { accept: 'text/html' } })).text();
    expect(city).not.toContain('@luisa_paciente');
    expect(city).toContain('@rafa_abierto');
    const profile = await (await t.request('GET', '/@luisa_paciente', { headers: { accept: 'text/html' } })).text();
    expect(profile).not.toContain('Sevilla');
  });

  it('a patient shows or hides her place from Settings → Profile', async () => {
    const session = await webSession(t, u.patient!);
    const page = await (await session.get('/settings/profile')).text();
    expect(page).toContain('name="place_public"');
    const saved = await session.post('/settings/profile', { display_name: 'Luisa', note: '', city: 'Sevilla', website: '', place_public: 'true', locked: 'false' });
    expect(saved.status).toBe(303);
    expect(await v2('Sevilla')).toContain('luisa_paciente');
    await session.post('/settings/profile', { display_name: 'Luisa', note: '', city: 'Sevilla', website: '', place_public: 'false', locked: 'false' });
    expect(await v2('Sevilla')).not.toContain('luisa_paciente');
  });
});
