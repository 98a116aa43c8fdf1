import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { LEGAL_TEXTS_DATE } from '../instance/legal-texts.js';
import { jobHandlers } from '../jobs/job-handlers.js';
import { runDueJobs } from '../jobs/jobs.queue.js';
import { startPushReceiver } from '../push/push-receiver.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';

/**
 * Every route of Mastodon's client API answers here: none is missing (a 404 of the router). The
 * list below is written from Mastodon's `config/routes/api.rb` (the v1 and v2 namespaces, admin
 * included; Rails' `update` answers both PUT and PATCH) and, for OAuth and discovery, from
 * `config/routes.rb` (Doorkeeper's authorize, token and revoke, `/oauth/userinfo`, `.well-known`,
 * NodeInfo). Left out: Mastodon's own web UI endpoints (`/api/web/*`) and the experimental
 * `/api/v1_alpha/*` (async refreshes, collections).
 *
 * Each route is called once, by an account that may use it (an administrator with two-factor
 * authentication on the admin API), on records of a world built for it, and must answer
 * something other than 404 and below 500. Where a record cannot exist in Medired (a quote, a
 * trending link) the route answers Mastodon's refusal for that state, never 404.
 */
const MASTODON_ROUTES = `
GET /api/oembed
GET /api/v1/statuses
POST /api/v1/statuses
GET /api/v1/statuses/:id
PUT /api/v1/statuses/:id
PATCH /api/v1/statuses/:id
DELETE /api/v1/statuses/:id
GET /api/v1/statuses/:id/reblogged_by
GET /api/v1/statuses/:id/favourited_by
POST /api/v1/statuses/:id/reblog
POST /api/v1/statuses/:id/unreblog
GET /api/v1/statuses/:id/quotes
POST /api/v1/statuses/:id/quotes/:quote_id/revoke
POST /api/v1/statuses/:id/favourite
POST /api/v1/statuses/:id/unfavourite
POST /api/v1/statuses/:id/bookmark
POST /api/v1/statuses/:id/unbookmark
POST /api/v1/statuses/:id/mute
POST /api/v1/statuses/:id/unmute
POST /api/v1/statuses/:id/pin
POST /api/v1/statuses/:id/unpin
GET /api/v1/statuses/:id/history
GET /api/v1/statuses/:id/source
PUT /api/v1/statuses/:id/interaction_policy
PATCH /api/v1/statuses/:id/interaction_policy
POST /api/v1/statuses/:id/translate
GET /api/v1/statuses/:id/context
GET /api/v1/timelines/direct
GET /api/v1/timelines/home
GET /api/v1/timelines/public
GET /api/v1/timelines/link
GET /api/v1/timelines/tag/:id
GET /api/v1/timelines/list/:id
GET /api/v1/streaming
GET /api/v1/streaming/health
GET /api/v1/streaming/user
GET /api/v1/streaming/user/notification
GET /api/v1/streaming/public
GET /api/v1/streaming/public/local
GET /api/v1/streaming/public/remote
GET /api/v1/streaming/hashtag
GET /api/v1/streaming/hashtag/local
GET /api/v1/streaming/list
GET /api/v1/streaming/direct
GET /api/v1/custom_emojis
GET /api/v1/suggestions
DELETE /api/v1/suggestions/:id
GET /api/v1/scheduled_statuses
GET /api/v1/scheduled_statuses/:id
PUT /api/v1/scheduled_statuses/:id
PATCH /api/v1/scheduled_statuses/:id
DELETE /api/v1/scheduled_statuses/:id
GET /api/v1/preferences
GET /api/v1/donation_campaigns
GET /api/v1/annual_reports
GET /api/v1/annual_reports/:id
POST /api/v1/annual_reports/:id/read
POST /api/v1/annual_reports/:id/generate
GET /api/v1/annual_reports/:id/state
GET /api/v1/announcements
PUT /api/v1/announcements/:announcement_id/reactions/:id
DELETE /api/v1/announcements/:announcement_id/reactions/:id
POST /api/v1/announcements/:id/dismiss
GET /api/v1/conversations
DELETE /api/v1/conversations/:id
POST /api/v1/conversations/:id/read
POST /api/v1/conversations/:id/unread
POST /api/v1/media
GET /api/v1/media/:id
PUT /api/v1/media/:id
PATCH /api/v1/media/:id
DELETE /api/v1/media/:id
GET /api/v1/blocks
GET /api/v1/mutes
GET /api/v1/favourites
GET /api/v1/bookmarks
POST /api/v1/reports
GET /api/v1/trends
GET /api/v1/filters
POST /api/v1/filters
GET /api/v1/filters/:id
PUT /api/v1/filters/:id
PATCH /api/v1/filters/:id
DELETE /api/v1/filters/:id
GET /api/v1/endorsements
GET /api/v1/markers
POST /api/v1/markers
GET /api/v1/profile
PUT /api/v1/profile
PATCH /api/v1/profile
DELETE /api/v1/profile/avatar
DELETE /api/v1/profile/header
GET /api/v1/apps/verify_credentials
POST /api/v1/apps
GET /api/v1/trends/tags
GET /api/v1/trends/links
GET /api/v1/trends/statuses
POST /api/v1/emails/confirmations
GET /api/v1/emails/check_confirmation
GET /api/v1/instance
GET /api/v1/instance/peers
GET /api/v1/instance/rules
GET /api/v1/instance/domain_blocks
GET /api/v1/instance/terms_of_service
GET /api/v1/instance/terms_of_service/:date
GET /api/v1/instance/privacy_policy
GET /api/v1/instance/extended_description
GET /api/v1/instance/translation_languages
GET /api/v1/instance/languages
GET /api/v1/instance/activity
GET /api/v1/peers/search
GET /api/v1/domain_blocks/preview
GET /api/v1/domain_blocks
POST /api/v1/domain_blocks
DELETE /api/v1/domain_blocks
GET /api/v1/directory
GET /api/v1/follow_requests
POST /api/v1/follow_requests/:id/authorize
POST /api/v1/follow_requests/:id/reject
GET /api/v1/notifications/requests
GET /api/v1/notifications/requests/:id
POST /api/v1/notifications/requests/accept
POST /api/v1/notifications/requests/dismiss
GET /api/v1/notifications/requests/merged
POST /api/v1/notifications/requests/:id/accept
POST /api/v1/notifications/requests/:id/dismiss
GET /api/v1/notifications/policy
PUT /api/v1/notifications/policy
PATCH /api/v1/notifications/policy
GET /api/v1/notifications
GET /api/v1/notifications/:id
DELETE /api/v1/notifications/:id
POST /api/v1/notifications/clear
DELETE /api/v1/notifications/destroy_multiple
GET /api/v1/notifications/unread_count
POST /api/v1/notifications/:id/dismiss
GET /api/v1/accounts/verify_credentials
PATCH /api/v1/accounts/update_credentials
GET /api/v1/accounts/search
GET /api/v1/accounts/lookup
GET /api/v1/accounts/relationships
GET /api/v1/accounts/familiar_followers
GET /api/v1/accounts
POST /api/v1/accounts
GET /api/v1/accounts/:id
GET /api/v1/accounts/:id/statuses
GET /api/v1/accounts/:id/followers
GET /api/v1/accounts/:id/following
GET /api/v1/accounts/:id/lists
GET /api/v1/accounts/:id/identity_proofs
GET /api/v1/accounts/:id/featured_tags
GET /api/v1/accounts/:id/endorsements
POST /api/v1/accounts/:id/follow
POST /api/v1/accounts/:id/unfollow
POST /api/v1/accounts/:id/remove_from_followers
POST /api/v1/accounts/:id/block
POST /api/v1/accounts/:id/unblock
POST /api/v1/accounts/:id/mute
POST /api/v1/accounts/:id/unmute
POST /api/v1/accounts/:id/pin
POST /api/v1/accounts/:id/endorse
POST /api/v1/accounts/:id/unpin
POST /api/v1/accounts/:id/unendorse
POST /api/v1/accounts/:id/note
GET /api/v1/tags/:id
POST /api/v1/tags/:id/follow
POST /api/v1/tags/:id/unfollow
POST /api/v1/tags/:id/feature
POST /api/v1/tags/:id/unfeature
GET /api/v1/followed_tags
GET /api/v1/lists
POST /api/v1/lists
GET /api/v1/lists/:id
PUT /api/v1/lists/:id
PATCH /api/v1/lists/:id
DELETE /api/v1/lists/:id
GET /api/v1/lists/:id/accounts
POST /api/v1/lists/:id/accounts
DELETE /api/v1/lists/:id/accounts
GET /api/v1/featured_tags/suggestions
GET /api/v1/featured_tags
POST /api/v1/featured_tags
DELETE /api/v1/featured_tags/:id
GET /api/v1/polls/:id
POST /api/v1/polls/:id/votes
POST /api/v1/push/subscription
GET /api/v1/push/subscription
PUT /api/v1/push/subscription
PATCH /api/v1/push/subscription
DELETE /api/v1/push/subscription
GET /api/v1/admin/accounts
GET /api/v1/admin/accounts/:id
DELETE /api/v1/admin/accounts/:id
POST /api/v1/admin/accounts/:id/enable
POST /api/v1/admin/accounts/:id/unsensitive
POST /api/v1/admin/accounts/:id/unsilence
POST /api/v1/admin/accounts/:id/unsuspend
POST /api/v1/admin/accounts/:id/approve
POST /api/v1/admin/accounts/:id/reject
POST /api/v1/admin/accounts/:id/action
GET /api/v1/admin/reports
GET /api/v1/admin/reports/:id
PUT /api/v1/admin/reports/:id
PATCH /api/v1/admin/reports/:id
POST /api/v1/admin/reports/:id/assign_to_self
POST /api/v1/admin/reports/:id/unassign
POST /api/v1/admin/reports/:id/reopen
POST /api/v1/admin/reports/:id/resolve
GET /api/v1/admin/domain_allows
GET /api/v1/admin/domain_allows/:id
POST /api/v1/admin/domain_allows
DELETE /api/v1/admin/domain_allows/:id
GET /api/v1/admin/domain_blocks
GET /api/v1/admin/domain_blocks/:id
PUT /api/v1/admin/domain_blocks/:id
PATCH /api/v1/admin/domain_blocks/:id
POST /api/v1/admin/domain_blocks
DELETE /api/v1/admin/domain_blocks/:id
GET /api/v1/admin/email_domain_blocks
GET /api/v1/admin/email_domain_blocks/:id
POST /api/v1/admin/email_domain_blocks
DELETE /api/v1/admin/email_domain_blocks/:id
GET /api/v1/admin/ip_blocks
GET /api/v1/admin/ip_blocks/:id
PUT /api/v1/admin/ip_blocks/:id
PATCH /api/v1/admin/ip_blocks/:id
POST /api/v1/admin/ip_blocks
DELETE /api/v1/admin/ip_blocks/:id
GET /api/v1/admin/trends/tags
POST /api/v1/admin/trends/tags/:id/approve
POST /api/v1/admin/trends/tags/:id/reject
GET /api/v1/admin/trends/links
POST /api/v1/admin/trends/links/:id/approve
POST /api/v1/admin/trends/links/:id/reject
GET /api/v1/admin/trends/statuses
POST /api/v1/admin/trends/statuses/:id/approve
POST /api/v1/admin/trends/statuses/:id/reject
GET /api/v1/admin/trends/links/publishers
POST /api/v1/admin/trends/links/publishers/:id/approve
POST /api/v1/admin/trends/links/publishers/:id/reject
POST /api/v1/admin/measures
POST /api/v1/admin/dimensions
POST /api/v1/admin/retention
GET /api/v1/admin/canonical_email_blocks
POST /api/v1/admin/canonical_email_blocks
GET /api/v1/admin/canonical_email_blocks/:id
DELETE /api/v1/admin/canonical_email_blocks/:id
POST /api/v1/admin/canonical_email_blocks/test
GET /api/v1/admin/tags
GET /api/v1/admin/tags/:id
PUT /api/v1/admin/tags/:id
PATCH /api/v1/admin/tags/:id
GET /api/v2/search
POST /api/v2/media
GET /api/v2/suggestions
GET /api/v2/instance
GET /api/v2/filters
POST /api/v2/filters
GET /api/v2/filters/:id
PUT /api/v2/filters/:id
PATCH /api/v2/filters/:id
DELETE /api/v2/filters/:id
GET /api/v2/filters/:filter_id/keywords
POST /api/v2/filters/:filter_id/keywords
GET /api/v2/filters/:filter_id/statuses
POST /api/v2/filters/:filter_id/statuses
GET /api/v2/filters/keywords/:id
PUT /api/v2/filters/keywords/:id
PATCH /api/v2/filters/keywords/:id
DELETE /api/v2/filters/keywords/:id
GET /api/v2/filters/statuses/:id
DELETE /api/v2/filters/statuses/:id
GET /api/v2/admin/accounts
GET /api/v2/notifications/policy
PUT /api/v2/notifications/policy
PATCH /api/v2/notifications/policy
GET /api/v2/notifications
GET /api/v2/notifications/:group_key
POST /api/v2/notifications/clear
GET /api/v2/notifications/unread_count
POST /api/v2/notifications/:group_key/dismiss
GET /api/v2/notifications/:group_key/accounts
GET /oauth/authorize
POST /oauth/authorize
DELETE /oauth/authorize
POST /oauth/token
POST /oauth/revoke
GET /oauth/userinfo
POST /oauth/userinfo
GET /.well-known/oauth-authorization-server
GET /.well-known/host-meta
GET /.well-known/nodeinfo
GET /.well-known/webfinger
GET /nodeinfo/2.0
`
  .trim()
  .split('\n');

