import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization, createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { parseDayText } from './practice.js';

/** Practice information through the API: who has one, what is valid, partial updates. */
let t: TestApp;
let patient: TestUser;
let clinic: TestUser;

async function call(method: string, url: string, token?: string, json?: unknown) {
  return t.request(method, url, { token, ...(json !== undefined ? { json } : {}) });
}
async function ok<T = Record<string, any>>(res: Promise<Response> | Response): Promise<T> {
  const r = await res;
  expect(r.status, await r.clone().text()).toBe(200);
  return (await r.json()) as T;
}

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  patient = await t.createUser();
  clinic = await createVerifiedOrganization(t);
});
afterAll(async () => {
  await t?.close();
});

describe('a day typed on the settings page', () => {
  it('reads ranges separated by commas, with h or . as separators, and empty as closed', () => {
    expect(parseDayText('9:00-14:00, 16.30-19h00')).toEqual([{ from: '09:00', to: '14:00' }, { from: '16:30', to: '19:00' }]);
    expect(parseDayText('  ')).toEqual([]);
    expect(parseDayText('por la mañana')).toBeNull();
  });
});

describe('practice information', () => {
  it('a professional saves addresses, hours, phone, website, languages, insurers; the API shows them', async () => {
    const doctor = await createVerifiedProfessional(t);
    const saved = await ok(
      call('PATCH', '/api/v1/medired/practice', doctor.token, {
        addresses: [{ street: 'Calle Mayor 1', postal_code: '28013', city: 'Madrid', country: 'es' }],
        opening_hours: { mon: [{ from: '16:00', to: '19:00' }, { from: '09:00', to: '14:00' }], fri: [{ from: '09:00', to: '14:00' }] },
        phone: '+34 910 000 000',
        website: 'https://consulta.example',
        languages: ['es', 'EN', 'ca', 'es'],
        insurers: 'Sanitas, DKV',
        accepts_online_requests: true,
      }),
    );
    expect(saved.addresses[0].country).toBe('ES');
    expect(saved.opening_hours.mon.map((r: { from: string }) => r.from)).toEqual(['09:00', '16:00']);
    expect(saved.languages).toEqual(['es', 'en', 'ca']);
    const shown = await ok(call('GET', `/api/v1/medired/accounts/${doctor.accountId}/practice`));
    expect(shown).toMatchObject({ phone: '+34 910 000 000', website: 'https://consulta.example', insurers: 'Sanitas, DKV', accepts_online_requests: true, median_first_answer_seconds: null });
    // A partial update keeps what it does not name.
    await ok(call('PATCH', '/api/v1/medired/practice', doctor.token, { phone: '' }));
    const after = await ok(call('GET', `/api/v1/medired/accounts/${doctor.accountId}/practice`));
    expect(after.phone).toBeNull();
    expect(after.website).toBe('https://consulta.example');
  });

  it('patients have no practice: editing is refused and reading says so', async () => {
    const res = await call('PATCH', '/api/v1/medired/practice', patient.token, { accepts_online_requests: true });
    expect(res.status).toBe(403);
    expect((await res.json()).key).toBe('practice.error.onlyPractitioners');
    expect((await call('GET', `/api/v1/medired/accounts/${patient.accountId}/practice`)).status).toBe(404);
    expect((await call('GET', '/api/v1/medired/accounts/999999999/practice')).status).toBe(404);
  });

  it.each([
    ['a website that is not http(s)', { website: 'javascript:alert(1)' }, 'website', 'practice.error.website'],
    ['an ftp website', { website: 'ftp://files.example' }, 'website', 'practice.error.website'],
    ['a range that ends before it starts', { opening_hours: { tue: [{ from: '14:00', to: '09:00' }] } }, 'opening_hours.tue.0.to', 'practice.error.rangeOrder'],
    ['overlapping ranges', { opening_hours: { wed: [{ from: '09:00', to: '14:00' }, { from: '13:00', to: '15:00' }] } }, 'opening_hours.wed', 'practice.error.overlap'],
    ['a time that is no time', { opening_hours: { thu: [{ from: '25:00', to: '26:00' }] } }, 'opening_hours.thu.0.from', 'practice.error.time'],
    ['an unknown weekday', { opening_hours: { funday: [] } }, 'opening_hours', 'practice.error.weekday'],
    ['four ranges a day', { opening_hours: { mon: ['08:00', '10:00', '12:00', '14:00'].map((h) => ({ from: h, to: `${h.slice(0, 2)}:30` })) } }, 'opening_hours.mon', 'practice.error.tooManyRanges'],
    ['an unknown country', { addresses: [{ street: 'Calle 1', city: 'Madrid', country: 'XX' }] }, 'addresses.0.country', 'practice.error.country'],
    ['an address without city', { addresses: [{ street: 'Calle 1', city: '', country: 'ES' }] }, 'addresses.0.city', 'errors.validation.required'],
    ['six addresses', { addresses: Array.from({ length: 6 }, () => ({ street: 'Calle 1', city: 'Madrid', country: 'ES' })) }, 'addresses', 'errors.validation.tooMany'],
    ['a phone with letters', { phone: 'llámame' }, 'phone', 'practice.error.phone'],
    ['an unknown language', { languages: ['zz'] }, 'languages.0', 'practice.error.language'],
    ['an endless insurers text', { insurers: 'x'.repeat(501) }, 'insurers', 'errors.validation.tooLong'],
  ])('refuses %s with a clear 422', async (_name, body, field, key) => {
    const res = await call('PATCH', '/api/v1/medired/practice', clinic.token, body);
    expect(res.status).toBe(422);
    const error = await res.json();
    expect(error.details).toContainEqual(expect.objectContaining({ field, key }));
  });
});

