import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { MEDIRED_VERSION } from './version.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser({ username: 'finger_me' });
  const gone = await t.createUser({ username: 'finger_gone' });
  await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', gone.accountId).execute();
});
afterAll(async () => {
  await t.close();
});

describe('discovery documents', () => {
  it('NodeInfo is found from /.well-known/nodeinfo and says what the software is, honestly', async () => {
    const index = (await (await t.request('GET', '/.well-known/nodeinfo')).json()) as { links: { rel: string; href: string }[] };
    expect(index.links.map((link) => link.rel)).toContain('http://nodeinfo.diaspora.software/ns/schema/2.1');
    const href = new URL(index.links.find((link) => link.rel.endsWith('/2.1'))!.href);
    const response = await t.request('GET', href.pathname);
    expect(response.headers.get('content-type')).toContain('application/json');
    const doc = (await response.json()) as { version: string; software: { name: string; version: string }; protocols: string[]; usage: { users: { total: number } }; openRegistrations: boolean };
    expect(doc.version).toBe('2.1');
    expect(doc.software).toMatchObject({ name: 'medired', version: MEDIRED_VERSION });
    // No federation yet: no protocol is claimed.
    expect(doc.protocols).toEqual([]);
    expect(doc.usage.users.total).toBeGreaterThanOrEqual(1);
    expect(((await (await t.request('GET', '/nodeinfo/2.0')).json()) as { version: string }).version).toBe('2.0');
  });

  it('the version reported is the package version', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(MEDIRED_VERSION).toBe(pkg.version);
  });

  it('host-meta points to WebFinger', async () => {
    const response = await t.request('GET', '/.well-known/host-meta');
    expect(response.headers.get('content-type')).toContain('application/xrd+xml');
    expect(await response.text()).toContain('rel="lrdd" template="http://medired.test/.well-known/webfinger?resource={uri}"');
  });

  it('WebFinger finds a local account by acct: or by its profile URL, and nobody else', async () => {
    for (const resource of ['acct:finger_me@medired.test', 'finger_me@medired.test', 'http://medired.test/@finger_me']) {
      const response = await t.request('GET', `/.well-known/webfinger?resource=${encodeURIComponent(resource)}`);
      expect(response.status, resource).toBe(200);
      expect(response.headers.get('content-type')).toContain('application/jrd+json');
      const jrd = (await response.json()) as { subject: string; links: { rel: string; href: string; type?: string }[] };
      expect(jrd.subject).toBe('acct:finger_me@medired.test');
      expect(jrd.links).toContainEqual({ rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: 'http://medired.test/@finger_me' });
      // No ActivityPub actor is advertised while none answers.
      expect(jrd.links.some((link) => link.type?.includes('activity'))).toBe(false);
    }
    for (const resource of ['acct:finger_me@elsewhere.example', 'acct:nobody_here@medired.test', 'acct:finger_gone@medired.test', 'mailto:x@y']) {
      const response = await t.request('GET', `/.well-known/webfinger?resource=${encodeURIComponent(resource)}`);
      expect(response.status, resource).toBe(404);
    }
    expect((await t.request('GET', '/.well-known/webfinger')).status).toBeLessThan(500);
    expect((await t.request('GET', '/.well-known/webfinger')).status).toBeGreaterThanOrEqual(400);
  });

  it('profile pages no longer advertise an ActivityPub address that does not answer', async () => {
    const page = await (await t.request('GET', '/@finger_me')).text();
    expect(page).not.toContain('application/activity+json');
  });
});
