import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestUser } from '../../../testing/test-app.js';
import { webSession, type WebSession } from '../../testing/web-session.js';

let app: TestApp;
let author: TestUser;
let reader: TestUser;
let authorWeb: WebSession;
let readerWeb: WebSession;

beforeAll(async () => {
  app = await createTestApp();
  author = await app.createUser({ username: 'autora_web_poll' });
  reader = await app.createUser({ username: 'lectora_web_poll' });
  authorWeb = await webSession(app, author);
  readerWeb = await webSession(app, reader);
});
afterAll(async () => {
  await app.close();
});

function composerForm(options: string[], extra: Record<string, string> = {}): FormData {
  const form = new FormData();
  form.set('status', '¿Qué desayunas?');
  form.set('visibility', 'public');
  form.set('return_to', '/');
  for (const o of options) form.append('poll_options[]', o);
  form.set('poll_expires_in', '3600');
  for (const [k, v] of Object.entries(extra)) form.set(k, v);
  return form;
}

const latestPoll = () => app.ctx.db.selectFrom('polls').select(['id', 'status_id', 'options', 'multiple']).where('account_id', '=', author.accountId).orderBy('id', 'desc').executeTakeFirst();

describe('polls and pins on web pages', () => {
  it('the composer publishes a poll with the options filled in (blank ones left out)', async () => {
    const res = await authorWeb.post('/statuses', composerForm(['Fruta', 'Tostadas', '', 'Nada'], { poll_multiple: 'true' }));
    expect(res.status).toBe(303);
    const poll = await latestPoll();
    expect(poll).toMatchObject({ options: ['Fruta', 'Tostadas', 'Nada'], multiple: true });
  });

  it('the composer comes back with the poll error and what was typed', async () => {
    const before = await latestPoll();
    const res = await authorWeb.post('/statuses', composerForm(['Solo una']));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('al menos dos opciones');
    expect(html).toContain('value="Solo una"');
    expect((await latestPoll())?.id).toBe(before?.id);
  });

  it('a reader votes from the card and then sees the results; the author and visitors see results, not a ballot', async () => {
    await authorWeb.post('/statuses', composerForm(['Sí', 'No']));
    const poll = (await latestPoll())!;
    const page = `/@autora_web_poll/${poll.status_id}`;
    const ballot = await (await readerWeb.get(page)).text();
    expect(ballot).toContain(`action="/statuses/${poll.status_id}/vote"`);
    expect(ballot).toContain('type="radio"');
    expect(await (await authorWeb.get(page)).text()).not.toContain('/vote"');
    expect(await (await app.request('GET', page)).text()).toContain('poll-results');
    // Without the CSRF token nothing is counted.
    expect((await readerWeb.post(`/statuses/${poll.status_id}/vote`, { 'choices[]': '1', return_to: page }, { csrf: false })).status).toBe(403);
    const res = await readerWeb.post(`/statuses/${poll.status_id}/vote`, { 'choices[]': '1', return_to: page });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${page}#s-${poll.status_id}`);
    const after = await (await readerWeb.get(page)).text();
    expect(after).not.toContain('/vote"');
    expect(after).toMatch(/is-own[^]*No[^]*tu elección[^]*100%/);
    const again = await readerWeb.post(`/statuses/${poll.status_id}/vote`, { 'choices[]': '0', return_to: page });
    expect(again.status).toBe(422);
    const votes = await app.ctx.db.selectFrom('poll_votes').select('choice').where('poll_id', '=', poll.id).execute();
    expect(votes).toEqual([{ choice: 1 }]);
  });

  it('a profile shows its pinned posts first', async () => {
    const res = await app.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Mi publicación fijada' } });
    const pinned = (await res.json()) as { id: string };
    await app.request('POST', `/api/v1/statuses/${pinned.id}/pin`, { token: author.token });
    await app.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Una más reciente' } });
    const html = await (await app.request('GET', '/@autora_web_poll')).text();
    expect(html).toContain('Publicaciones fijadas');
    expect(html.indexOf('Mi publicación fijada')).toBeLessThan(html.indexOf('Una más reciente'));
    expect(html.split('Mi publicación fijada').length - 1).toBe(1);
  });

  it('the author pins and unpins a post from its card; nobody else gets the button', async () => {
    const res = await app.request('POST', '/api/v1/statuses', { token: author.token, json: { status: 'Para fijar desde la web' } });
    const s = (await res.json()) as { id: string };
    const page = `/@autora_web_poll/${s.id}`;
    expect(await (await authorWeb.get(page)).text()).toContain(`action="/statuses/${s.id}/pin"`);
    expect(await (await readerWeb.get(page)).text()).not.toContain(`/statuses/${s.id}/pin"`);
    expect((await readerWeb.post(`/statuses/${s.id}/pin`, { return_to: page })).status).toBe(422);
    expect((await authorWeb.post(`/statuses/${s.id}/pin`, { return_to: page })).status).toBe(303);
    expect(await (await authorWeb.get(page)).text()).toContain(`action="/statuses/${s.id}/unpin"`);
    expect((await authorWeb.post(`/statuses/${s.id}/unpin`, { return_to: page })).status).toBe(303);
    const rows = await app.ctx.db.selectFrom('status_pins').select('id').where('status_id', '=', s.id).execute();
    expect(rows).toEqual([]);
  });
});
