import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('instance information', () => {
  it('advertises the limits it enforces, to anyone', async () => {
    const res = await t.request('GET', '/api/v2/instance');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { configuration: { statuses: { max_characters: number } }; languages: string[]; medired: { specialties: Record<string, { es: string }> } };
    expect(body.configuration.statuses.max_characters).toBe(500);
    expect((body.configuration as unknown as { media_attachments: { supported_mime_types: string[] } }).media_attachments.supported_mime_types).toContain('video/mp4');
    expect(body.languages).toEqual(['es', 'en']);
    expect(body.medired.specialties.cardiology!.es).toBe('Cardiología');
    expect((await t.request('GET', '/api/v1/instance')).status).toBe(200);
    expect(await (await t.request('GET', '/api/v1/custom_emojis')).json()).toEqual([]);
  });

  it('gives preferences only to a signed-in user', async () => {
    expect((await t.request('GET', '/api/v1/preferences')).status).toBe(401);
    const user = await t.createUser({ locale: 'en' });
    const res = await t.request('GET', '/api/v1/preferences', { token: user.token });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Record<string, string>)['posting:default:language']).toBe('en');
  });
});