let t: TestApp;
let alice: TestUser;
let bob: TestUser;
let carl: TestUser;
let admin: TestUser;
let receiver: Awaited<ReturnType<typeof startPushReceiver>>;
const ids: Record<string, string> = {};

async function ok<T = { id: string }>(method: string, url: string, user: TestUser | undefined, json?: unknown, form?: FormData): Promise<T> {
  const res = await t.request(method, url, { token: user?.token, ...(form ? { form } : json !== undefined ? { json } : {}) });
  const text = await res.text();
  expect(res.status, `${method} ${url}: ${text}`).toBe(200);
  return JSON.parse(text) as T;
}

async function png(): Promise<FormData> {
  const { default: sharp } = await import('sharp');
  const file = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0b6e69' } }).png().toBuffer();
  const form = new FormData();
  form.set('file', new Blob([new Uint8Array(file)], { type: 'image/png' }), 'x.png');
  return form;
}

async function buildWorld(): Promise<void> {
  await t.createUser({ username: 'primera' });
  [alice, bob, carl, admin] = await Promise.all([t.createUser({ username: 'alice' }), t.createUser({ username: 'bob' }), t.createUser({ username: 'carl' }), t.createUser({ username: 'administra' })]);
  await t.setStaffRole(admin, 'admin');
  admin = { ...admin, token: (await issueAccessToken(t.ctx.db, { userId: admin.userId, applicationId: null, scopes: 'read write follow push admin:read admin:write' })).access_token };
  const [requester1, requester2, stranger1, stranger2] = await Promise.all([t.createUser(), t.createUser(), t.createUser(), t.createUser()]);

  // Alice follows bob (lists, endorsements), bob follows alice; carl is for blocks and mutes.
  await ok('POST', `/api/v1/accounts/${bob.accountId}/follow`, alice);
  await ok('POST', `/api/v1/accounts/${alice.accountId}/follow`, bob);
  await ok('POST', `/api/v1/accounts/${alice.accountId}/follow`, carl);
  const status = await ok('POST', '/api/v1/statuses', alice, { status: 'Hoy camino una hora #salud', visibility: 'public' });
  ids.status = status.id;
  ids.statusToDelete = (await ok('POST', '/api/v1/statuses', alice, { status: 'Esta la borro', visibility: 'public' })).id;
  ids.bobStatus = (await ok('POST', '/api/v1/statuses', bob, { status: '@alice ¡bien! #salud', visibility: 'public', in_reply_to_id: status.id })).id;
  ids.poll = (await ok<{ poll: { id: string } }>('POST', '/api/v1/statuses', bob, { status: '¿Mañana o tarde?', visibility: 'public', poll: { options: ['Mañana', 'Tarde'], expires_in: 3600 } })).poll.id;
  await ok('POST', `/api/v1/statuses/${status.id}/favourite`, bob);
  await ok('POST', `/api/v1/statuses/${status.id}/reblog`, bob);
  ids.scheduled = (await ok('POST', '/api/v1/statuses', alice, { status: 'Luego', scheduled_at: new Date(Date.now() + 3_600_000).toISOString() })).id;
  ids.scheduled2 = (await ok('POST', '/api/v1/statuses', alice, { status: 'Más luego', scheduled_at: new Date(Date.now() + 7_200_000).toISOString() })).id;
  ids.media = (await ok('POST', '/api/v2/media', alice, undefined, await png())).id;
  ids.media2 = (await ok('POST', '/api/v2/media', alice, undefined, await png())).id;
  await ok('POST', '/api/v1/statuses', bob, { status: '@alice ¿hablamos?', visibility: 'direct' });
  ids.conversation = (await ok<{ id: string }[]>('GET', '/api/v1/conversations', alice))[0]!.id;
  ids.list = (await ok('POST', '/api/v1/lists', alice, { title: 'Amistades' })).id;
  ids.list2 = (await ok('POST', '/api/v1/lists', alice, { title: 'Otra' })).id;
  await ok('POST', `/api/v1/lists/${ids.list}/accounts`, alice, { account_ids: [bob.accountId] });
  const filter = await ok<{ id: string; keywords: { id: string }[] }>('POST', '/api/v2/filters', alice, { title: 'Dietas', context: ['home'], keywords_attributes: [{ keyword: 'dieta' }, { keyword: 'milagro' }] });
  ids.filter = filter.id;
  ids.keyword = filter.keywords[0]!.id;
  ids.keyword2 = filter.keywords[1]!.id;
  ids.filter2 = (await ok('POST', '/api/v2/filters', alice, { title: 'Otro', context: ['home'] })).id;
  ids.filterStatus = (await ok('POST', `/api/v2/filters/${filter.id}/statuses`, alice, { status_id: ids.bobStatus })).id;
  const another = await ok('POST', '/api/v1/statuses', alice, { status: 'Otra publicación', visibility: 'public' });
  ids.filterStatus2 = (await ok('POST', `/api/v2/filters/${filter.id}/statuses`, alice, { status_id: another.id })).id;
  ids.v1Filter = (await ok('POST', '/api/v1/filters', alice, { phrase: 'cura', context: ['home'] })).id;
  ids.v1Filter2 = (await ok('POST', '/api/v1/filters', alice, { phrase: 'remedio', context: ['home'] })).id;
  ids.featuredTag = (await ok('POST', '/api/v1/featured_tags', alice, { name: 'salud' })).id;
  ids.featuredTag2 = (await ok('POST', '/api/v1/featured_tags', alice, { name: 'caminar' })).id;
  ids.tag = (await t.ctx.db.selectFrom('tags').select('id').where('name', '=', 'salud').executeTakeFirstOrThrow()).id;
  ids.announcement = (await t.ctx.db.insertInto('announcements').values({ text: 'Mantenimiento', published_at: new Date() }).returning('id').executeTakeFirstOrThrow()).id;
  ids.report = (await ok('POST', '/api/v1/reports', alice, { account_id: carl.accountId, comment: 'Spam', category: 'spam' })).id;
  await ok('POST', '/api/v1/push/subscription', alice, { subscription: { endpoint: `${receiver.origin}/alice`, keys: receiver.keys }, data: { alerts: { mention: true } } });

  // Follow requests to alice, now locked.
  await ok('PATCH', '/api/v1/accounts/update_credentials', alice, { locked: true });
  await ok('POST', `/api/v1/accounts/${alice.accountId}/follow`, requester1);
  await ok('POST', `/api/v1/accounts/${alice.accountId}/follow`, requester2);
  ids.requester1 = requester1.accountId;
  ids.requester2 = requester2.accountId;

  // Two strangers' notifications kept aside by alice's policy: two notification requests.
  await ok('PATCH', '/api/v2/notifications/policy', alice, { for_not_following: 'filter' });
  await ok('POST', `/api/v1/statuses/${status.id}/favourite`, stranger1);
  await ok('POST', `/api/v1/statuses/${status.id}/favourite`, stranger2);
  const requests = await ok<{ id: string }[]>('GET', '/api/v1/notifications/requests', alice);
  ids.request1 = requests[0]!.id;
  ids.request2 = requests[1]!.id;
  await ok('PATCH', '/api/v2/notifications/policy', alice, { for_not_following: 'accept' });

  await runDueJobs(t.ctx, jobHandlers);
  const notifications = await ok<{ id: string; group_key: string }[]>('GET', '/api/v1/notifications', alice);
  ids.notification1 = notifications[0]!.id;
  ids.notification2 = notifications[1]!.id;
  ids.notification3 = notifications[2]!.id;
  ids.groupKey1 = notifications[0]!.group_key;
  // A mention of its own (its group is only itself) for the v2 dismiss.
  await ok('POST', '/api/v1/statuses', carl, { status: '@alice hola', visibility: 'public' });
  ids.groupKey2 = (await ok<{ group_key: string }[]>('GET', '/api/v1/notifications?types[]=mention', alice))[0]!.group_key;

  // The admin API's records, two of each kind (one to read and change, one to remove).
  for (const n of [1, 2]) {
    ids[`domainBlock${n}`] = (await ok('POST', '/api/v1/admin/domain_blocks', admin, { domain: `bloqueado${n}.example` })).id;
    ids[`domainAllow${n}`] = (await ok('POST', '/api/v1/admin/domain_allows', admin, { domain: `permitido${n}.example` })).id;
    ids[`emailDomainBlock${n}`] = (await ok('POST', '/api/v1/admin/email_domain_blocks', admin, { domain: `correo${n}.example` })).id;
    ids[`ipBlock${n}`] = (await ok('POST', '/api/v1/admin/ip_blocks', admin, { ip: `198.51.100.${n}/32`, severity: 'sign_up_block' })).id;
    ids[`canonicalEmailBlock${n}`] = (await ok('POST', '/api/v1/admin/canonical_email_blocks', admin, { email: `spam${n}@example.com` })).id;
  }
  const app = await ok<{ client_id: string }>('POST', '/api/v1/apps', undefined, { client_name: 'Rutas', redirect_uris: 'urn:ietf:wg:oauth:2.0:oob', scopes: 'read write' });
  ids.clientId = app.client_id;
}

