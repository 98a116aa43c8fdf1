import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { createVerifiedProfessional } from '../consultas/consulta-test-helpers.js';
import { loadConfig } from '../config.js';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { notify } from '../notifications/notify.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
import { endpointProblem, isInternalAddress } from './push-endpoint.js';
import { startPushReceiver } from './push-receiver.js';

let t: TestApp;
let receiver: Awaited<ReturnType<typeof startPushReceiver>>;
let me: TestUser;
let friend: TestUser;
let serverKey: string;

interface Payload {
  access_token: string;
  preferred_locale: string;
  notification_id: string;
  notification_type: string;
  icon: string;
  title: string;
  body: string;
}

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const subscriptionForm = (path: string, alerts: Record<string, string>, policy = 'all') => ({
  'subscription[endpoint]': `${receiver.origin}${path}`,
  'subscription[keys][p256dh]': receiver.keys.p256dh,
  'subscription[keys][auth]': receiver.keys.auth,
  ...Object.fromEntries(Object.entries(alerts).map(([k, v]) => [`data[alerts][${k}]`, v])),
  'data[policy]': policy,
});

/** Runs the push jobs and answers the messages the receiver got for `path`, decrypted. */
async function pushesTo(path: string): Promise<Payload[]> {
  await runDueJobs(t.ctx, jobHandlers);
  return receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(receiver.decrypt(r.body)) as Payload);
}

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startPushReceiver();
  me = await createVerifiedProfessional(t);
  friend = await t.createUser({ username: 'amiga_push' });
  serverKey = (await json<{ configuration: { vapid: { public_key: string } } }>(await t.request('GET', '/api/v2/instance'))).configuration.vapid.public_key;
});
afterAll(async () => {
  await receiver?.close();
  await t?.close();
});
beforeEach(() => {
  receiver.received.length = 0;
});

