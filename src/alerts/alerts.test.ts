import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifiedOrganization } from '../consultas/consulta-test-helpers.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { webSession } from '../web/testing/web-session.js';
import { editDecision, mayPublishAlert, publishDecision, withdrawDecision } from './alerts.policy.js';
import { activeAlertsFor } from './alerts.service.js';

let t: TestApp;
let org: TestUser;
let moderator: TestUser;
const base = '/api/v1/medired/alerts';
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const alert = (extra: Record<string, unknown> = {}) => ({
  title: 'Ola de calor en Madrid',
  body: 'Se esperan temperaturas de más de 40 °C. Bebe agua y evita salir en las horas centrales.',
  severity: 'warning',
  country: 'ES',
  city: 'Madrid',
  expires_at: inDays(3),
  ...extra,
});

beforeAll(async () => {
  t = await createTestApp();
  await t.createUser();
  org = await createVerifiedOrganization(t, { country: 'ES', city: 'Madrid' });
  moderator = await t.createUser();
  await t.setStaffRole(moderator, 'moderator');
});
afterAll(async () => {
  await t.close();
});

async function publish(user: TestUser, extra: Record<string, unknown> = {}) {
  const res = await t.request('POST', base, { token: user.token, json: alert(extra) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as { id: string; active: boolean; region: { country: string; city: string | null } };
}

describe('publishing health alerts', () => {
  it('only verified organisations publish: patients, professionals and unverified organisations get 403, anonymous 401', async () => {
    const patient = await t.createUser();
    const pro = await t.createUser({ kind: 'professional', profession: 'doctor', specialty: 'cardiology' });
    await t.ctx.db.updateTable('accounts').set({ verification_status: 'verified' }).where('id', '=', pro.accountId).execute();
    const unverifiedOrg = await t.createUser({ kind: 'organization', organization_type: 'hospital' });
    for (const user of [patient, pro, unverifiedOrg]) {
      expect((await t.request('POST', base, { token: user.token, json: alert() })).status).toBe(403);
    }
    expect((await t.request('POST', base, { json: alert() })).status).toBe(401);
    const created = await publish(org);
    expect(created.active).toBe(true);
    expect(created.region).toEqual({ country: 'ES', city: 'Madrid' });
  });

  it('requires an expiry in the future and at most 90 days away, and a known severity', async () => {
    for (const bad of [{ expires_at: inDays(-1) }, { expires_at: inDays(91) }, { expires_at: 'mañana' }, { severity: 'critical' }, { expires_at: undefined }]) {
      const res = await t.request('POST', base, { token: org.token, json: alert(bad) });
      expect(res.status, JSON.stringify(bad)).toBe(422);
    }
  });

  it('lets only the author edit or withdraw; staff may withdraw', async () => {
    const a = await publish(org);
    const other = await createVerifiedOrganization(t);
    expect((await t.request('PUT', `${base}/${a.id}`, { token: other.token, json: alert({ title: 'Cambiado por otro' }) })).status).toBe(403);
    const edited = await t.request('PUT', `${base}/${a.id}`, { token: org.token, json: alert({ title: 'Ola de calor: actualización', severity: 'urgent' }) });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { severity: string }).severity).toBe('urgent');
    expect((await t.request('DELETE', `${base}/${a.id}`, { token: other.token })).status).toBe(403);
    const withdrawn = await t.request('DELETE', `${base}/${a.id}`, { token: org.token });
    expect(((await withdrawn.json()) as { active: boolean }).active).toBe(false);
    expect((await t.request('PUT', `${base}/${a.id}`, { token: org.token, json: alert() })).status).toBe(409);
    const b = await publish(org);
    expect((await t.request('DELETE', `${base}/${b.id}`, { token: moderator.token })).status).toBe(200);
  });
});