/** The URL (with its parameters) and the caller of one Mastodon route in this world. */
function requestOf(method: string, path: string): { url: string; user?: TestUser; body?: unknown } {
  const user = path.startsWith('/api/v1/admin/') || path.startsWith('/api/v2/admin/') ? admin : alice;
  const destructive = method === 'DELETE';
  const rules: [RegExp, Record<string, string>][] = [
    [/^\/api\/v1\/statuses\/:id\/quotes/, { id: ids.status!, quote_id: ids.bobStatus! }],
    [/^\/api\/v1\/statuses\/:id$/, { id: destructive ? ids.statusToDelete! : ids.status! }],
    [/^\/api\/v1\/statuses\//, { id: ids.status! }],
    [/^\/api\/v1\/timelines\/tag\//, { id: 'salud' }],
    [/^\/api\/v1\/timelines\/list\//, { id: ids.list! }],
    [/^\/api\/v1\/suggestions\//, { id: carl.accountId }],
    [/^\/api\/v1\/scheduled_statuses\//, { id: destructive ? ids.scheduled2! : ids.scheduled! }],
    [/^\/api\/v1\/annual_reports\//, { id: '2026' }],
    [/^\/api\/v1\/announcements\//, { announcement_id: ids.announcement!, id: path.endsWith('/dismiss') ? ids.announcement! : encodeURIComponent('👍') }],
    [/^\/api\/v1\/conversations\//, { id: ids.conversation! }],
    [/^\/api\/v1\/media\//, { id: destructive ? ids.media2! : ids.media! }],
    [/^\/api\/v1\/filters\//, { id: destructive ? ids.v1Filter2! : ids.v1Filter! }],
    [/^\/api\/v1\/instance\/terms_of_service\//, { date: LEGAL_TEXTS_DATE }],
    [/^\/api\/v1\/follow_requests\/:id\/authorize/, { id: ids.requester1! }],
    [/^\/api\/v1\/follow_requests\/:id\/reject/, { id: ids.requester2! }],
    [/^\/api\/v1\/notifications\/requests\/:id\/dismiss/, { id: ids.request2! }],
    [/^\/api\/v1\/notifications\/requests\//, { id: ids.request1! }],
    [/^\/api\/v1\/notifications\/:id\/dismiss/, { id: ids.notification2! }],
    [/^\/api\/v1\/notifications\//, { id: destructive ? ids.notification3! : ids.notification1! }],
    [/^\/api\/v1\/accounts\/:id\/(block|unblock|mute|unmute|remove_from_followers)$/, { id: carl.accountId }],
    [/^\/api\/v1\/accounts\//, { id: bob.accountId }],
    [/^\/api\/v1\/tags\//, { id: 'salud' }],
    [/^\/api\/v1\/lists\/:id$/, { id: destructive ? ids.list2! : ids.list! }],
    [/^\/api\/v1\/lists\//, { id: ids.list! }],
    [/^\/api\/v1\/featured_tags\//, { id: ids.featuredTag2! }],
    [/^\/api\/v1\/polls\//, { id: ids.poll! }],
    [/^\/api\/v1\/admin\/accounts\//, { id: bob.accountId }],
    [/^\/api\/v1\/admin\/reports\//, { id: ids.report! }],
    [/^\/api\/v1\/admin\/domain_allows\//, { id: destructive ? ids.domainAllow2! : ids.domainAllow1! }],
    [/^\/api\/v1\/admin\/domain_blocks\//, { id: destructive ? ids.domainBlock2! : ids.domainBlock1! }],
    [/^\/api\/v1\/admin\/email_domain_blocks\//, { id: destructive ? ids.emailDomainBlock2! : ids.emailDomainBlock1! }],
    [/^\/api\/v1\/admin\/ip_blocks\//, { id: destructive ? ids.ipBlock2! : ids.ipBlock1! }],
    [/^\/api\/v1\/admin\/canonical_email_blocks\//, { id: destructive ? ids.canonicalEmailBlock2! : ids.canonicalEmailBlock1! }],
    [/^\/api\/v1\/admin\/trends\/tags\//, { id: ids.tag! }],
    [/^\/api\/v1\/admin\/trends\/statuses\//, { id: ids.status! }],
    [/^\/api\/v1\/admin\/trends\/links\//, { id: '1' }],
    [/^\/api\/v1\/admin\/tags\//, { id: ids.tag! }],
    [/^\/api\/v2\/filters\/keywords\//, { id: destructive ? ids.keyword2! : ids.keyword! }],
    [/^\/api\/v2\/filters\/statuses\//, { id: destructive ? ids.filterStatus2! : ids.filterStatus! }],
    [/^\/api\/v2\/filters\/:filter_id\//, { filter_id: ids.filter! }],
    [/^\/api\/v2\/filters\//, { id: destructive ? ids.filter2! : ids.filter! }],
    [/^\/api\/v2\/notifications\/:group_key\/dismiss/, { group_key: encodeURIComponent(ids.groupKey2!) }],
    [/^\/api\/v2\/notifications\//, { group_key: encodeURIComponent(ids.groupKey1!) }],
  ];
  const values = rules.find(([pattern]) => pattern.test(path))?.[1] ?? {};
  let url = path.replace(/:([a-z_]+)/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for :${name} in ${method} ${path}: add a rule to requestOf`);
    return value;
  });
  const query: Record<string, string> = {
    '/api/oembed': `url=${encodeURIComponent(`http://medired.test/@alice/${ids.status}`)}`,
    '/api/v1/statuses': `id[]=${ids.status}`,
    '/api/v1/accounts': `id[]=${bob.accountId}`,
    '/api/v1/timelines/link': 'url=https%3A%2F%2Fexample.org%2F',
    '/api/v1/domain_blocks/preview': 'domain=example.org',
    '/api/v1/peers/search': 'q=example',
    '/.well-known/webfinger': 'resource=acct%3Aalice%40medired.test',
    '/oauth/authorize': `response_type=code&client_id=${ids.clientId}&redirect_uri=urn%3Aietf%3Awg%3Aoauth%3A2.0%3Aoob`,
  };
  if (method === 'GET' || method === 'DELETE') {
    if (query[path]) url += `?${query[path]}`;
  }
  const body: Record<string, unknown> = {
    'DELETE /oauth/authorize': { client_id: ids.clientId, redirect_uri: 'urn:ietf:wg:oauth:2.0:oob' },
    'DELETE /api/v1/domain_blocks': { domain: 'example.org' },
  };
  return { url, user, body: body[`${method} ${path}`] };
}

/** The order of the calls: reads first, then writes, and last what empties what others read. */
const LAST = new Set(['POST /api/v1/notifications/clear', 'POST /api/v2/notifications/clear', 'DELETE /api/v1/push/subscription']);
const rank = (key: string) => (LAST.has(key) ? 3 : key.startsWith('GET ') ? 0 : key.startsWith('DELETE ') ? 2 : 1);

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startPushReceiver();
  await buildWorld();
}, 120_000);

afterAll(async () => {
  await receiver?.close();
  await t?.close();
});

describe("Mastodon's client API routes", () => {
  it('the list holds each route once', () => {
    expect(new Set(MASTODON_ROUTES).size).toBe(MASTODON_ROUTES.length);
  });

  it('every route answers (never the router\'s 404), for a caller who may use it', async () => {
    const problems: string[] = [];
    for (const key of [...MASTODON_ROUTES].sort((a, b) => rank(a) - rank(b))) {
      const [method, path] = key.split(' ') as [string, string];
      const { url, user, body } = requestOf(method, path);
      const res = await t.request(method, url, { token: user?.token, ...(body !== undefined ? { json: body } : {}), headers: { accept: 'application/json' } });
      // A stream (the streaming API) never ends by itself: its status is enough.
      await res.body?.cancel();
      if (res.status === 404 || res.status >= 500) problems.push(`${key} (${url}): ${res.status}`);
    }
    expect(problems).toEqual([]);
  });
});
