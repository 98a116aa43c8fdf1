import webpush from 'web-push';
import type { AppContext } from '../app-context.js';
import { findAccountById } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import type { Db } from '../db/connect.js';
import type { Job } from '../jobs/jobs.queue.js';
import { enqueue } from '../jobs/jobs.queue.js';
import { isFollowing } from '../relations/relations.repository.js';
import { htmlToText } from '../text/markdown.js';
import { sendPushRequest } from './push-endpoint.js';
import { PRIVATE_MESSAGE_BODY, pushTitle } from './push-messages.js';
import { deleteSubscription, findLiveSubscriptionsOf, hasSubscriptions, findPushedNotification, findPushedStatus } from './push.repository.js';
import { sealedTokenPlace } from './push.service.js';
import { PUSH_ALERT_TYPES, type PushAlertType } from './push.table.js';
import { vapidKeys } from './vapid.js';

/** The queue of Web Push deliveries: one job per notification whose recipient has subscriptions. */
export const PUSH_DELIVERY_QUEUE = 'push.deliver';

/** How long a push service keeps a message for a phone that is offline (Mastodon: 48 hours). */
const TTL_SECONDS = 48 * 3600;
const BODY_MAX = 140;

const isPushType = (type: string): type is PushAlertType => (PUSH_ALERT_TYPES as readonly string[]).includes(type);

/**
 * Called by `notify()` inside the notification's transaction: enqueues its push delivery when
 * the type is one Mastodon apps know (Medired's `medired.*` types are not pushed to them) and the
 * recipient has a subscription. The job exists only if the notification commits, and a slow push
 * service never slows the request.
 */
export async function enqueuePushDelivery(db: Db, notification: { id: string; accountId: string; type: string }): Promise<void> {
  if (!isPushType(notification.type)) return;
  if (!(await hasSubscriptions(db, notification.accountId))) return;
  await enqueue(db, PUSH_DELIVERY_QUEUE, { notificationId: notification.id });
}

/** Mastodon's push payload (what the app's service worker or extension decrypts). */
interface PushPayload {
  access_token: string;
  preferred_locale: string;
  notification_id: string;
  notification_type: PushAlertType;
  icon: string;
  title: string;
  body: string;
}

async function describe(app: AppContext, notification: { type: PushAlertType; from_account_id: string | null; status_id: string | null }) {
  const from = notification.from_account_id ? await findAccountById(app.db, notification.from_account_id) : undefined;
  const sender = from ? toMastodonAccount(from, app.config) : null;
  const status = notification.status_id
    ? await findPushedStatus(app.db, notification.status_id)
    : undefined;
  const privateMessage = status?.visibility === 'direct';
  const text = status && !privateMessage ? status.spoiler_text || status.title || htmlToText(status.content_html) : sender ? `@${sender.acct}` : '';
  return {
    name: sender ? sender.display_name || sender.username : app.config.instanceName,
    icon: sender?.avatar ?? `${app.config.publicUrl}/static/logo.svg`,
    privateMessage,
    text: text.length > BODY_MAX ? `${text.slice(0, BODY_MAX - 1)}…` : text,
  };
}

/**
 * Delivers one notification to each of the recipient's subscriptions that wants its type and
 * whose policy admits its sender, encrypted (aes128gcm, RFC 8291) and signed with the instance's
 * VAPID key (RFC 8292). A subscription whose endpoint answers 404 or 410 is gone and is deleted;
 * other failures are logged (without the endpoint, which identifies a device) and not retried.
 */
export async function deliverPush(app: AppContext, job: Job): Promise<void> {
  const notificationId = String(job.payload.notificationId);
  const notification = await findPushedNotification(app.db, notificationId);
  if (!notification || !isPushType(notification.type)) return;
  const type = notification.type;
  const subscriptions = (await findLiveSubscriptionsOf(app.db, notification.account_id)).filter((s) => s.alerts[type] === true && s.policy !== 'none');
  if (subscriptions.length === 0) return;
  const from = notification.from_account_id;
  const relation = {
    followed: async () => (from ? isFollowing(app.db, notification.account_id, from) : false),
    follower: async () => (from ? isFollowing(app.db, from, notification.account_id) : false),
  };
  const about = await describe(app, { type, from_account_id: from, status_id: notification.status_id });
  const keys = await vapidKeys(app.db);
  const publicUrl = new URL(app.config.publicUrl);
  const subject = publicUrl.protocol === 'https:' ? publicUrl.origin : `mailto:push@${publicUrl.hostname}`;
  const log = app.log.child('push');

  for (const s of subscriptions) {
    if ((s.policy === 'followed' || s.policy === 'follower') && !(await relation[s.policy]())) continue;
    try {
      const payload: PushPayload = {
        access_token: app.sealer.open(s.access_token_sealed, sealedTokenPlace(s.access_token_id)),
        preferred_locale: s.locale,
        notification_id: notification.id,
        notification_type: type,
        icon: about.icon,
        title: pushTitle(s.locale, type, about.name, about.privateMessage),
        body: about.privateMessage ? PRIVATE_MESSAGE_BODY[s.locale] : about.text,
      };
      const request = webpush.generateRequestDetails({ endpoint: s.endpoint, keys: { p256dh: s.key_p256dh, auth: s.key_auth } }, JSON.stringify(payload), {
        vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: TTL_SECONDS,
        contentEncoding: 'aes128gcm',
        urgency: type === 'mention' ? 'high' : 'normal',
      });
      const status = await sendPushRequest({ endpoint: request.endpoint, method: request.method, headers: request.headers as Record<string, string | number>, body: request.body }, app.config);
      if (status === 404 || status === 410) await deleteSubscription(app.db, s.id);
      else if (status < 200 || status >= 300) log.warn('push endpoint refused a message', { subscriptionId: s.id, status });
    } catch (err) {
      log.warn('push delivery failed', { subscriptionId: s.id, err: err instanceof Error ? err.message : String(err) });
    }
  }
}