describe('the alert policy: one rule for the API and the web pages', () => {
  const actor = { kind: 'organization', verification_status: 'verified', suspended_at: null } as const;
  const me = { accountId: '1', staffRole: 'user', mfaEnabled: false, suspended: false } as const;
  const up = { account_id: '1', expires_at: new Date(Date.now() + 86_400_000), withdrawn_at: null };

  it('answers publish, edit and withdraw from the viewer, its account and the alert', () => {
    expect(publishDecision(me, actor)).toBe('allowed');
    expect(publishDecision(null, actor)).toBe('not_publisher');
    expect(publishDecision({ ...me, suspended: true }, actor)).toBe('not_publisher');
    expect(publishDecision(me, { ...actor, suspended_at: new Date() })).toBe('not_publisher');
    expect(publishDecision(me, { ...actor, verification_status: 'pending' })).toBe('not_publisher');
    expect(publishDecision(me, { ...actor, kind: 'professional' })).toBe('not_publisher');
    expect(editDecision(me, actor, up)).toBe('allowed');
    expect(editDecision({ ...me, accountId: '2' }, actor, up)).toBe('not_author');
    expect(editDecision(me, actor, { ...up, withdrawn_at: new Date() })).toBe('withdrawn');
    expect(editDecision(me, actor, { ...up, expires_at: new Date(Date.now() - 1000) })).toBe('ended');
    expect(editDecision(me, { ...actor, verification_status: 'revoked' }, up)).toBe('not_publisher');
    expect(withdrawDecision(me, up)).toBe('allowed');
    expect(withdrawDecision({ ...me, suspended: true }, up)).toBe('not_author');
    expect(withdrawDecision({ accountId: '2', staffRole: 'moderator', mfaEnabled: false, suspended: false }, up)).toBe('not_author');
    expect(withdrawDecision({ accountId: '2', staffRole: 'moderator', mfaEnabled: true, suspended: false }, up)).toBe('allowed');
    expect(mayPublishAlert(me, undefined)).toBe(false);
  });

  it('does not offer a suspended organisation the publish form on the web', async () => {
    const suspended = await createVerifiedOrganization(t);
    const session = await webSession(t, suspended);
    expect(await (await session.get('/alertas')).text()).toContain('href="/alertas/nueva"');
    await t.ctx.db.updateTable('accounts').set({ suspended_at: new Date() }).where('id', '=', suspended.accountId).execute();
    expect((await session.get('/alertas/nueva')).status).toBe(403);
    expect(await (await session.get('/alertas')).text()).not.toContain('href="/alertas/nueva"');
  });

  it('does not let a moderator without two-factor authentication withdraw an alert from the web page', async () => {
    const a = await publish(org);
    const modNo2fa = await t.createUser();
    await t.setStaffRole(modNo2fa, 'moderator', { totp: false });
    const session = await webSession(t, modNo2fa);
    expect(await (await session.get(`/alertas/${a.id}`)).text()).not.toContain(`/alertas/${a.id}/withdraw`);
    expect((await session.post(`/alertas/${a.id}/withdraw`, {})).status).toBe(403);
    expect(((await (await t.request('GET', `${base}/${a.id}`)).json()) as { active: boolean }).active).toBe(true);
    const own = await webSession(t, org);
    expect(await (await own.get(`/alertas/${a.id}`)).text()).toContain(`/alertas/${a.id}/withdraw`);
  });

  it('shows the publish and edit forms again with what was typed when a field cannot be stored, only to whom may publish and edit', async () => {
    const session = await webSession(t, org);
    const typed = { ...alert({ city: 'Madrid', expires_at: inDays(3).slice(0, 10) }), title: 'Cierre\u0000 del centro', body: 'Texto largo que la organización no quiere volver a escribir.' };
    const refused = await session.post('/alertas', typed);
    expect(refused.status).toBe(422);
    const html = await refused.text();
    expect(html).toContain('Texto largo que la organización no quiere volver a escribir.');
    expect(html).toContain('No puede contener bytes nulos');
    const a = await publish(org);
    const editRefused = await session.post(`/alertas/${a.id}/edit`, typed);
    expect(editRefused.status).toBe(422);
    expect(await editRefused.text()).toContain('Texto largo que la organización no quiere volver a escribir.');
    const patient = await webSession(t, await t.createUser());
    const notHers = await patient.post(`/alertas/${a.id}/edit`, typed);
    expect(notHers.status).toBe(422);
    expect(await notHers.text()).not.toContain('name="title"');
    expect(await (await patient.post('/alertas', typed)).text()).not.toContain('name="title"');
  });

  it('refuses editing or withdrawing an alert that has already expired (409)', async () => {
    const a = await publish(org);
    await t.ctx.db.updateTable('health_alerts').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', a.id).execute();
    expect((await t.request('PUT', `${base}/${a.id}`, { token: org.token, json: alert() })).status).toBe(409);
    expect((await t.request('DELETE', `${base}/${a.id}`, { token: org.token })).status).toBe(409);
  });
});

