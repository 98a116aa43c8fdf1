import { z } from 'zod';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { zBool } from '../http/schemas.js';
import { changeSubscription, currentSubscription, subscribe, unsubscribe } from './push.service.js';
import { PUSH_ALERT_TYPES, PUSH_POLICIES, type PushAlertType } from './push.table.js';

const tags = ['push'];

// Alert names Medired does not know (a newer client's) are ignored, as Mastodon ignores them.
const alerts = z.object(Object.fromEntries(PUSH_ALERT_TYPES.map((t) => [t, zBool.optional()])) as Record<PushAlertType, z.ZodOptional<typeof zBool>>);
const data = z.object({ alerts: alerts.optional(), policy: z.enum(PUSH_POLICIES).optional() }).optional();
const keyText = z.string().min(1).max(200);

const create = defineRoute({
  method: 'post',
  path: '/api/v1/push/subscription',
  summary: 'Subscribe this access token to Web Push notifications (replaces its previous subscription)',
  description:
    'subscription[endpoint] (a public https:// URL), subscription[keys][p256dh], subscription[keys][auth], data[alerts][<type>] and data[policy] (all, followed, follower, none), form-encoded or JSON. Messages are encrypted with aes128gcm (RFC 8291) and signed with the VAPID key of /api/v2/instance.',
  tags,
  auth: 'user',
  scope: 'push',
  body: z.object({
    subscription: z.object({ endpoint: z.string().min(1).max(2000), keys: z.object({ p256dh: keyText, auth: keyText }), standard: zBool.optional() }),
    data,
  }),
  errors: ['validation_failed'],
  handler: async ({ app, viewer, body, c }) => {
    const rawToken = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '').trim();
    const { endpoint, keys } = body.subscription;
    return subscribe(app, viewer!, rawToken, { endpoint, p256dh: keys.p256dh, auth: keys.auth, alerts: body.data?.alerts ?? {}, policy: body.data?.policy });
  },
});

const show = defineRoute({
  method: 'get',
  path: '/api/v1/push/subscription',
  summary: "This access token's Web Push subscription",
  tags,
  auth: 'user',
  scope: 'push',
  errors: ['not_found'],
  handler: async ({ app, viewer }) => currentSubscription(app, viewer!),
});

const update = putAndPatch({
  path: '/api/v1/push/subscription',
  summary: "Change which notifications this access token's subscription receives",
  tags,
  auth: 'user',
  scope: 'push',
  body: z.object({ data, policy: z.enum(PUSH_POLICIES).optional() }),
  errors: ['not_found'],
  handler: async ({ app, viewer, body }) => changeSubscription(app, viewer!, { alerts: body.data?.alerts, policy: body.data?.policy ?? body.policy }),
});

const remove = defineRoute({
  method: 'delete',
  path: '/api/v1/push/subscription',
  summary: "Remove this access token's Web Push subscription",
  tags,
  auth: 'user',
  scope: 'push',
  handler: async ({ app, viewer }) => {
    await unsubscribe(app, viewer!);
    return {};
  },
});

export const pushRoutes: AnyRoute[] = [create, show, ...update, remove];