describe('VAPID keys', () => {
  it('are made once, stored, and given to apps and in the instance entity', async () => {
    expect(Buffer.from(serverKey, 'base64url')).toHaveLength(65);
    const app = await json<{ vapid_key: string }>(await t.request('POST', '/api/v1/apps', { json: { client_name: 'Push app', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read push' } }));
    expect(app.vapid_key).toBe(serverKey);
    const stored = await t.ctx.db.selectFrom('instance_secrets').select('value').where('name', '=', 'vapid_keys').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value).publicKey).toBe(serverKey);
  });
});

describe('POST/GET/PUT/DELETE /api/v1/push/subscription', () => {
  it('subscribes with a form body and answers the WebPushSubscription entity, then reads, changes (JSON) and removes it', async () => {
    const user = await t.createUser();
    const created = await t.request('POST', '/api/v1/push/subscription', { token: user.token, form: subscriptionForm('/crud', { mention: 'true', favourite: '1' }) });
    expect(created.status).toBe(200);
    const entity = await json<Record<string, unknown>>(created);
    expect(entity).toMatchObject({ endpoint: `${receiver.origin}/crud`, server_key: serverKey, policy: 'all', standard: true });
    expect(entity.alerts).toEqual({ mention: true, status: false, reblog: false, follow: false, follow_request: false, favourite: true, poll: false, update: false, 'admin.sign_up': false, 'admin.report': false });
    expect(typeof entity.id).toBe('string');
    expect(await json(await t.request('GET', '/api/v1/push/subscription', { token: user.token }))).toEqual(entity);

    const changed = await json<{ alerts: Record<string, boolean>; policy: string }>(
      await t.request('PUT', '/api/v1/push/subscription', { token: user.token, json: { data: { alerts: { follow: true, mention: false }, policy: 'follower' } } }),
    );
    expect(changed.alerts).toMatchObject({ follow: true, mention: false, favourite: true });
    expect(changed.policy).toBe('follower');

    expect(await json(await t.request('DELETE', '/api/v1/push/subscription', { token: user.token }))).toEqual({});
    expect((await t.request('GET', '/api/v1/push/subscription', { token: user.token })).status).toBe(404);
    expect((await t.request('PUT', '/api/v1/push/subscription', { token: user.token, json: { data: { policy: 'all' } } })).status).toBe(404);
  });

  it('accepts a JSON body, and keeps one subscription per access token (a new one replaces it)', async () => {
    const user = await t.createUser();
    const body = (path: string) => ({ subscription: { endpoint: `${receiver.origin}${path}`, keys: receiver.keys }, data: { alerts: { follow: true } } });
    const first = await json<{ id: string }>(await t.request('POST', '/api/v1/push/subscription', { token: user.token, json: body('/one') }));
    const second = await json<{ id: string; endpoint: string }>(await t.request('POST', '/api/v1/push/subscription', { token: user.token, json: body('/two') }));
    expect(second.id).not.toBe(first.id);
    expect(second.endpoint).toBe(`${receiver.origin}/two`);
    const rows = await t.ctx.db.selectFrom('push_subscriptions').select('id').where('account_id', '=', user.accountId).execute();
    expect(rows).toHaveLength(1);
  });

  it('refuses endpoints that are not public https URLs, and malformed keys, with 422', async () => {
    const user = await t.createUser();
    const bad = async (endpoint: string, keys = receiver.keys) => (await t.request('POST', '/api/v1/push/subscription', { token: user.token, json: { subscription: { endpoint, keys } } })).status;
    for (const endpoint of ['http://push.example.com/x', 'https://localhost/x', 'https://10.0.0.5/x', 'https://[::1]/x', 'https://169.254.169.254/latest', 'https://192.168.1.1/x', 'ftp://push.example.com/', 'not a url', 'https://intranet/x', 'http://127.0.0.2/x']) {
      expect(await bad(endpoint), endpoint).toBe(422);
    }
    expect(await bad(`${receiver.origin}/k`, { p256dh: 'abc', auth: receiver.keys.auth })).toBe(422);
    expect(await bad(`${receiver.origin}/k`, { p256dh: receiver.keys.p256dh, auth: 'too-short' })).toBe(422);
    expect((await t.request('POST', '/api/v1/push/subscription', { token: user.token, json: { subscription: { endpoint: `${receiver.origin}/k`, keys: receiver.keys }, data: { policy: 'everyone' } } })).status).toBe(422);
    expect((await t.request('POST', '/api/v1/push/subscription', { token: user.token, json: {} })).status).toBe(422);
  });

  it('accepts only https in production, where http://127.0.0.1 is refused too', () => {
    const production = loadConfig({ NODE_ENV: 'production', DATA_DIR: '/tmp/push-api/none', PUBLIC_URL: 'https://medired.example', SEED_DEMO: 'false', MESSAGE_KEYS: '' });
    expect(endpointProblem('http://127.0.0.1:9000/x', production)).not.toBeNull();
    expect(endpointProblem('https://fcm.googleapis.com/fcm/send/abc', production)).toBeNull();
    expect(endpointProblem('https://[fd00::1]/x', production)).not.toBeNull();
    // Each delivery checks the addresses the name resolves to with the same list (DNS rebinding).
    for (const a of ['10.1.2.3', '127.0.0.1', '169.254.169.254', '172.20.0.1', '192.168.0.10', '::1', '::ffff:127.0.0.1', 'fe80::1', 'fd12::1', 'not-an-ip']) expect(isInternalAddress(a), a).toBe(true);
    for (const a of ['8.8.8.8', '142.250.184.10', '2a00:1450:4003:80e::200a']) expect(isInternalAddress(a), a).toBe(false);
  });

  it('needs the push scope: a token with read and write only is refused', async () => {
    const user = await t.createUser();
    const { access_token } = await issueAccessToken(t.ctx.db, { userId: user.userId, applicationId: null, scopes: 'read write follow' });
    const res = await t.request('POST', '/api/v1/push/subscription', { token: access_token, json: { subscription: { endpoint: `${receiver.origin}/scope`, keys: receiver.keys } } });
    expect(res.status).toBe(403);
    expect((await t.request('GET', '/api/v1/push/subscription')).status).toBe(401);
  });
});

describe('delivery of notifications', () => {
  let token: string;
  beforeAll(async () => {
    token = me.token;
    const res = await t.request('POST', '/api/v1/push/subscription', { token, form: subscriptionForm('/me', { mention: 'true', favourite: 'true', follow: 'true', reblog: 'false' }) });
    expect(res.status).toBe(200);
  });

  it('sends an encrypted, VAPID-signed message with Mastodon’s payload when a notification is recorded', async () => {
    const post = await json<{ id: string }>(await t.request('POST', '/api/v1/statuses', { token: me.token, json: { status: 'Consejos para dormir mejor', visibility: 'public' } }));
    await t.request('POST', `/api/v1/statuses/${post.id}/favourite`, { token: friend.token });
    // Nothing is sent inside the request: the job does it.
    expect(receiver.received).toHaveLength(0);
    const [push, ...more] = await pushesTo('/me');
    expect(more).toEqual([]);
    const notifications = await json<{ id: string; type: string }[]>(await t.request('GET', '/api/v1/notifications', { token: me.token }));
    expect(push).toMatchObject({ access_token: token, preferred_locale: 'es', notification_id: notifications[0]!.id, notification_type: 'favourite', body: 'Consejos para dormir mejor' });
    expect(push!.title).toContain('amiga_push');
    expect(push!.icon).toMatch(/^http/);
    const message = receiver.received[0]!;
    expect(message.headers['content-encoding']).toBe('aes128gcm');
    expect(Number(message.headers.ttl)).toBeGreaterThan(0);
    const claims = receiver.verifyVapid(message.headers, serverKey);
    expect(claims.aud).toBe(receiver.origin);
    expect(claims.exp * 1000).toBeGreaterThan(Date.now());
    expect(claims.sub).toMatch(/^(mailto:|https:)/);
  });

  it('never puts a private message’s text in the push: a neutral body instead', async () => {
    await t.request('POST', '/api/v1/medired/conversations', { token: friend.token, json: { account_ids: [me.accountId], status: 'Me han diagnosticado diabetes tipo 2, ¿qué como?' } });
    const pushes = await pushesTo('/me');
    expect(pushes).toHaveLength(1);
    expect(pushes[0]).toMatchObject({ notification_type: 'mention', body: 'Tienes un mensaje privado nuevo' });
    expect(JSON.stringify(pushes[0])).not.toMatch(/diabetes/);
  });

  it('sends only the alerts the subscription asked for, and never Medired’s own types', async () => {
    const post = await json<{ id: string }>(await t.request('POST', '/api/v1/statuses', { token: me.token, json: { status: 'Otra publicación', visibility: 'public' } }));
    await t.request('POST', `/api/v1/statuses/${post.id}/reblog`, { token: friend.token });
    await notify(t.ctx.db, { accountId: me.accountId, type: 'medired.verification', payload: { decision: 'approved' } });
    expect(await pushesTo('/me')).toEqual([]);
  });

  it('honours the policy: "followed" pushes only what comes from accounts one follows', async () => {
    const user = await t.createUser();
    await t.request('POST', '/api/v1/push/subscription', { token: user.token, form: subscriptionForm('/followed', { follow: 'true', mention: 'true' }, 'followed') });
    await t.request('POST', `/api/v1/accounts/${user.accountId}/follow`, { token: friend.token });
    expect(await pushesTo('/followed')).toEqual([]);
    await t.request('POST', `/api/v1/accounts/${friend.accountId}/follow`, { token: user.token });
    await t.request('POST', '/api/v1/statuses', { token: friend.token, json: { status: `Hola @${user.username}`, visibility: 'public' } });
    const pushes = await pushesTo('/followed');
    expect(pushes.map((p) => p.notification_type)).toEqual(['mention']);
    expect(pushes[0]!.body).toContain('Hola');
  });

  it('deletes a subscription whose endpoint answers 410 Gone', async () => {
    const user = await t.createUser();
    await t.request('POST', '/api/v1/push/subscription', { token: user.token, form: subscriptionForm('/gone', { follow: 'true' }) });
    receiver.statusFor.set('/gone', 410);
    await t.request('POST', `/api/v1/accounts/${user.accountId}/follow`, { token: friend.token });
    await pushesTo('/gone');
    expect(receiver.received.filter((r) => r.path === '/gone')).toHaveLength(1);
    expect((await t.request('GET', '/api/v1/push/subscription', { token: user.token })).status).toBe(404);
  });

  it('ends the subscription when its token is revoked', async () => {
    const user = await t.createUser();
    await t.request('POST', '/api/v1/push/subscription', { token: user.token, form: subscriptionForm('/revoked', { follow: 'true' }) });
    const tokens = await json<{ id: string }[]>(await t.request('GET', '/api/v1/medired/tokens', { token: user.token }));
    expect((await t.request('DELETE', `/api/v1/medired/tokens/${tokens[0]!.id}`, { token: user.token })).status).toBe(200);
    expect(await t.ctx.db.selectFrom('push_subscriptions').select('id').where('account_id', '=', user.accountId).execute()).toEqual([]);
    await t.request('POST', `/api/v1/accounts/${user.accountId}/follow`, { token: friend.token });
    expect(await pushesTo('/revoked')).toEqual([]);
  });
});