describe('who sees an alert pinned on their home', () => {
  it('followers of the organisation and accounts of the region see it; others do not; it disappears once expired', async () => {
    const app = await createTestApp();
    try {
      await app.createUser();
      const health = await createVerifiedOrganization(app, { country: 'ES', city: 'Sevilla' });
      const follower = await app.createUser({ country: 'MX', city: 'Puebla' });
      await app.ctx.db.insertInto('follows').values({ follower_id: follower.accountId, followed_id: health.accountId }).execute();
      const sameCity = await app.createUser({ country: 'ES', city: 'SEVILLA' });
      const otherCity = await app.createUser({ country: 'ES', city: 'Bilbao' });
      const abroad = await app.createUser({ country: 'FR', city: 'Sevilla' });
      const noRegion = await app.createUser();
      const res = await app.request('POST', base, { token: health.token, json: alert({ city: 'Sevilla' }) });
      const created = (await res.json()) as { id: string };
      const ids = async (user: TestUser) => {
        const r = await app.request('GET', `${base}/active`, { token: user.token });
        expect(r.status).toBe(200);
        return ((await r.json()) as { id: string }[]).map((a) => a.id);
      };
      expect(await ids(follower)).toEqual([created.id]);
      expect(await ids(sameCity)).toEqual([created.id]);
      expect(await ids(otherCity)).toEqual([]);
      expect(await ids(abroad)).toEqual([]);
      expect(await ids(noRegion)).toEqual([]);
      expect((await app.request('GET', `${base}/active`)).status).toBe(401);
      // A country-wide alert reaches every account of the country.
      const national = (await (await app.request('POST', base, { token: health.token, json: alert({ city: '', severity: 'urgent', title: 'Alerta sanitaria nacional' }) })).json()) as { id: string };
      expect(await ids(otherCity)).toEqual([national.id]);
      expect(await ids(sameCity)).toEqual([national.id, created.id]);
      // A muted organisation's alerts are not pinned.
      await app.ctx.db.insertInto('mutes').values({ account_id: sameCity.accountId, target_account_id: health.accountId }).execute();
      expect(await ids(sameCity)).toEqual([]);
      // Expired alerts disappear on their own.
      await app.ctx.db.updateTable('health_alerts').set({ expires_at: new Date(Date.now() - 1000) }).execute();
      expect(await ids(follower)).toEqual([]);
      expect(await activeAlertsFor(app.ctx, null)).toEqual([]);
      const publicActive = (await (await app.request('GET', base)).json()) as unknown[];
      expect(publicActive).toEqual([]);
      const recent = (await (await app.request('GET', `${base}?status=all`)).json()) as { id: string; active: boolean }[];
      expect(recent.map((a) => a.active)).toEqual([false, false]);
    } finally {
      await app.close();
    }
  });
});

describe('public alert list and feeds', () => {
  it('lists active alerts for anyone and serves valid, escaped Atom and RSS feeds', async () => {
    await publish(org, { title: 'Brote de <sarampión> & vacunación', body: 'Consulta tu cartilla de vacunación <script>alert(1)</script>.' });
    const list = await t.request('GET', base);
    expect(list.status).toBe(200);
    expect(((await list.json()) as unknown[]).length).toBeGreaterThan(0);
    const atom = await t.request('GET', '/alertas.atom');
    expect(atom.status).toBe(200);
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    const atomText = await atom.text();
    expect(atomText).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\s*<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    expect(atomText).toContain('Brote de &lt;sarampión&gt; &amp; vacunación');
    expect(atomText).not.toContain('<script');
    expect(atomText).not.toContain('<sarampión>');
    expectWellFormed(atomText);
    const rss = await t.request('GET', '/alertas.rss');
    expect(rss.status).toBe(200);
    expect(rss.headers.get('content-type')).toContain('application/rss+xml');
    const rssText = await rss.text();
    expect(rssText).toContain('<rss version="2.0"');
    expect(rssText).toContain('Brote de &lt;sarampión&gt; &amp; vacunación');
    expectWellFormed(rssText);
    const page = await t.request('GET', '/alertas', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Brote de &lt;sarampión&gt; &amp; vacunación');
  });
});

/** A small XML well-formedness check: every tag closes in order, and no bare '&' or '<' in text. */
function expectWellFormed(xml: string): void {
  const body = xml.replace(/^<\?xml[^>]*\?>/, '');
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const text = body.slice(last, m.index);
    expect(text, 'text between tags').not.toMatch(/<|&(?!(?:amp|lt|gt|quot|apos|#\d+);)/);
    last = re.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) expect(stack.pop()).toBe(name);
    else stack.push(name!);
  }
  expect(body.slice(last).trim()).toBe('');
  expect(stack).toEqual([]);
}
