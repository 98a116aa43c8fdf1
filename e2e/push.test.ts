import { expect, it } from 'vitest';
import { startPushReceiver } from '../src/push/push-receiver.js';
import { browserWorld } from './browser-world.js';

/**
 * Web Push end to end through a real server and its job worker: a Mastodon app signs in with the
 * password grant and subscribes its token to a local push receiver; another person follows her
 * from the web page; the worker, not the request, delivers the encrypted, VAPID-signed message,
 * which the receiver decrypts. The follow page answers without waiting for the push service.
 */
const world = browserWorld();

it('a follow made in the browser reaches the app’s push subscription, encrypted and signed', async () => {
  const url = world.server.url;
  const receiver = await startPushReceiver();
  try {
    // Marta signs up in the browser, then her Mastodon app signs in with her password.
    const marta = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
    await world.signUp(marta, 'marta_push');
    const app = (await (await fetch(`${url}/api/v1/apps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_name: 'App de avisos', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read push' }) })).json()) as { client_id: string; client_secret: string; vapid_key: string };
    const form = new URLSearchParams({ grant_type: 'password', client_id: app.client_id, client_secret: app.client_secret, username: 'marta_push', password: 'una contraseña bastante larga 42', scope: 'read push' });
    const token = ((await (await fetch(`${url}/oauth/token`, { method: 'POST', body: form })).json()) as { access_token: string }).access_token;
    expect(token).toBeTruthy();
    const subscribe = new URLSearchParams({ 'subscription[endpoint]': `${receiver.origin}/marta`, 'subscription[keys][p256dh]': receiver.keys.p256dh, 'subscription[keys][auth]': receiver.keys.auth, 'data[alerts][follow]': 'true' });
    const subscribed = await fetch(`${url}/api/v1/push/subscription`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: subscribe });
    expect(subscribed.status).toBe(200);
    expect(((await subscribed.json()) as { server_key: string }).server_key).toBe(app.vapid_key);

    // Luis follows her from her profile page.
    const luis = await (await world.browser.newContext({ locale: 'es-ES' })).newPage();
    await world.signUp(luis, 'luis_push');
    await luis.goto(`${url}/@marta_push`);
    await Promise.all([luis.waitForURL(/\/@marta_push/), luis.locator('form[action="/@marta_push/follow"] button[type="submit"]').click()]);

    // The job worker delivers it shortly after.
    const deadline = Date.now() + 10_000;
    while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(receiver.received).toHaveLength(1);
    const message = receiver.received[0]!;
    receiver.verifyVapid(message.headers, app.vapid_key);
    const payload = JSON.parse(receiver.decrypt(message.body)) as Record<string, string>;
    expect(payload).toMatchObject({ access_token: token, notification_type: 'follow', preferred_locale: 'es' });
    expect(payload.title).toContain('luis_push');
  } finally {
    await receiver.close();
  }
});
