import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueAccessToken } from '../auth/access-tokens.js';
import { signIn } from '../auth/sessions.service.js';
import { hasScope } from '../auth/viewer.js';
import { createVerifiedOrganization, createVerifiedProfessional, sampleAnswer, sampleQuestion } from '../consultas/consulta-test-helpers.js';
import type { Database } from '../db/database.js';
import { createTestApp, type TestApp, type TestUser } from '../testing/test-app.js';
// The route table under test. When the table moves (e.g. to `src/app.ts`), change only this line.
import { routeTable } from '../app.js';
import type { AnyRoute, AuthRequirement } from './route.js';
import { webSession, type WebSession } from '../web/testing/web-session.js';
import { hashToken } from '../auth/tokens.js';
import { LEGAL_TEXTS_DATE } from '../instance/legal-texts.js';

/**
 * Every route of the table, called by five actors, must treat each as its declaration says:
 *
 * - anonymous: `user`, `user-even-suspended` and staff routes answer 401;
 * - an ordinary other account: staff routes 403; routes on someone else's resource (OWNER_ONLY)
 *   403 or 404 with the resource unchanged;
 * - a suspended account (full-scope token): 403 except on `user-even-suspended` routes; on public
 *   (`none`/`optional`) reads it gets exactly what an anonymous visitor gets;
 * - a read-only token (scopes `read`): 403 on every route whose scope `read` does not cover;
 * - a moderator without two-factor authentication (token with the admin scopes): staff routes
 *   403, someone else's resources refused, and public reads show no more than to another account.
 *
 * Web form routes (`defineFormRoute`: HTML, cookie-only) are posted by browser sessions instead:
 *
 * - anonymous: routes that need an account answer a 303 to `/auth/sign_in`;
 * - another account's, a suspended account's and a moderator-without-2FA's sessions, with the CSRF
 *   token: as above (staff forms 403; FORM_OWNER_ONLY forms 403 or 404, rows unchanged; suspended
 *   403 except `user-even-suspended`);
 * - the owner's full-scope bearer token: not accepted (303 to sign-in, or 401/403), nothing changed;
 * - a session without the CSRF token (the owner's, or a moderator with 2FA on staff forms): 403,
 *   nothing changed; forms with `csrf: 'anonymous'` also refuse a post without the anonymous pair;
 * - then, as a control, the owner (or a moderator with 2FA on staff forms) gets through.
 *
 * ACCESS lists every route as `METHOD path` with its expected `auth` and `scope`: a route missing
 * from the list, a route whose declaration differs from it, or a non-GET authenticated route
 * without a scope fails the test, so a new entrance cannot ship without a stated rule.
 */

type Access = [auth: AuthRequirement, scope?: string];

const ACCESS: Record<string, Access> = {
  'GET /api/v2/instance': ['none'],
  'GET /api/v1/instance': ['none'],
  'GET /api/v1/custom_emojis': ['none'],
  'GET /api/v1/preferences': ['user', 'read:accounts'],
  'POST /api/v1/accounts': ['optional'],
  'GET /api/v1/accounts/verify_credentials': ['user-even-suspended', 'read:accounts|profile'],
  'PATCH /api/v1/accounts/update_credentials': ['user', 'write:accounts'],
  'GET /api/v1/accounts/lookup': ['optional'],
  'GET /api/v1/accounts/relationships': ['user', 'read:follows'],
  'GET /api/v1/accounts/:id{[0-9]+}': ['optional'],
  'POST /api/v1/accounts/:id{[0-9]+}/follow': ['user', 'write:follows'],
  'POST /api/v1/accounts/:id{[0-9]+}/unfollow': ['user', 'write:follows'],
  'GET /api/v1/conversations': ['user', 'read:statuses'],
  'DELETE /api/v1/conversations/:id': ['user', 'write:conversations'],
  'POST /api/v1/conversations/:id/read': ['user', 'write:conversations'],
  'GET /api/v1/medired/conversations/requests': ['user', 'read:statuses'],
  'GET /api/v1/medired/conversations/unread_count': ['user', 'read:statuses'],
  'POST /api/v1/medired/conversations': ['user', 'write:statuses'],
  'GET /api/v1/medired/conversations/:id': ['user', 'read:statuses'],
  'GET /api/v1/medired/conversations/:id/messages': ['user', 'read:statuses'],
  'POST /api/v1/medired/conversations/:id/messages': ['user', 'write:statuses'],
  'POST /api/v1/medired/conversations/:id/accept': ['user', 'write:conversations'],
  'POST /api/v1/medired/conversations/:id/decline': ['user', 'write:conversations'],
  'POST /api/v1/medired/conversations/:id/mute': ['user', 'write:conversations'],
  'POST /api/v1/medired/conversations/:id/unmute': ['user', 'write:conversations'],
  'POST /api/v1/medired/conversations/:id/leave': ['user', 'write:conversations'],
  'GET /api/v1/medired/messaging_settings': ['user', 'read:accounts'],
  'PUT /api/v1/medired/messaging_settings': ['user', 'write:accounts'],
  'GET /api/v1/follow_requests': ['user', 'read:follows'],
  'POST /api/v1/follow_requests/:id{[0-9]+}/authorize': ['user', 'write:follows'],
  'POST /api/v1/follow_requests/:id{[0-9]+}/reject': ['user', 'write:follows'],
  'GET /api/v1/accounts/:id{[0-9]+}/followers': ['optional'],
  'GET /api/v1/accounts/:id{[0-9]+}/following': ['optional'],
  'POST /api/v1/apps': ['optional'],
  'GET /api/v1/apps/verify_credentials': ['optional'],
  'POST /oauth/token': ['none'],
  'POST /oauth/revoke': ['none'],
  'GET /.well-known/oauth-authorization-server': ['none'],
  'GET /.well-known/nodeinfo': ['none'],
  'GET /nodeinfo/2.0': ['none'],
  'GET /nodeinfo/2.1': ['none'],
  'GET /.well-known/host-meta': ['none'],
  'GET /.well-known/webfinger': ['none'],
  'GET /api/v1/medired/sessions': ['user-even-suspended', 'read:accounts'],
  'DELETE /api/v1/medired/sessions/:id': ['user-even-suspended', 'write:accounts'],
  'GET /api/v1/medired/tokens': ['user-even-suspended', 'read:accounts'],
  'DELETE /api/v1/medired/tokens/:id': ['user-even-suspended', 'write:accounts'],
  'POST /api/v1/medired/password': ['user-even-suspended', 'write:accounts'],
  'GET /api/v1/medired/two_factor': ['user-even-suspended', 'read:accounts'],
  'POST /api/v1/medired/two_factor/setup': ['user-even-suspended', 'write:accounts'],
  'POST /api/v1/medired/two_factor/enable': ['user-even-suspended', 'write:accounts'],
  'POST /api/v1/medired/two_factor/disable': ['user-even-suspended', 'write:accounts'],
  'GET /api/v1/medired/consultas': ['optional'],
  'GET /api/v1/medired/consultas/for_me': ['user', 'read:statuses'],
  'POST /api/v1/medired/consultas': ['user', 'write:statuses'],
  'PUT /api/v1/medired/consultas/answers/:id': ['user', 'write:statuses'],
  'POST /api/v1/medired/consultas/answers/:id/accept': ['user', 'write:statuses'],
  'POST /api/v1/medired/consultas/answers/:id/unaccept': ['user', 'write:statuses'],
  'POST /api/v1/medired/consultas/answers/:id/helpful': ['user', 'write:favourites'],
  'DELETE /api/v1/medired/consultas/answers/:id/helpful': ['user', 'write:favourites'],
  'DELETE /api/v1/medired/consultas/comments/:id': ['user', 'write:statuses'],
  'GET /api/v1/medired/consultas/:id': ['optional'],
  'PUT /api/v1/medired/consultas/:id': ['user', 'write:statuses'],
  'DELETE /api/v1/medired/consultas/:id': ['user', 'write:statuses'],
  'POST /api/v1/medired/consultas/:id/answers': ['user', 'write:statuses'],
  'GET /api/v1/medired/consultas/:id/answers': ['optional'],
  'POST /api/v1/medired/consultas/:id/comments': ['user', 'write:statuses'],
  'GET /api/v1/medired/accounts/:id/consulta_stats': ['optional'],
  'GET /api/v1/medired/alerts': ['optional'],
  'GET /api/v1/medired/alerts/active': ['user', 'read:statuses'],
  'POST /api/v1/medired/alerts': ['user', 'write:statuses'],
  'GET /api/v1/medired/alerts/:id': ['optional'],
  'PUT /api/v1/medired/alerts/:id': ['user', 'write:statuses'],
  'DELETE /api/v1/medired/alerts/:id': ['user', 'write:statuses'],
  'POST /api/v1/medired/complaints': ['user', 'write:statuses'],
  'GET /api/v1/medired/complaints/mine': ['user', 'read:statuses'],
  'GET /api/v1/medired/complaints/about_me': ['user', 'read:statuses'],
  'GET /api/v1/medired/accounts/:id/complaints': ['optional'],
  'GET /api/v1/medired/accounts/:id/complaint_stats': ['optional'],
  'GET /api/v1/medired/complaints/:id': ['optional'],
  'GET /api/v1/medired/complaints/:id/entries': ['optional'],
  'POST /api/v1/medired/complaints/:id/entries': ['user', 'write:statuses'],
  'POST /api/v1/medired/complaints/:id/move_to_private': ['user', 'write:statuses'],
  'POST /api/v1/medired/complaints/:id/resolve': ['user', 'write:statuses'],
  'POST /api/v1/medired/admin/complaints/:id/remove': ['moderator', 'admin:write:reports'],
  'POST /api/v1/medired/admin/complaints/:id/close': ['moderator', 'admin:write:reports'],
  'POST /complaints': ['user', 'write:statuses'],
  'POST /complaints/:id{[0-9]{1,19}}/entries': ['user', 'write:statuses'],
  'POST /complaints/:id{[0-9]{1,19}}/move_to_private': ['user', 'write:statuses'],
  'POST /complaints/:id{[0-9]{1,19}}/resolve': ['user', 'write:statuses'],
  'POST /complaints/:id{[0-9]{1,19}}/remove': ['moderator', 'admin:write:reports'],
  'POST /complaints/:id{[0-9]{1,19}}/close': ['moderator', 'admin:write:reports'],
  'GET /api/v1/medired/fact_checks': ['optional'],
  'POST /api/v1/medired/fact_checks': ['user', 'write:statuses'],
  'GET /api/v1/medired/fact_checks/:id': ['optional'],
  'POST /api/v1/medired/fact_checks/:id/rate': ['user', 'write:statuses'],
  'DELETE /api/v1/medired/fact_checks/:id': ['user', 'write:statuses'],
  'GET /api/v1/timelines/home': ['user', 'read:statuses'],
  'GET /api/v1/timelines/public': ['optional', 'read:statuses'],
  'GET /api/v1/timelines/tag/:hashtag': ['optional', 'read:statuses'],
  'GET /api/v1/accounts/:id{[0-9]+}/statuses': ['optional', 'read:statuses'],
  'GET /api/v1/medired/accounts/:id{[0-9]+}/articles': ['optional', 'read:statuses'],
  'GET /api/v2/search': ['optional', 'read:search'],
  'GET /api/v1/accounts/search': ['user', 'read:accounts'],
  'POST /api/v1/statuses': ['user', 'write:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}': ['optional', 'read:statuses'],
  'PUT /api/v1/statuses/:id{[0-9]+}': ['user', 'write:statuses'],
  'DELETE /api/v1/statuses/:id{[0-9]+}': ['user', 'write:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/context': ['optional', 'read:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/history': ['optional', 'read:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/source': ['user', 'read:statuses'],
  'POST /api/v1/statuses/:id{[0-9]+}/favourite': ['user', 'write:favourites'],
  'POST /api/v1/statuses/:id{[0-9]+}/unfavourite': ['user', 'write:favourites'],
  'POST /api/v1/statuses/:id{[0-9]+}/reblog': ['user', 'write:statuses'],
  'POST /api/v1/statuses/:id{[0-9]+}/unreblog': ['user', 'write:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/favourited_by': ['optional', 'read:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/reblogged_by': ['optional', 'read:statuses'],
  'GET /api/v1/favourites': ['user', 'read:favourites'],
  'POST /api/v2/media': ['user', 'write:media'],
  'POST /api/v1/media': ['user', 'write:media'],
  'GET /api/v1/media/:id{[0-9]+}': ['user', 'write:media'],
  'PUT /api/v1/media/:id{[0-9]+}': ['user', 'write:media'],
  'POST /api/v1/medired/verification_requests': ['user', 'write:accounts'],
  'GET /api/v1/medired/verification_requests': ['user', 'read:accounts'],
  'PUT /api/v1/medired/verification_requests/:id{[0-9]+}': ['user', 'write:accounts'],
  'GET /api/v1/medired/admin/verification_requests': ['moderator', 'admin:read:accounts'],
  'GET /api/v1/medired/admin/verification_requests/:id{[0-9]+}': ['moderator', 'admin:read:accounts'],
  'GET /api/v1/medired/admin/verification_requests/:id{[0-9]+}/document': ['moderator', 'admin:read:accounts'],
  'POST /api/v1/medired/admin/verification_requests/:id{[0-9]+}/approve': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/medired/admin/verification_requests/:id{[0-9]+}/reject': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/medired/admin/verification_requests/:id{[0-9]+}/request_info': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/medired/admin/accounts/:id{[0-9]+}/revoke_verification': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/reports': ['user', 'write:reports'],
  'GET /api/v1/admin/reports': ['moderator', 'admin:read:reports'],
  'GET /api/v1/admin/reports/:id{[0-9]+}': ['moderator', 'admin:read:reports'],
  'POST /api/v1/admin/reports/:id{[0-9]+}/resolve': ['moderator', 'admin:write:reports'],
  'POST /api/v1/admin/reports/:id{[0-9]+}/reopen': ['moderator', 'admin:write:reports'],
  'GET /api/v1/admin/accounts': ['moderator', 'admin:read:accounts'],
  'GET /api/v1/admin/accounts/:id{[0-9]+}': ['moderator', 'admin:read:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/action': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/unsilence': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/unsuspend': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/medired/admin/moderation_actions': ['moderator', 'admin:write:reports'],
  'GET /api/v1/medired/moderation_actions': ['user-even-suspended', 'read:accounts'],
  'POST /api/v1/medired/appeals': ['user-even-suspended', 'write:accounts'],
  'GET /api/v1/medired/appeals': ['user-even-suspended', 'read:accounts'],
  'GET /api/v1/medired/admin/appeals': ['moderator', 'admin:read:reports'],
  'GET /api/v1/medired/admin/appeals/:id{[0-9]+}': ['moderator', 'admin:read:reports'],
  'POST /api/v1/medired/admin/appeals/:id{[0-9]+}/approve': ['moderator', 'admin:write:reports'],
  'POST /api/v1/medired/admin/appeals/:id{[0-9]+}/reject': ['moderator', 'admin:write:reports'],
  'GET /api/v1/medired/admin/audit_log': ['moderator', 'admin:read'],
  'POST /api/v1/accounts/:id{[0-9]+}/block': ['user', 'write:blocks'],
  'POST /api/v1/accounts/:id{[0-9]+}/unblock': ['user', 'write:blocks'],
  'POST /api/v1/accounts/:id{[0-9]+}/mute': ['user', 'write:mutes'],
  'POST /api/v1/accounts/:id{[0-9]+}/unmute': ['user', 'write:mutes'],
  'GET /api/v1/blocks': ['user', 'read:blocks'],
  'GET /api/v1/mutes': ['user', 'read:mutes'],
  'GET /api/v1/notifications': ['user', 'read:notifications'],
  'GET /api/v1/notifications/unread_count': ['user', 'read:notifications'],
  'GET /api/v1/notifications/:id{[0-9]+}': ['user', 'read:notifications'],
  'POST /api/v1/notifications/clear': ['user', 'write:notifications'],
  'POST /api/v1/notifications/:id{[0-9]+}/dismiss': ['user', 'write:notifications'],
  'POST /api/v1/medired/notifications/read': ['user', 'write:notifications'],
  'GET /api/v2/notifications': ['user', 'read:notifications'],
  'GET /api/v2/notifications/unread_count': ['user', 'read:notifications'],
  'GET /api/v2/notifications/:group_key': ['user', 'read:notifications'],
  'GET /api/v2/notifications/:group_key/accounts': ['user', 'read:notifications'],
  'POST /api/v2/notifications/:group_key/dismiss': ['user', 'write:notifications'],
  'GET /api/v1/markers': ['user', 'read:statuses'],
  'POST /api/v1/markers': ['user', 'write:statuses'],
  // Bookmarks, pins, polls and scheduled statuses (Mastodon's scopes).
  'POST /api/v1/statuses/:id{[0-9]+}/bookmark': ['user', 'write:bookmarks'],
  'POST /api/v1/statuses/:id{[0-9]+}/unbookmark': ['user', 'write:bookmarks'],
  'POST /api/v1/statuses/:id{[0-9]+}/pin': ['user', 'write:accounts'],
  'POST /api/v1/statuses/:id{[0-9]+}/unpin': ['user', 'write:accounts'],
  'GET /api/v1/bookmarks': ['user', 'read:bookmarks'],
  'GET /api/v1/polls/:id{[0-9]+}': ['optional', 'read:statuses'],
  'POST /api/v1/polls/:id{[0-9]+}/votes': ['user', 'write:statuses'],
  'GET /api/v1/scheduled_statuses': ['user', 'read:statuses'],
  'GET /api/v1/scheduled_statuses/:id{[0-9]+}': ['user', 'read:statuses'],
  'PUT /api/v1/scheduled_statuses/:id{[0-9]+}': ['user', 'write:statuses'],
  'DELETE /api/v1/scheduled_statuses/:id{[0-9]+}': ['user', 'write:statuses'],
  'GET /api/v1/streaming/health': ['none'],
  'GET /api/v1/streaming': ['user', 'read:statuses'],
  'GET /api/v1/streaming/user': ['user', 'read:statuses'],
  'GET /api/v1/streaming/user/notification': ['user', 'read:notifications'],
  'GET /api/v1/streaming/public': ['user', 'read:statuses'],
  'GET /api/v1/streaming/public/local': ['user', 'read:statuses'],
  'GET /api/v1/streaming/public/remote': ['user', 'read:statuses'],
  'GET /api/v1/streaming/hashtag': ['user', 'read:statuses'],
  'GET /api/v1/streaming/hashtag/local': ['user', 'read:statuses'],
  'GET /api/v1/streaming/list': ['user', 'read:statuses'],
  'GET /api/v1/streaming/direct': ['user', 'read:statuses'],
  // Support groups (src/groups/).
  'GET /api/v1/medired/groups': ['optional'],
  'POST /api/v1/medired/groups': ['user', 'write:statuses'],
  'GET /api/v1/medired/groups/:id': ['optional'],
  'PUT /api/v1/medired/groups/:id': ['user', 'write:statuses'],
  'POST /api/v1/medired/groups/:id/join': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/accept_invite': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/decline_invite': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/leave': ['user', 'write:follows'],
  'GET /api/v1/medired/groups/:id/members': ['optional'],
  'POST /api/v1/medired/groups/:id/approve': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/refuse': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/remove': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/ban': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/unban': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/invite': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/role': ['user', 'write:follows'],
  'POST /api/v1/medired/groups/:id/transfer': ['user', 'write:follows'],
  'PUT /api/v1/medired/groups/:id/pseudonym': ['user', 'write:accounts'],
  'GET /api/v1/medired/groups/:id/posts': ['optional'],
  'POST /api/v1/medired/groups/:id/posts': ['user', 'write:statuses'],
  'GET /api/v1/medired/groups/:id/resources': ['optional'],
  'POST /api/v1/medired/groups/:id/resources': ['user', 'write:statuses'],
  'DELETE /api/v1/medired/group_resources/:id': ['user', 'write:statuses'],
  'GET /api/v1/medired/groups/:id/reports': ['user', 'read:statuses'],
  'POST /api/v1/medired/group_reports/:id/resolve': ['user', 'write:reports'],
  'GET /api/v1/medired/group_posts/:id': ['optional'],
  'GET /api/v1/medired/group_posts/:id/replies': ['optional'],
  'POST /api/v1/medired/group_posts/:id/replies': ['user', 'write:statuses'],
  'POST /api/v1/medired/group_posts/:id/like': ['user', 'write:favourites'],
  'POST /api/v1/medired/group_posts/:id/unlike': ['user', 'write:favourites'],
  'POST /api/v1/medired/group_posts/:id/pin': ['user', 'write:statuses'],
  'POST /api/v1/medired/group_posts/:id/unpin': ['user', 'write:statuses'],
  'POST /api/v1/medired/group_posts/:id/remove': ['user', 'write:statuses'],
  'DELETE /api/v1/medired/group_posts/:id': ['user', 'write:statuses'],
  'POST /api/v1/medired/group_posts/:id/report': ['user', 'write:reports'],
  'GET /api/v1/medired/admin/group_posts/:id': ['moderator', 'admin:read:reports'],
  // Filters, lists, tags, endorsements, suggestions, trends, domain blocks (src/reading-tools.routes.ts).
  'GET /api/v2/filters': ['user', 'read:filters'],
  'POST /api/v2/filters': ['user', 'write:filters'],
  'GET /api/v2/filters/:id{[0-9]+}': ['user', 'read:filters'],
  'PUT /api/v2/filters/:id{[0-9]+}': ['user', 'write:filters'],
  'DELETE /api/v2/filters/:id{[0-9]+}': ['user', 'write:filters'],
  'GET /api/v2/filters/:id{[0-9]+}/keywords': ['user', 'read:filters'],
  'POST /api/v2/filters/:id{[0-9]+}/keywords': ['user', 'write:filters'],
  'GET /api/v2/filters/keywords/:id{[0-9]+}': ['user', 'read:filters'],
  'PUT /api/v2/filters/keywords/:id{[0-9]+}': ['user', 'write:filters'],
  'DELETE /api/v2/filters/keywords/:id{[0-9]+}': ['user', 'write:filters'],
  'GET /api/v2/filters/:id{[0-9]+}/statuses': ['user', 'read:filters'],
  'POST /api/v2/filters/:id{[0-9]+}/statuses': ['user', 'write:filters'],
  'GET /api/v2/filters/statuses/:id{[0-9]+}': ['user', 'read:filters'],
  'DELETE /api/v2/filters/statuses/:id{[0-9]+}': ['user', 'write:filters'],
  'GET /api/v1/filters': ['user', 'read:filters'],
  'POST /api/v1/filters': ['user', 'write:filters'],
  'GET /api/v1/filters/:id{[0-9]+}': ['user', 'read:filters'],
  'PUT /api/v1/filters/:id{[0-9]+}': ['user', 'write:filters'],
  'DELETE /api/v1/filters/:id{[0-9]+}': ['user', 'write:filters'],
  'GET /api/v1/lists': ['user', 'read:lists'],
  'POST /api/v1/lists': ['user', 'write:lists'],
  'GET /api/v1/lists/:id{[0-9]+}': ['user', 'read:lists'],
  'PUT /api/v1/lists/:id{[0-9]+}': ['user', 'write:lists'],
  'DELETE /api/v1/lists/:id{[0-9]+}': ['user', 'write:lists'],
  'GET /api/v1/lists/:id{[0-9]+}/accounts': ['user', 'read:lists'],
  'POST /api/v1/lists/:id{[0-9]+}/accounts': ['user', 'write:lists'],
  'DELETE /api/v1/lists/:id{[0-9]+}/accounts': ['user', 'write:lists'],
  'GET /api/v1/accounts/:id{[0-9]+}/lists': ['user', 'read:lists'],
  'GET /api/v1/timelines/list/:list_id{[0-9]+}': ['user', 'read:lists'],
  'GET /api/v1/tags/:name': ['optional'],
  'POST /api/v1/tags/:name/follow': ['user', 'write:follows'],
  'POST /api/v1/tags/:name/unfollow': ['user', 'write:follows'],
  'GET /api/v1/followed_tags': ['user', 'read:follows'],
  'GET /api/v1/featured_tags': ['user', 'read:accounts'],
  'POST /api/v1/featured_tags': ['user', 'write:accounts'],
  'DELETE /api/v1/featured_tags/:id{[0-9]+}': ['user', 'write:accounts'],
  'GET /api/v1/featured_tags/suggestions': ['user', 'read:accounts'],
  'GET /api/v1/accounts/:id{[0-9]+}/featured_tags': ['optional', 'read:accounts'],
  'POST /api/v1/accounts/:id{[0-9]+}/pin': ['user', 'write:accounts'],
  'POST /api/v1/accounts/:id{[0-9]+}/unpin': ['user', 'write:accounts'],
  'GET /api/v1/endorsements': ['user', 'read:accounts'],
  'GET /api/v1/accounts/familiar_followers': ['user', 'read:follows'],
  'GET /api/v2/suggestions': ['user', 'read:accounts'],
  'GET /api/v1/suggestions': ['user', 'read:accounts'],
  'DELETE /api/v1/suggestions/:account_id{[0-9]+}': ['user', 'write:accounts'],
  'GET /api/v1/trends/tags': ['optional'],
  'GET /api/v1/trends': ['optional'],
  'GET /api/v1/trends/statuses': ['optional'],
  'GET /api/v1/trends/links': ['optional'],
  'GET /api/v1/domain_blocks': ['user', 'read:blocks'],
  'POST /api/v1/domain_blocks': ['user', 'write:blocks'],
  'DELETE /api/v1/domain_blocks': ['user', 'write:blocks'],
  // Issue 10: Web Push, announcements, instance rules and information.
  'POST /api/v1/push/subscription': ['user', 'push'],
  'GET /api/v1/push/subscription': ['user', 'push'],
  'PUT /api/v1/push/subscription': ['user', 'push'],
  'DELETE /api/v1/push/subscription': ['user', 'push'],
  'GET /api/v1/announcements': ['user', 'read'],
  'POST /api/v1/announcements/:id/dismiss': ['user', 'write:accounts'],
  'PUT /api/v1/announcements/:id/reactions/:name': ['user', 'write:favourites'],
  'DELETE /api/v1/announcements/:id/reactions/:name': ['user', 'write:favourites'],
  'GET /api/v1/medired/admin/announcements': ['admin', 'admin:read'],
  'POST /api/v1/medired/admin/announcements': ['admin', 'admin:write'],
  'PUT /api/v1/medired/admin/announcements/:id': ['admin', 'admin:write'],
  'DELETE /api/v1/medired/admin/announcements/:id': ['admin', 'admin:write'],
  'GET /api/v1/instance/rules': ['none'],
  'GET /api/v1/instance/extended_description': ['none'],
  'GET /api/v1/instance/activity': ['none'],
  'GET /api/v1/instance/peers': ['none'],
  'GET /api/v1/instance/domain_blocks': ['none'],
  'GET /api/v1/instance/translation_languages': ['none'],
  'GET /api/v1/instance/languages': ['none'],
  'GET /api/v1/medired/admin/rules': ['admin', 'admin:read'],
  'POST /api/v1/medired/admin/rules': ['admin', 'admin:write'],
  'PUT /api/v1/medired/admin/rules/:id': ['admin', 'admin:write'],
  'DELETE /api/v1/medired/admin/rules/:id': ['admin', 'admin:write'],
  // Web form routes (`defineFormRoute`): posted by a browser session, answered with HTML.
  'POST /auth/sign_in': ['none'],
  'POST /auth/sign_up': ['none'],
  'POST /auth/two_factor': ['user-even-suspended'],
  'POST /auth/sign_out': ['optional'],
  'POST /auth/password/forgot': ['none'],
  'POST /auth/password/reset': ['none'],
  'POST /auth/confirmation/new': ['none'],
  'POST /mail/unsubscribe': ['none'],
  'POST /settings/email_digest': ['user', 'write:accounts'],
  'POST /oauth/authorize': ['user-even-suspended'],
  'POST /settings/security/password': ['user-even-suspended'],
  'POST /settings/security/two_factor/setup': ['user-even-suspended'],
  'POST /settings/security/two_factor/enable': ['user-even-suspended'],
  'POST /settings/security/two_factor/disable': ['user-even-suspended'],
  'POST /settings/security/sessions/:id/revoke': ['user-even-suspended'],
  'POST /settings/security/tokens/:id/revoke': ['user-even-suspended'],
  'POST /statuses': ['user', 'write:statuses'],
  'POST /statuses/:id{[0-9]{1,19}}/favourite': ['user', 'write:favourites'],
  'POST /statuses/:id{[0-9]{1,19}}/unfavourite': ['user', 'write:favourites'],
  'POST /statuses/:id{[0-9]{1,19}}/reblog': ['user', 'write:statuses'],
  'POST /statuses/:id{[0-9]{1,19}}/unreblog': ['user', 'write:statuses'],
  'POST /statuses/:id{[0-9]{1,19}}/delete': ['user', 'write:statuses'],
  'POST /statuses/:id{[0-9]{1,19}}/vote': ['user', 'write:statuses'],
  'POST /statuses/:id{[0-9]{1,19}}/pin': ['user', 'write:accounts'],
  'POST /statuses/:id{[0-9]{1,19}}/unpin': ['user', 'write:accounts'],
  'POST /:handle{@[A-Za-z0-9_]{1,30}}/:id{[0-9]{1,19}}/edit': ['user', 'write:statuses'],
  'POST /articles/new': ['user', 'write:statuses'],
  'POST /settings/profile': ['user', 'write:accounts'],
  'POST /alertas': ['user', 'write:statuses'],
  'POST /alertas/:id{[0-9]{1,19}}/edit': ['user', 'write:statuses'],
  'POST /alertas/:id{[0-9]{1,19}}/withdraw': ['user', 'write:statuses'],
  'POST /consultas': ['user', 'write:statuses'],
  'POST /consultas/:id{[0-9]{1,19}}/answers': ['user', 'write:statuses'],
  'POST /consultas/:id{[0-9]{1,19}}/comments': ['user', 'write:statuses'],
  'POST /consultas/:id{[0-9]{1,19}}/edit': ['user', 'write:statuses'],
  'POST /consultas/:id{[0-9]{1,19}}/delete': ['user', 'write:statuses'],
  'POST /consultas/answers/:id{[0-9]{1,19}}/helpful': ['user', 'write:statuses'],
  'POST /consultas/answers/:id{[0-9]{1,19}}/accept': ['user', 'write:statuses'],
  'POST /consultas/fact_checks': ['user', 'write:statuses'],
  'POST /consultas/fact_checks/:id{[0-9]{1,19}}/rate': ['user', 'write:statuses'],
  'POST /settings/verification': ['user', 'write:accounts'],
  'POST /settings/verification/:id{[0-9]{1,19}}': ['user', 'write:accounts'],
  'POST /admin/verification/:id{[0-9]{1,19}}/:decision{approve|reject|request_info}': ['moderator', 'admin:write:accounts'],
  'POST /admin/accounts/:id{[0-9]{1,19}}/revoke_verification': ['moderator', 'admin:write:accounts'],
  'POST /report': ['user', 'write:reports'],
  'POST /admin/reports/:id{[0-9]{1,19}}/action': ['moderator', 'admin:write:reports'],
  'POST /admin/reports/:id{[0-9]{1,19}}/:what{resolve|reopen}': ['moderator', 'admin:write:reports'],
  'POST /appeals': ['user-even-suspended', 'write:accounts'],
  'POST /admin/appeals/:id{[0-9]{1,19}}/:decision{approve|reject}': ['moderator', 'admin:write:reports'],
  'POST /notifications/clear': ['user', 'write:notifications'],
  'POST /notifications/read': ['user', 'write:notifications'],
  'POST /settings/notifications': ['user', 'write:notifications'],
  'POST /notifications/:id{[0-9]{1,19}}/dismiss': ['user', 'write:notifications'],
  'POST /:handle{@[A-Za-z0-9_]{1,30}}/follow': ['user', 'write:follows'],
  'POST /:handle{@[A-Za-z0-9_]{1,30}}/unfollow': ['user', 'write:follows'],
  'POST /follow_requests/:id{[0-9]{1,19}}/authorize': ['user', 'write:follows'],
  'POST /follow_requests/:id{[0-9]{1,19}}/reject': ['user', 'write:follows'],
  'POST /messages': ['user', 'write:statuses'],
  'POST /messages/:id{[0-9]{1,19}}': ['user', 'write:statuses'],
  'POST /messages/:id{[0-9]{1,19}}/accept': ['user', 'write:conversations'],
  'POST /messages/:id{[0-9]{1,19}}/decline': ['user', 'write:conversations'],
  'POST /messages/:id{[0-9]{1,19}}/block': ['user', 'write:blocks'],
  'POST /messages/:id{[0-9]{1,19}}/mute': ['user', 'write:conversations'],
  'POST /messages/:id{[0-9]{1,19}}/unmute': ['user', 'write:conversations'],
  'POST /messages/:id{[0-9]{1,19}}/clear': ['user', 'write:conversations'],
  'POST /messages/:id{[0-9]{1,19}}/leave': ['user', 'write:conversations'],
  'POST /settings/messages': ['user', 'write:accounts'],
  // Care channels (issue 9): practice information and care requests.
  'GET /api/v1/medired/accounts/:id/practice': ['optional'],
  'PATCH /api/v1/medired/practice': ['user', 'write:accounts'],
  'POST /api/v1/medired/care_requests': ['user', 'write:statuses'],
  'GET /api/v1/medired/care_requests': ['user', 'read:statuses'],
  'GET /api/v1/medired/care_requests/sent': ['user', 'read:statuses'],
  'GET /api/v1/medired/care_requests/:id': ['user', 'read:statuses'],
  'POST /api/v1/medired/care_requests/:id/answer': ['user', 'write:statuses'],
  'POST /api/v1/medired/care_requests/:id/close': ['user', 'write:conversations'],
  'POST /settings/practice': ['user', 'write:accounts'],
  'POST /care-requests': ['user', 'write:statuses'],
  'POST /care-requests/:id{[0-9]{1,19}}/answer': ['user', 'write:statuses'],
  'POST /care-requests/:id{[0-9]{1,19}}/close': ['user', 'write:conversations'],
  'POST /groups': ['user', 'write:statuses'],
  'POST /groups/:slug{[a-z0-9-]{3,60}}/settings': ['user', 'write:statuses'],
  'POST /groups/:slug{[a-z0-9-]{3,60}}/leave': ['user', 'write:follows'],
  'POST /groups/:slug{[a-z0-9-]{3,60}}/posts': ['user', 'write:statuses'],
  // Issue 11: images of group posts; before/after galleries.
  'GET /api/v1/medired/group_posts/:id/media/:media_id': ['optional'],
  'POST /api/v1/medired/galleries/withdraw_consent': ['none'],
  'POST /api/v1/medired/galleries': ['user', 'write:media'],
  'GET /api/v1/medired/accounts/:id/gallery': ['optional'],
  'GET /api/v1/medired/galleries/:id': ['optional'],
  'POST /api/v1/medired/galleries/:id/withdraw_consent': ['user', 'write:media'],
  'DELETE /api/v1/medired/galleries/:id': ['user', 'write:media'],
  'GET /api/v1/medired/galleries/:id/images/:side{before|after}': ['optional'],
  'POST /gallery/new': ['user', 'write:media'],
  'POST /gallery/:id{[0-9]{1,19}}/withdraw': ['user', 'write:media'],
  'POST /gallery/:id{[0-9]{1,19}}/delete': ['user', 'write:media'],
  'POST /gallery/withdraw': ['none'],
  'POST /groups/:slug{[a-z0-9-]{3,60}}/pseudonym': ['user', 'write:accounts'],
  'POST /groups/:slug{[a-z0-9-]{3,60}}/members/:action{approve|refuse|remove|ban|unban|moderator|member|transfer}': ['user', 'write:follows'],
  'POST /groups/:slug{[a-z0-9-]{3,60}}/invite': ['user', 'write:follows'],
  'POST /groups/:slug{[a-z0-9-]{3,60}}/resources': ['user', 'write:statuses'],
  'POST /groups/:slug{[a-z0-9-]{3,60}}/:action{join|accept|decline}': ['user', 'write:follows'],
  'POST /group_resources/:id{[0-9]{1,19}}/delete': ['user', 'write:statuses'],
  'POST /group_posts/:id{[0-9]{1,19}}/:action{like|unlike|pin|unpin|delete}': ['user', 'write:favourites'],
  'POST /group_posts/:id{[0-9]{1,19}}/remove': ['user', 'write:statuses'],
  'POST /group_posts/:id{[0-9]{1,19}}/report': ['user', 'write:reports'],
  'POST /group_reports/:id{[0-9]{1,19}}/resolve': ['user', 'write:reports'],
  'POST /announcements/:id{[0-9]{1,19}}/dismiss': ['user', 'write:accounts'],
  'POST /notifications/requests/:id{[0-9]{1,19}}/:decision{accept|dismiss}': ['user', 'write:notifications'],
  'POST /settings/notifications/policy': ['user', 'write:notifications'],
  // Third-party clients (issue 10).
  'GET /api/v1/directory': ['optional'],
  'DELETE /api/v1/profile/avatar': ['user', 'write:accounts'],
  'DELETE /api/v1/profile/header': ['user', 'write:accounts'],
  'POST /api/v1/accounts/:id{[0-9]+}/remove_from_followers': ['user', 'write:follows'],
  // Promoted posts (issue 11).
  'GET /api/v1/medired/promotions': ['user', 'read:statuses'],
  'POST /api/v1/medired/promotions': ['user', 'write:statuses'],
  'GET /api/v1/medired/promotions/credits': ['user', 'read:accounts'],
  'GET /api/v1/medired/promotions/checklist': ['none'],
  'GET /api/v1/medired/promotions/:id{[0-9]+}': ['user', 'read:statuses'],
  'POST /api/v1/medired/promotions/:id{[0-9]+}/cancel': ['user', 'write:statuses'],
  'GET /api/v1/medired/admin/promotions': ['moderator', 'admin:read:reports'],
  'GET /api/v1/medired/admin/promotions/:id{[0-9]+}': ['moderator', 'admin:read:reports'],
  'POST /api/v1/medired/admin/promotions/:id{[0-9]+}/approve': ['moderator', 'admin:write:reports'],
  'POST /api/v1/medired/admin/promotions/:id{[0-9]+}/reject': ['moderator', 'admin:write:reports'],
  'GET /api/v1/medired/admin/promotion_credits': ['admin', 'admin:read:accounts'],
  'POST /api/v1/medired/admin/promotion_credits': ['admin', 'admin:write:accounts'],
  'POST /promotions': ['user', 'write:statuses'],
  'POST /promotions/:id{[0-9]{1,19}}/cancel': ['user', 'write:statuses'],
  'POST /admin/promotions/:id{[0-9]{1,19}}/approve': ['moderator', 'admin:write:reports'],
  'POST /admin/promotions/:id{[0-9]{1,19}}/reject': ['moderator', 'admin:write:reports'],
  'POST /admin/promotions/credits': ['admin', 'admin:write:accounts'],
  // Statistics of professionals and organisations (issue 11).
  'GET /api/v1/medired/analytics': ['user', 'read:accounts'],
  'GET /api/v1/medired/analytics/:dataset{[a-z][a-z0-9_]*\\.csv}': ['user', 'read:accounts'],
  // The health directory and influence scores (issue 11): public reads.
  'GET /api/v1/medired/directory/categories': ['optional'],
  'GET /api/v1/medired/accounts/:id/influence': ['optional'],
  // Issue 10, the rest of Mastodon's client API: notification filtering, conversation mutes, notes,
  // the missing v1/v2 routes (PATCH for every update), and the admin API.
  'GET /api/v1/accounts': ['optional'],
  'GET /api/v1/accounts/:id{[0-9]+}/identity_proofs': ['optional'],
  'GET /api/v1/profile': ['user', 'read:accounts'],
  'PUT /api/v1/profile': ['user', 'write:accounts'],
  'PATCH /api/v1/profile': ['user', 'write:accounts'],
  'DELETE /oauth/authorize': ['optional'],
  'GET /oauth/userinfo': ['user', 'profile|read:accounts'],
  'POST /oauth/userinfo': ['user', 'profile|read:accounts'],
  'POST /api/v1/emails/confirmations': ['user', 'write:accounts'],
  'GET /api/v1/emails/check_confirmation': ['user', 'read:accounts'],
  'GET /api/v1/timelines/direct': ['user', 'read:statuses'],
  'GET /api/v1/timelines/link': ['optional', 'read:statuses'],
  'GET /api/v1/statuses': ['optional', 'read:statuses'],
  'PATCH /api/v1/statuses/:id{[0-9]+}': ['user', 'write:statuses'],
  'GET /api/v1/statuses/:id{[0-9]+}/quotes': ['user', 'read:statuses'],
  'POST /api/v1/statuses/:id{[0-9]+}/quotes/:quoting_status_id{[0-9]+}/revoke': ['user', 'write:statuses'],
  'PUT /api/v1/statuses/:id{[0-9]+}/interaction_policy': ['user', 'write:statuses'],
  'PATCH /api/v1/statuses/:id{[0-9]+}/interaction_policy': ['user', 'write:statuses'],
  'POST /api/v1/statuses/:id{[0-9]+}/translate': ['user', 'read:statuses'],
  'GET /api/oembed': ['none'],
  'PATCH /api/v1/media/:id{[0-9]+}': ['user', 'write:media'],
  'DELETE /api/v1/media/:id{[0-9]+}': ['user', 'write:media'],
  'POST /api/v1/conversations/:id/unread': ['user', 'write:conversations'],
  'PUT /api/v1/admin/reports/:id{[0-9]+}': ['moderator', 'admin:write:reports'],
  'PATCH /api/v1/admin/reports/:id{[0-9]+}': ['moderator', 'admin:write:reports'],
  'POST /api/v1/admin/reports/:id{[0-9]+}/assign_to_self': ['moderator', 'admin:write:reports'],
  'POST /api/v1/admin/reports/:id{[0-9]+}/unassign': ['moderator', 'admin:write:reports'],
  'GET /api/v2/admin/accounts': ['moderator', 'admin:read:accounts'],
  'DELETE /api/v1/admin/accounts/:id{[0-9]+}': ['admin', 'admin:write:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/approve': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/reject': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/enable': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/admin/accounts/:id{[0-9]+}/unsensitive': ['moderator', 'admin:write:accounts'],
  'POST /api/v1/accounts/:id{[0-9]+}/note': ['user', 'write:accounts'],
  'DELETE /api/v1/notifications/:id{[0-9]+}': ['user', 'write:notifications'],
  'DELETE /api/v1/notifications/destroy_multiple': ['user', 'write:notifications'],
  'GET /api/v2/notifications/policy': ['user', 'read:notifications'],
  'PUT /api/v2/notifications/policy': ['user', 'write:notifications'],
  'PATCH /api/v2/notifications/policy': ['user', 'write:notifications'],
  'GET /api/v1/notifications/policy': ['user', 'read:notifications'],
  'PUT /api/v1/notifications/policy': ['user', 'write:notifications'],
  'PATCH /api/v1/notifications/policy': ['user', 'write:notifications'],
  'GET /api/v1/notifications/requests': ['user', 'read:notifications'],
  'GET /api/v1/notifications/requests/merged': ['user', 'read:notifications'],
  'POST /api/v1/notifications/requests/accept': ['user', 'write:notifications'],
  'POST /api/v1/notifications/requests/dismiss': ['user', 'write:notifications'],
  'GET /api/v1/notifications/requests/:id{[0-9]+}': ['user', 'read:notifications'],
  'POST /api/v1/notifications/requests/:id{[0-9]+}/accept': ['user', 'write:notifications'],
  'POST /api/v1/notifications/requests/:id{[0-9]+}/dismiss': ['user', 'write:notifications'],
  'POST /api/v2/notifications/clear': ['user', 'write:notifications'],
  'POST /api/v1/statuses/:id{[0-9]+}/mute': ['user', 'write:mutes'],
  'POST /api/v1/statuses/:id{[0-9]+}/unmute': ['user', 'write:mutes'],
  'PATCH /api/v1/scheduled_statuses/:id{[0-9]+}': ['user', 'write:statuses'],
  'PATCH /api/v2/filters/:id{[0-9]+}': ['user', 'write:filters'],
  'PATCH /api/v2/filters/keywords/:id{[0-9]+}': ['user', 'write:filters'],
  'PATCH /api/v1/filters/:id{[0-9]+}': ['user', 'write:filters'],
  'PATCH /api/v1/lists/:id{[0-9]+}': ['user', 'write:lists'],
  'POST /api/v1/tags/:name/feature': ['user', 'write:accounts'],
  'POST /api/v1/tags/:name/unfeature': ['user', 'write:accounts'],
  'POST /api/v1/accounts/:id{[0-9]+}/endorse': ['user', 'write:accounts'],
  'POST /api/v1/accounts/:id{[0-9]+}/unendorse': ['user', 'write:accounts'],
  'GET /api/v1/accounts/:id{[0-9]+}/endorsements': ['optional', 'read:accounts'],
  'PATCH /api/v1/push/subscription': ['user', 'push'],
  'GET /api/v1/instance/privacy_policy': ['none'],
  'GET /api/v1/instance/terms_of_service': ['none'],
  'GET /api/v1/instance/terms_of_service/:date': ['none'],
  'GET /api/v1/donation_campaigns': ['user', 'read'],
  'GET /api/v1/annual_reports': ['user', 'read:accounts'],
  'GET /api/v1/annual_reports/:id/state': ['user', 'read:accounts'],
  'POST /api/v1/annual_reports/:id/read': ['user', 'write:accounts'],
  'POST /api/v1/annual_reports/:id/generate': ['user', 'write:accounts'],
  'GET /api/v1/annual_reports/:id': ['user', 'read:accounts'],
  'GET /api/v1/peers/search': ['optional', 'read'],
  'GET /api/v1/domain_blocks/preview': ['user', 'read:blocks'],
  'GET /api/v1/admin/domain_blocks': ['admin', 'admin:read:domain_blocks'],
  'GET /api/v1/admin/domain_blocks/:id{[0-9]+}': ['admin', 'admin:read:domain_blocks'],
  'POST /api/v1/admin/domain_blocks': ['admin', 'admin:write:domain_blocks'],
  'PUT /api/v1/admin/domain_blocks/:id{[0-9]+}': ['admin', 'admin:write:domain_blocks'],
  'PATCH /api/v1/admin/domain_blocks/:id{[0-9]+}': ['admin', 'admin:write:domain_blocks'],
  'DELETE /api/v1/admin/domain_blocks/:id{[0-9]+}': ['admin', 'admin:write:domain_blocks'],
  'GET /api/v1/admin/domain_allows': ['admin', 'admin:read:domain_allows'],
  'GET /api/v1/admin/domain_allows/:id{[0-9]+}': ['admin', 'admin:read:domain_allows'],
  'POST /api/v1/admin/domain_allows': ['admin', 'admin:write:domain_allows'],
  'DELETE /api/v1/admin/domain_allows/:id{[0-9]+}': ['admin', 'admin:write:domain_allows'],
  'GET /api/v1/admin/email_domain_blocks': ['admin', 'admin:read:email_domain_blocks'],
  'GET /api/v1/admin/email_domain_blocks/:id{[0-9]+}': ['admin', 'admin:read:email_domain_blocks'],
  'POST /api/v1/admin/email_domain_blocks': ['admin', 'admin:write:email_domain_blocks'],
  'DELETE /api/v1/admin/email_domain_blocks/:id{[0-9]+}': ['admin', 'admin:write:email_domain_blocks'],
  'GET /api/v1/admin/ip_blocks': ['admin', 'admin:read:ip_blocks'],
  'GET /api/v1/admin/ip_blocks/:id{[0-9]+}': ['admin', 'admin:read:ip_blocks'],
  'POST /api/v1/admin/ip_blocks': ['admin', 'admin:write:ip_blocks'],
  'PUT /api/v1/admin/ip_blocks/:id{[0-9]+}': ['admin', 'admin:write:ip_blocks'],
  'PATCH /api/v1/admin/ip_blocks/:id{[0-9]+}': ['admin', 'admin:write:ip_blocks'],
  'DELETE /api/v1/admin/ip_blocks/:id{[0-9]+}': ['admin', 'admin:write:ip_blocks'],
  'GET /api/v1/admin/canonical_email_blocks': ['admin', 'admin:read:canonical_email_blocks'],
  'POST /api/v1/admin/canonical_email_blocks/test': ['admin', 'admin:read:canonical_email_blocks'],
  'GET /api/v1/admin/canonical_email_blocks/:id{[0-9]+}': ['admin', 'admin:read:canonical_email_blocks'],
  'POST /api/v1/admin/canonical_email_blocks': ['admin', 'admin:write:canonical_email_blocks'],
  'DELETE /api/v1/admin/canonical_email_blocks/:id{[0-9]+}': ['admin', 'admin:write:canonical_email_blocks'],
  'GET /api/v1/admin/trends/tags': ['moderator', 'admin:read'],
  'POST /api/v1/admin/trends/tags/:id{[0-9]+}/approve': ['moderator', 'admin:write'],
  'POST /api/v1/admin/trends/tags/:id{[0-9]+}/reject': ['moderator', 'admin:write'],
  'GET /api/v1/admin/trends/statuses': ['moderator', 'admin:read'],
  'POST /api/v1/admin/trends/statuses/:id{[0-9]+}/approve': ['moderator', 'admin:write'],
  'POST /api/v1/admin/trends/statuses/:id{[0-9]+}/reject': ['moderator', 'admin:write'],
  'GET /api/v1/admin/trends/links': ['moderator', 'admin:read'],
  'POST /api/v1/admin/trends/links/:id{[0-9]+}/approve': ['moderator', 'admin:write'],
  'POST /api/v1/admin/trends/links/:id{[0-9]+}/reject': ['moderator', 'admin:write'],
  'GET /api/v1/admin/trends/links/publishers': ['moderator', 'admin:read'],
  'POST /api/v1/admin/trends/links/publishers/:id{[0-9]+}/approve': ['moderator', 'admin:write'],
  'POST /api/v1/admin/trends/links/publishers/:id{[0-9]+}/reject': ['moderator', 'admin:write'],
  'GET /api/v1/admin/tags': ['moderator', 'admin:read'],
  'GET /api/v1/admin/tags/:id{[0-9]+}': ['moderator', 'admin:read'],
  'PUT /api/v1/admin/tags/:id{[0-9]+}': ['moderator', 'admin:write'],
  'PATCH /api/v1/admin/tags/:id{[0-9]+}': ['moderator', 'admin:write'],
  'POST /api/v1/admin/measures': ['moderator', 'admin:read'],
  'POST /api/v1/admin/dimensions': ['moderator', 'admin:read'],
  'POST /api/v1/admin/retention': ['moderator', 'admin:read'],
};

/**
 * Routes (API or form) reserved by a domain rule to one kind of account (a 403 for the ordinary
 * patients the actors are is that rule, not authentication): the reason is the rule.
 */
const KIND_RESTRICTED: Record<string, string> = {
  'POST /api/v1/emails/confirmations': 'only a sign-up still waiting for its e-mail confirmation may ask for a new link',
  'POST /api/v1/statuses/:id{[0-9]+}/translate': 'no translation service is configured: translating is refused to everyone',
  'GET /api/v1/medired/consultas/for_me': 'the list of questions to answer is for verified professionals',
  'PATCH /api/v1/medired/practice': 'practice information is for professionals and organisations',
  'POST /settings/practice': 'practice information is for professionals and organisations',
  'POST /api/v1/medired/promotions': 'promoting posts is for verified professionals and organisations',
  'POST /promotions': 'promoting posts is for verified professionals and organisations',
  'GET /api/v1/medired/analytics': 'statistics are for professionals and organisations (each its own)',
  'GET /api/v1/medired/analytics/:dataset{[a-z][a-z0-9_]*\\.csv}': 'statistics are for professionals and organisations (each its own)',
  'POST /gallery/new': 'before/after galleries are for verified professionals and organisations',
};

/** Public routes that authenticate an OAuth client rather than a person: anonymous may get 401. */
const CLIENT_CREDENTIALS = new Set(['GET /api/v1/apps/verify_credentials', 'POST /oauth/token', 'POST /oauth/revoke']);

const keyOf = (route: AnyRoute) => `${route.method.toUpperCase()} ${route.path}`;
const needsAccount = (auth: AuthRequirement) => auth !== 'none' && auth !== 'optional';
const isStaffRoute = (auth: AuthRequirement) => auth === 'moderator' || auth === 'admin';

// ---- the world the routes are called in ----

interface World {
  owner: TestUser;
  other: TestUser;
  suspended: TestUser;
  readOnly: TestUser;
  moderatorWithout2fa: TestUser;
  /** A moderator with two-factor authentication: full staff power. */
  moderator: TestUser;
  /** An administrator with two-factor authentication: the control of admin-only forms. */
  admin: TestUser;
  bystander: TestUser;
  professional: TestUser;
  organization: TestUser;
  /** Of the same kinds, to try someone else's answers, notes and alerts. */
  rivalProfessional: TestUser;
  rivalOrganization: TestUser;
  /** An unverified professional, owner of the verification request. */
  applicant: TestUser;
  ids: Record<'announcement' | 'rule' | 'complaint' | 'conversation' | 'privateStatus' | 'consulta' | 'answer' | 'comment' | 'alert' | 'factCheck' | 'media' | 'notification' | 'verification' | 'report' | 'appeal' | 'session' | 'token' | 'group' | 'groupSlug' | 'groupPost' | 'groupResource' | 'groupReport' | 'poll' | 'scheduled' | 'promotion' | 'gallery' | 'notificationRequest', string>;
}

let t: TestApp;
let w: World;

async function call(method: string, url: string, token?: string, json?: unknown): Promise<Response> {
  return t.request(method, url, { token, ...(json !== undefined ? { json } : {}) });
}

async function ok<T = { id: string }>(res: Promise<Response>): Promise<T> {
  const response = await res;
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as T;
}

const questionBody = (title = sampleQuestion.title) => ({ ...sampleQuestion, title });
const alertBody = (title = 'Ola de calor en Madrid') => ({
  title,
  body: 'Se esperan temperaturas de más de 40 °C. Bebe agua y evita salir en las horas centrales.',
  severity: 'warning',
  country: 'ES',
  city: 'Madrid',
  expires_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
});
const factCheckBody = (statusId: string) => ({ note: 'Esta afirmación no tiene respaldo: los estudios no muestran ese efecto.', sources: ['https://www.who.int/es'], target_type: 'status', target_id: statusId });
const complaintBody = (target: TestUser, visibility: 'public' | 'private' = 'public') => ({
  account_id: target.accountId,
  subject: 'Me cancelaron la cita sin avisar',
  text: 'Fui a la cita del martes y en recepción me dijeron que estaba cancelada, sin llamada previa.',
  visibility,
});
const promotionBody = (statusId: string, budget = 5) => ({ status_id: statusId, budget_credits: budget, starts_at: new Date().toISOString().slice(0, 10), ends_at: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10) });
const verificationBody = { license_number: '28/123456', issuing_body: 'Colegio de Médicos de Madrid', country: 'es', specialty: 'cardiology' };

async function withToken(user: TestUser, scopes: string): Promise<TestUser> {
  const token = await issueAccessToken(t.ctx.db, { userId: user.userId, applicationId: null, scopes });
  return { ...user, token: token.access_token };
}

/** A notification request of `owner`'s: `from` favourites a status while the owner filters strangers. */
async function requestToOwnerOf(owner: TestUser, from: TestUser, statusId: string): Promise<string> {
  await ok(call('PATCH', '/api/v2/notifications/policy', owner.token, { for_not_following: 'filter' }));
  await call('POST', `/api/v1/statuses/${statusId}/unfavourite`, from.token);
  await ok(call('POST', `/api/v1/statuses/${statusId}/favourite`, from.token));
  await ok(call('PATCH', '/api/v2/notifications/policy', owner.token, { for_not_following: 'accept' }));
  const row = await t.ctx.db.selectFrom('notification_requests').select('id').where('account_id', '=', owner.accountId).where('from_account_id', '=', from.accountId).executeTakeFirstOrThrow();
  return row.id;
}

async function buildWorld(): Promise<World> {
  // The first account registered becomes the instance admin: keep that out of the actors.
  await t.createUser({ username: 'primera_admin' });
  const [owner, other, bystander, professional, organization, moderator, moderatorWithout2fa, suspended, rivalProfessional, rivalOrganization, applicant] = await Promise.all([
    t.createUser({ username: 'duena' }),
    t.createUser({ username: 'otra' }),
    t.createUser({ username: 'testigo' }),
    createVerifiedProfessional(t, 'cardiology'),
    createVerifiedOrganization(t),
    t.createUser({ username: 'mod_con_2fa' }).then((u) => withToken(u, 'read write follow push admin:read admin:write')),
    t.createUser({ username: 'mod_sin_2fa' }).then((u) => withToken(u, 'read write follow push admin:read admin:write')),
    t.createUser({ username: 'suspendida' }),
    createVerifiedProfessional(t, 'cardiology'),
    createVerifiedOrganization(t),
    t.createUser({ kind: 'professional', profession: 'nurse' }),
  ]);
  await t.setStaffRole(moderator, 'moderator');
  await t.setStaffRole(moderatorWithout2fa, 'moderator', { totp: false });
  const admin = await t.createUser({ username: 'admin_con_2fa' });
  await t.setStaffRole(admin, 'admin');
  const readOnly = await withToken(owner, 'read');

  // The suspended account followed the owner before it was suspended: defect 6 is about exactly
  // this follower still reading followers-only posts with its token.
  await ok(call('POST', `/api/v1/accounts/${owner.accountId}/follow`, suspended.token));
  const publicStatus = await ok(call('POST', '/api/v1/statuses', owner.token, { status: 'Hoy he ido al #salud centro de salud', visibility: 'public' }));
  const privateStatus = await ok(call('POST', '/api/v1/statuses', owner.token, { status: 'Solo para quienes me siguen: mi diagnóstico', visibility: 'private' }));
  await ok(call('PUT', `/api/v1/statuses/${privateStatus.id}`, owner.token, { status: 'Solo para quienes me siguen: mi diagnóstico, actualizado' }));
  await ok(call('POST', '/api/v1/statuses', owner.token, { status: 'Y la respuesta, también privada', visibility: 'private', in_reply_to_id: privateStatus.id }));
  await ok(call('POST', `/api/v1/statuses/${publicStatus.id}/favourite`, bystander.token));
  await ok(call('POST', `/api/v1/statuses/${privateStatus.id}/favourite`, suspended.token));

  const consulta = await ok(call('POST', '/api/v1/medired/consultas', owner.token, questionBody()));
  const answer = await ok(call('POST', `/api/v1/medired/consultas/${consulta.id}/answers`, professional.token, { body: sampleAnswer }));
  const comment = await ok(call('POST', `/api/v1/medired/consultas/${consulta.id}/comments`, owner.token, { body: 'Gracias, pediré cita.' }));
  const alert = await ok(call('POST', '/api/v1/medired/alerts', organization.token, alertBody()));
  const factCheck = await ok(call('POST', '/api/v1/medired/fact_checks', professional.token, factCheckBody(publicStatus.id)));
  const media = await ok(t.request('POST', '/api/v2/media', { token: owner.token, form: await mediaForm() }));
  const notifications = await ok<{ id: string }[]>(call('GET', '/api/v1/notifications', owner.token));
  const verification = await ok(call('POST', '/api/v1/medired/verification_requests', applicant.token, verificationBody));
  const report = await ok(call('POST', '/api/v1/reports', other.token, { account_id: bystander.accountId, comment: 'Spam', category: 'spam' }));
  // A private complaint of the owner's: nobody but its two parties (and staff with 2FA) reads it.
  const complaint = await ok(call('POST', '/api/v1/medired/complaints', owner.token, complaintBody(rivalOrganization, 'private')));
  const conversation = await ok(call('POST', '/api/v1/medired/conversations', owner.token, { account_ids: [professional.accountId], status: 'Doctora, ¿puedo tomarlo con comida?' }));
  // The organisation accepts online care requests (the care request forms' valid bodies are to it).
  await ok(call('PATCH', '/api/v1/medired/practice', organization.token, { accepts_online_requests: true }));

  // A private group of the owner's, with a post, a resource and a report in its queue: outsiders get 404.
  const group = await ok<{ id: string; slug: string }>(call('POST', '/api/v1/medired/groups', owner.token, { name: 'Grupo privado de la dueña', visibility: 'private' }));
  const groupPost = await ok(call('POST', `/api/v1/medired/groups/${group.id}/posts`, owner.token, { text: 'Una publicación del grupo' }));
  const groupResource = await ok(call('POST', `/api/v1/medired/groups/${group.id}/resources`, owner.token, { title: 'Guía', url: 'https://example.org/guia' }));
  await ok(call('POST', `/api/v1/medired/groups/${group.id}/join`, bystander.token));
  await ok(call('POST', `/api/v1/medired/groups/${group.id}/approve`, owner.token, { account_id: bystander.accountId }));
  const groupReport = await ok(call('POST', `/api/v1/medired/group_posts/${groupPost.id}/report`, bystander.token, { comment: 'Revisad esto' }));
  const pollStatus = await ok<{ poll: { id: string } }>(call('POST', '/api/v1/statuses', owner.token, { status: '¿Qué prefieres?', visibility: 'private', poll: { options: ['Mañana', 'Tarde'], expires_in: 3600 } }));
  const scheduled = await ok(call('POST', '/api/v1/statuses', owner.token, { status: 'Más tarde', scheduled_at: new Date(Date.now() + 3_600_000).toISOString() }));
  // A before/after pair of the organisation's, published with consent.
  const gallery = await galleryOf(organization);

  // A promotion of the organisation's, waiting for review (credits granted directly: no admin actor here).
  await t.ctx.db.insertInto('promotion_credit_balances').values({ account_id: organization.accountId, balance_millicredits: 1_000_000 }).execute();
  const promoted = await ok(call('POST', '/api/v1/statuses', organization.token, { status: 'Campaña de vacunación de la gripe', visibility: 'public' }));
  const promotion = await ok(call('POST', '/api/v1/medired/promotions', organization.token, promotionBody(promoted.id)));
  await ok(call('POST', `/api/v1/admin/accounts/${suspended.accountId}/action`, moderator.token, { type: 'suspend', text: 'Publicidad engañosa' }));
  const action = await t.ctx.db.selectFrom('moderation_actions').select('id').where('target_account_id', '=', suspended.accountId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const appeal = await ok(call('POST', '/api/v1/medired/appeals', suspended.token, { action_id: action.id, text: 'No era publicidad, era información.' }));
  const session = await signIn(t.ctx, { login: owner.username, password: 'correct horse battery staple', ip: '203.0.113.9', userAgent: 'test' });
  await issueAccessToken(t.ctx.db, { userId: owner.userId, applicationId: null, scopes: 'read' });
  const token = await t.ctx.db.selectFrom('oauth_access_tokens').select('id').where('user_id', '=', owner.userId).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const announcement = await t.ctx.db.insertInto('announcements').values({ text: 'Mantenimiento el domingo', published_at: new Date() }).returning('id').executeTakeFirstOrThrow();
  const rule = await t.ctx.db.selectFrom('instance_rules').select('id').orderBy('id').executeTakeFirstOrThrow();
  const notificationRequest = await requestToOwnerOf(owner, bystander, publicStatus.id);

  return {
    owner,
    other,
    suspended,
    readOnly,
    moderatorWithout2fa,
    moderator,
    admin,
    bystander,
    professional,
    organization,
    rivalProfessional,
    rivalOrganization,
    applicant,
    ids: {
      notificationRequest,
      announcement: announcement.id,
      rule: rule.id,
      complaint: complaint.id,
      conversation: conversation.id,
      privateStatus: privateStatus.id,
      consulta: consulta.id,
      answer: answer.id,
      comment: comment.id,
      alert: alert.id,
      factCheck: factCheck.id,
      media: media.id,
      notification: notifications[0]!.id,
      verification: verification.id,
      report: report.id,
      appeal: appeal.id,
      session: session.sessionId,
      token: token.id,
      group: group.id,
      groupSlug: group.slug,
      groupPost: groupPost.id,
      groupResource: groupResource.id,
      groupReport: groupReport.id,
      poll: pollStatus.poll.id,
      scheduled: scheduled.id,
      promotion: promotion.id,
      gallery: gallery.id,
    },
  };
}

/** A before/after pair published by `user` (a verified organisation) with the patient's consent. */
async function galleryOf(user: TestUser): Promise<{ id: string }> {
  const ids: string[] = [];
  for (const description of ['Antes del tratamiento', 'Después del tratamiento']) {
    const form = await mediaForm();
    form.set('description', description);
    ids.push((await ok<{ id: string }>(t.request('POST', '/api/v2/media', { token: user.token, form }))).id);
  }
  const consent = { subject: 'Paciente 1', date: '2026-10-01', statement: 'Autorizo la publicación de mis imágenes en Medired.', scope: 'public_medired', confirmed: true };
  return ok(call('POST', '/api/v1/medired/galleries', user.token, { treatment: 'Blanqueamiento', before_media_id: ids[0], after_media_id: ids[1], consent }));
}

async function mediaForm(): Promise<FormData> {
  const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#0b6e69' } }).png().toBuffer();
  const form = new FormData();
  form.append('file', new File([new Uint8Array(png)], 'x.png', { type: 'image/png' }));
  return form;
}

// ---- resources someone else must not touch ----

type Row = [table: keyof Database, id: string];

interface Owned {
  /** The account the resource belongs to (its author, or the asker for accept/unaccept). */
  owner: TestUser;
  id: string;
  /** A valid body, so the refusal cannot come from validation. */
  body?: unknown;
  /** Rows that must be byte-for-byte the same after anyone else's call. */
  rows: Row[];
  /** Accounts besides the common actors that are plausible intruders (another organisation…). */
  rivals?: TestUser[];
}

const statusOfOwner = async (): Promise<Owned> => {
  const s = await ok(call('POST', '/api/v1/statuses', w.owner.token, { status: 'Una publicación mía', visibility: 'public' }));
  return { owner: w.owner, id: s.id, body: { status: 'Cambiada por otra persona' }, rows: [['statuses', s.id]] };
};
const consultaOfOwner = async (): Promise<Owned> => {
  const q = await ok(call('POST', '/api/v1/medired/consultas', w.owner.token, questionBody('Mareos al levantarme por la mañana')));
  return { owner: w.owner, id: q.id, body: questionBody('Cambiada por otra persona'), rows: [['consulta_questions', q.id]] };
};
const answerOnOwnersConsulta = async (accepted: boolean): Promise<Owned & { questionId: string }> => {
  const q = await ok(call('POST', '/api/v1/medired/consultas', w.owner.token, questionBody('Dudas sobre la tensión arterial')));
  const a = await ok(call('POST', `/api/v1/medired/consultas/${q.id}/answers`, w.professional.token, { body: sampleAnswer }));
  if (accepted) await ok(call('POST', `/api/v1/medired/consultas/answers/${a.id}/accept`, w.owner.token));
  return { owner: w.owner, id: a.id, questionId: q.id, rows: [['consulta_questions', q.id], ['consulta_answers', a.id]] };
};

/** A conversation of the owner's, with a professional (who, as an outsider, is not a rival: she is in it). */
const conversationOfOwner = async (): Promise<Owned> => {
  const c = await ok<{ id: string; last_status: { id: string } }>(call('POST', '/api/v1/medired/conversations', w.owner.token, { account_ids: [w.organization.accountId], status: 'Una pregunta privada' }));
  return { owner: w.owner, id: c.id, body: { status: 'Me cuelo en la conversación' }, rows: [['conversations', c.id], ['statuses', c.last_status.id]] };
};
/** A message request to the owner (a patient: a stranger's first message is a request). */
const requestToOwner = async (): Promise<Owned> => {
  const c = await ok<{ id: string; last_status: { id: string } }>(call('POST', '/api/v1/medired/conversations', w.bystander.token, { account_ids: [w.owner.accountId], status: 'Hola, ¿nos conocemos?' }));
  return { owner: w.owner, id: c.id, rows: [['conversations', c.id], ['statuses', c.last_status.id]] };
};
/** A complaint the owner filed about a fresh organisation (the owner is its complainant). */
const complaintOfOwner = async (visibility: 'public' | 'private' = 'private') => {
  const target = await createVerifiedOrganization(t);
  const c = await ok(call('POST', '/api/v1/medired/complaints', w.owner.token, complaintBody(target, visibility)));
  return { target, id: c.id, rows: [['complaints', c.id]] as Row[] };
};
const COMPLAINT_OWNER_ONLY: Record<string, () => Promise<Owned>> = {
  entries: async () => {
    const c = await complaintOfOwner();
    return { owner: w.owner, id: c.id, body: { text: 'Sigo esperando una respuesta.' }, rows: c.rows, rivals: [w.rivalOrganization] };
  },
  // Only the target moves a complaint to private: the owner of this one is the organisation.
  move_to_private: async () => {
    const c = await complaintOfOwner('public');
    return { owner: c.target, id: c.id, rows: c.rows, rivals: [w.rivalOrganization] };
  },
  resolve: async () => {
    const c = await complaintOfOwner();
    return { owner: w.owner, id: c.id, rows: c.rows, rivals: [w.rivalOrganization] };
  },
};
/** A status the owner scheduled for later: anyone else's read, move or cancel is a 404. */
const scheduledOfOwner = async (): Promise<Owned> => {
  const s = await ok(call('POST', '/api/v1/statuses', w.owner.token, { status: 'Programada', scheduled_at: new Date(Date.now() + 3_600_000).toISOString() }));
  return { owner: w.owner, id: s.id, body: { scheduled_at: new Date(Date.now() + 7_200_000).toISOString() }, rows: [['scheduled_statuses', s.id]] };
};
/** A fresh notification request of the owner's (a new stranger's favourite, kept aside). */
const requestOfOwner = async (): Promise<Owned> => {
  const stranger = await t.createUser({});
  const s = await ok(call('POST', '/api/v1/statuses', w.owner.token, { status: 'Para quien quiera', visibility: 'public' }));
  const id = await requestToOwnerOf(w.owner, stranger, s.id);
  return { owner: w.owner, id, rows: [['notification_requests', id]] };
};
const CONVERSATION_OWNER_ONLY = Object.fromEntries(
  [
    'DELETE /api/v1/conversations/:id',
    'POST /api/v1/conversations/:id/read',
    'GET /api/v1/medired/conversations/:id',
    'GET /api/v1/medired/conversations/:id/messages',
    'POST /api/v1/medired/conversations/:id/messages',
    'POST /api/v1/medired/conversations/:id/mute',
    'POST /api/v1/medired/conversations/:id/unmute',
  ].map((key) => [key, conversationOfOwner]),
);

/**
 * A care request of the owner (a patient) to a fresh organisation accepting online requests;
 * `owner` is the requester, or with `asTarget` the organisation (who alone answers).
 */
const careRequestOfOwner = async (asTarget = false): Promise<Owned> => {
  const org = await createVerifiedOrganization(t);
  await ok(call('PATCH', '/api/v1/medired/practice', org.token, { accepts_online_requests: true }));
  const r = await ok(call('POST', '/api/v1/medired/care_requests', w.owner.token, { account_id: org.accountId, kind: 'administrative', text: 'Un trámite, por favor.' }));
  return { owner: asTarget ? org : w.owner, id: r.id, body: { text: 'Respondo yo, que no me toca.' }, rows: [['care_requests', r.id]], rivals: [w.rivalOrganization] };
};

/** A fresh pending promotion of the organisation's: only it reads or cancels it (another organisation is a rival). */
const promotionOfOrganization = async (): Promise<Owned> => {
  const s = await ok(call('POST', '/api/v1/statuses', w.organization.token, { status: 'Otra campaña de la organización', visibility: 'public' }));
  const p = await ok(call('POST', '/api/v1/medired/promotions', w.organization.token, promotionBody(s.id, 1)));
  return { owner: w.organization, id: p.id, rows: [['promotions', p.id]], rivals: [w.rivalOrganization] };
};

/** A fresh private group of the owner's, and a post and a resource in the world's group. */
const groupOfOwner = async (): Promise<Owned> => {
  const g = await ok(call('POST', '/api/v1/medired/groups', w.owner.token, { name: 'Otro grupo de la dueña', visibility: 'private' }));
  return { owner: w.owner, id: g.id, body: { name: 'Cambiado por otra persona', visibility: 'public' }, rows: [['groups', g.id]] };
};
const groupPostOfOwner = async (): Promise<Owned> => {
  const p = await ok(call('POST', `/api/v1/medired/groups/${w.ids.group}/posts`, w.owner.token, { text: 'Otra publicación del grupo' }));
  return { owner: w.owner, id: p.id, body: { reason: 'Retirada por otra persona' }, rows: [['group_posts', p.id]] };
};
const groupResourceOfOwner = async (): Promise<Owned> => {
  const r = await ok(call('POST', `/api/v1/medired/groups/${w.ids.group}/resources`, w.owner.token, { title: 'Otra guía', url: 'https://example.org/otra' }));
  return { owner: w.owner, id: r.id, rows: [['group_resources', r.id]] };
};

// Filters, lists and featured tags of the owner's (src/reading-tools.routes.ts): another account's are not found.
let readingToolCounter = 0;
const filterOfOwner = async () => {
  const f = await ok<{ id: string; keywords: { id: string }[] }>(call('POST', '/api/v2/filters', w.owner.token, { title: 'Dietas', context: ['home'], keywords_attributes: [{ keyword: 'dieta' }] }));
  return { filterId: f.id, keywordId: f.keywords[0]!.id };
};
const filterOwned = async (): Promise<Owned> => {
  const f = await filterOfOwner();
  return { owner: w.owner, id: f.filterId, body: { title: 'Cambiado por otra persona', keyword: 'intrusa', status_id: w.ids.privateStatus }, rows: [['filters', f.filterId], ['filter_keywords', f.keywordId]] };
};
const keywordOwned = async (): Promise<Owned> => {
  const f = await filterOfOwner();
  return { owner: w.owner, id: f.keywordId, body: { keyword: 'intrusa', phrase: 'intrusa' }, rows: [['filters', f.filterId], ['filter_keywords', f.keywordId]] };
};
const filterStatusOwned = async (): Promise<Owned> => {
  const f = await filterOfOwner();
  const fs = await ok(call('POST', `/api/v2/filters/${f.filterId}/statuses`, w.owner.token, { status_id: w.ids.privateStatus }));
  return { owner: w.owner, id: fs.id, rows: [['filters', f.filterId], ['filter_statuses', fs.id]] };
};
const listOwned = async (): Promise<Owned> => {
  const l = await ok(call('POST', '/api/v1/lists', w.owner.token, { title: 'Médicas' }));
  return { owner: w.owner, id: l.id, body: { title: 'Cambiada por otra persona', account_ids: [w.bystander.accountId] }, rows: [['lists', l.id]] };
};
const featuredTagOwned = async (): Promise<Owned> => {
  const f = await ok(call('POST', '/api/v1/featured_tags', w.owner.token, { name: `destacada${++readingToolCounter}` }));
  return { owner: w.owner, id: f.id, rows: [['featured_tags', f.id]] };
};
const READING_TOOLS_OWNER_ONLY: Record<string, () => Promise<Owned>> = {
  'GET /api/v2/filters/:id{[0-9]+}': filterOwned,
  'PUT /api/v2/filters/:id{[0-9]+}': filterOwned,
  'PATCH /api/v2/filters/:id{[0-9]+}': filterOwned,
  'PATCH /api/v2/filters/keywords/:id{[0-9]+}': keywordOwned,
  'PATCH /api/v1/filters/:id{[0-9]+}': keywordOwned,
  'PATCH /api/v1/lists/:id{[0-9]+}': listOwned,
  'DELETE /api/v2/filters/:id{[0-9]+}': filterOwned,
  'GET /api/v2/filters/:id{[0-9]+}/keywords': filterOwned,
  'POST /api/v2/filters/:id{[0-9]+}/keywords': filterOwned,
  'GET /api/v2/filters/:id{[0-9]+}/statuses': filterOwned,
  'POST /api/v2/filters/:id{[0-9]+}/statuses': filterOwned,
  'GET /api/v2/filters/keywords/:id{[0-9]+}': keywordOwned,
  'PUT /api/v2/filters/keywords/:id{[0-9]+}': keywordOwned,
  'DELETE /api/v2/filters/keywords/:id{[0-9]+}': keywordOwned,
  'GET /api/v2/filters/statuses/:id{[0-9]+}': filterStatusOwned,
  'DELETE /api/v2/filters/statuses/:id{[0-9]+}': filterStatusOwned,
  'GET /api/v1/filters/:id{[0-9]+}': keywordOwned,
  'PUT /api/v1/filters/:id{[0-9]+}': keywordOwned,
  'DELETE /api/v1/filters/:id{[0-9]+}': keywordOwned,
  'GET /api/v1/lists/:id{[0-9]+}': listOwned,
  'PUT /api/v1/lists/:id{[0-9]+}': listOwned,
  'DELETE /api/v1/lists/:id{[0-9]+}': listOwned,
  'GET /api/v1/lists/:id{[0-9]+}/accounts': listOwned,
  'POST /api/v1/lists/:id{[0-9]+}/accounts': listOwned,
  'DELETE /api/v1/lists/:id{[0-9]+}/accounts': listOwned,
  'GET /api/v1/timelines/list/:list_id{[0-9]+}': listOwned,
  'DELETE /api/v1/featured_tags/:id{[0-9]+}': featuredTagOwned,
};

/** A fresh pair of the organisation's: only it withdraws consent or deletes it. */
const galleryOfOrganization = async (): Promise<Owned> => {
  const g = await galleryOf(w.organization);
  return { owner: w.organization, id: g.id, rows: [['gallery_entries', g.id]], rivals: [w.rivalOrganization, w.professional] };
};

const OWNER_ONLY: Record<string, () => Promise<Owned>> = {
  'POST /api/v1/medired/galleries/:id/withdraw_consent': galleryOfOrganization,
  'DELETE /api/v1/medired/galleries/:id': galleryOfOrganization,
  'PUT /api/v1/medired/groups/:id': groupOfOwner,
  'POST /api/v1/medired/group_posts/:id/pin': groupPostOfOwner,
  'POST /api/v1/medired/group_posts/:id/remove': groupPostOfOwner,
  'DELETE /api/v1/medired/group_posts/:id': groupPostOfOwner,
  'DELETE /api/v1/medired/group_resources/:id': groupResourceOfOwner,
  ...CONVERSATION_OWNER_ONLY,
  'POST /api/v1/medired/complaints/:id/entries': COMPLAINT_OWNER_ONLY.entries!,
  'POST /api/v1/medired/complaints/:id/move_to_private': COMPLAINT_OWNER_ONLY.move_to_private!,
  'POST /api/v1/medired/complaints/:id/resolve': COMPLAINT_OWNER_ONLY.resolve!,
  'GET /api/v1/medired/care_requests/:id': () => careRequestOfOwner(),
  'POST /api/v1/medired/care_requests/:id/close': () => careRequestOfOwner(),
  'POST /api/v1/medired/care_requests/:id/answer': () => careRequestOfOwner(true),
  'GET /api/v1/medired/promotions/:id{[0-9]+}': () => promotionOfOrganization(),
  'POST /api/v1/medired/promotions/:id{[0-9]+}/cancel': () => promotionOfOrganization(),
  ...READING_TOOLS_OWNER_ONLY,
  'POST /api/v1/medired/conversations/:id/accept': requestToOwner,
  'POST /api/v1/medired/conversations/:id/decline': requestToOwner,
  'PUT /api/v1/statuses/:id{[0-9]+}': statusOfOwner,
  'PATCH /api/v1/statuses/:id{[0-9]+}': statusOfOwner,
  'PUT /api/v1/statuses/:id{[0-9]+}/interaction_policy': statusOfOwner,
  'PATCH /api/v1/statuses/:id{[0-9]+}/interaction_policy': statusOfOwner,
  'POST /api/v1/statuses/:id{[0-9]+}/quotes/:quoting_status_id{[0-9]+}/revoke': statusOfOwner,
  'PATCH /api/v1/scheduled_statuses/:id{[0-9]+}': scheduledOfOwner,
  'POST /api/v1/conversations/:id/unread': conversationOfOwner,
  'GET /api/v1/notifications/requests/:id{[0-9]+}': requestOfOwner,
  'POST /api/v1/notifications/requests/:id{[0-9]+}/accept': requestOfOwner,
  'POST /api/v1/notifications/requests/:id{[0-9]+}/dismiss': requestOfOwner,
  'DELETE /api/v1/notifications/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.notification, rows: [['notifications', w.ids.notification]] }),
  'PATCH /api/v1/media/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.media, body: { description: 'Cambiada por otra persona' }, rows: [['media_attachments', w.ids.media]] }),
  'DELETE /api/v1/media/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.media, rows: [['media_attachments', w.ids.media]] }),
  'DELETE /api/v1/statuses/:id{[0-9]+}': statusOfOwner,
  'GET /api/v1/statuses/:id{[0-9]+}/source': statusOfOwner,
  'GET /api/v1/scheduled_statuses/:id{[0-9]+}': scheduledOfOwner,
  'PUT /api/v1/scheduled_statuses/:id{[0-9]+}': scheduledOfOwner,
  'DELETE /api/v1/scheduled_statuses/:id{[0-9]+}': scheduledOfOwner,
  'PUT /api/v1/medired/consultas/:id': consultaOfOwner,
  'DELETE /api/v1/medired/consultas/:id': consultaOfOwner,
  'PUT /api/v1/medired/consultas/answers/:id': async () => {
    const a = await answerOnOwnersConsulta(false);
    return { ...a, owner: w.professional, body: { body: `${sampleAnswer} Cambiada por otra persona.` }, rivals: [w.rivalProfessional] };
  },
  'POST /api/v1/medired/consultas/answers/:id/accept': () => answerOnOwnersConsulta(false),
  'POST /api/v1/medired/consultas/answers/:id/unaccept': () => answerOnOwnersConsulta(true),
  'DELETE /api/v1/medired/consultas/comments/:id': async () => {
    const c = await ok(call('POST', `/api/v1/medired/consultas/${w.ids.consulta}/comments`, w.owner.token, { body: 'Un comentario mío.' }));
    return { owner: w.owner, id: c.id, rows: [['consulta_comments', c.id]] };
  },
  'PUT /api/v1/medired/alerts/:id': async () => {
    const a = await ok(call('POST', '/api/v1/medired/alerts', w.organization.token, alertBody()));
    return { owner: w.organization, id: a.id, body: alertBody('Cambiada por otra persona'), rows: [['health_alerts', a.id]], rivals: [w.rivalOrganization] };
  },
  'DELETE /api/v1/medired/alerts/:id': async () => {
    const a = await ok(call('POST', '/api/v1/medired/alerts', w.organization.token, alertBody()));
    return { owner: w.organization, id: a.id, rows: [['health_alerts', a.id]], rivals: [w.rivalOrganization] };
  },
  'DELETE /api/v1/medired/fact_checks/:id': async () => {
    const s = await ok(call('POST', '/api/v1/statuses', w.owner.token, { status: 'El limón cura la gripe', visibility: 'public' }));
    const f = await ok(call('POST', '/api/v1/medired/fact_checks', w.professional.token, factCheckBody(s.id)));
    return { owner: w.professional, id: f.id, rows: [['fact_checks', f.id]], rivals: [w.rivalProfessional] };
  },
  'GET /api/v1/media/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.media, rows: [['media_attachments', w.ids.media]] }),
  'PUT /api/v1/media/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.media, body: { description: 'Cambiada por otra persona' }, rows: [['media_attachments', w.ids.media]] }),
  'PUT /api/v1/medired/verification_requests/:id{[0-9]+}': async () => ({
    owner: w.applicant,
    id: w.ids.verification,
    body: { ...verificationBody, license_number: '99/999999' },
    rows: [['verification_requests', w.ids.verification]],
  }),
  'GET /api/v1/notifications/:id{[0-9]+}': async () => ({ owner: w.owner, id: w.ids.notification, rows: [['notifications', w.ids.notification]] }),
  'POST /api/v1/notifications/:id{[0-9]+}/dismiss': async () => ({ owner: w.owner, id: w.ids.notification, rows: [['notifications', w.ids.notification]] }),
  'DELETE /api/v1/medired/sessions/:id': async () => ({ owner: w.owner, id: w.ids.session, rows: [['sessions', w.ids.session]] }),
  'DELETE /api/v1/medired/tokens/:id': async () => ({ owner: w.owner, id: w.ids.token, rows: [['oauth_access_tokens', w.ids.token]] }),
};

async function snapshot(rows: Row[]): Promise<string> {
  const values = [];
  for (const [table, id] of rows) {
    // biome-ignore lint: a generic read of one row by id, for the comparison only
    values.push(await (t.ctx.db as any).selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst());
  }
  return JSON.stringify(values);
}

// ---- path parameters: ids of the world, so a refusal is reached for the right reason ----

function idFor(route: AnyRoute): string {
  const p = route.path;
  const rules: [RegExp, () => string][] = [
    [/^\/api\/v1\/medired\/groups\/:id/, () => w.ids.group],
    [/^\/(api\/v1\/medired\/(admin\/)?)?group_posts\/:id/, () => w.ids.groupPost],
    [/^\/(api\/v1\/medired\/)?group_resources\/:id/, () => w.ids.groupResource],
    [/^\/(api\/v1\/medired\/)?group_reports\/:id/, () => w.ids.groupReport],
    [/^\/api\/v1\/follow_requests\/:id/, () => w.bystander.accountId],
    [/^\/api\/v1\/(medired\/admin\/)?announcements\/:id/, () => w.ids.announcement],
    [/^\/api\/v1\/medired\/admin\/rules\/:id/, () => w.ids.rule],
    [/^\/api\/v1\/(medired\/)?conversations\/:id/, () => w.ids.conversation],
    [/^\/messages\/:id/, () => w.ids.conversation],
    [/^\/api\/v1\/medired\/care_requests\/:id/, () => w.ids.conversation],
    [/^\/(api\/v1\/medired\/(admin\/)?|admin\/)?promotions\/:id/, () => w.ids.promotion],
    [/^\/care-requests\/:id/, () => w.ids.conversation],
    [/^\/api\/v1\/accounts\/:id/, () => (route.method === 'get' ? w.owner.accountId : w.bystander.accountId)],
    [/^\/api\/v1\/medired\/accounts\/:id/, () => w.owner.accountId],
    [/^\/api\/v1\/(medired\/)?admin\/accounts\/:id/, () => w.bystander.accountId],
    [/^\/api\/v1\/statuses\/:id/, () => w.ids.privateStatus],
    [/^\/api\/v1\/medired\/consultas\/answers\/:id/, () => w.ids.answer],
    [/^\/api\/v1\/medired\/consultas\/comments\/:id/, () => w.ids.comment],
    [/^\/api\/v1\/medired\/consultas\/:id/, () => w.ids.consulta],
    [/^\/api\/v1\/medired\/alerts\/:id/, () => w.ids.alert],
    [/^\/api\/v1\/medired\/(admin\/)?complaints\/:id/, () => w.ids.complaint],
    [/^\/complaints\/:id/, () => w.ids.complaint],
    [/^\/api\/v1\/medired\/fact_checks\/:id/, () => w.ids.factCheck],
    [/^\/api\/v1\/media\/:id/, () => w.ids.media],
    [/^\/api\/v1\/notifications\/requests\/:id/, () => w.ids.notificationRequest],
    [/^\/api\/v1\/notifications\/:id/, () => w.ids.notification],
    [/^\/api\/v1\/annual_reports\/:id/, () => '2026'],
    // The admin API's blocks, trends and tags: every actor is refused before any lookup.
    [/^\/api\/v1\/admin\/(domain_blocks|domain_allows|email_domain_blocks|ip_blocks|canonical_email_blocks|trends|tags)\//, () => '1'],
    [/^\/api\/v1\/medired\/(admin\/)?verification_requests\/:id/, () => w.ids.verification],
    [/^\/api\/v1\/admin\/reports\/:id/, () => w.ids.report],
    [/^\/api\/v1\/medired\/admin\/appeals\/:id/, () => w.ids.appeal],
    [/^\/api\/v1\/medired\/sessions\/:id/, () => w.ids.session],
    [/^\/api\/v1\/medired\/tokens\/:id/, () => w.ids.token],
    [/^\/api\/v1\/polls\/:id/, () => w.ids.poll],
    [/^\/(api\/v1\/medired\/galleries|gallery)\/:id/, () => w.ids.gallery],
    [/^\/api\/v1\/scheduled_statuses\/:id/, () => w.ids.scheduled],
    // Web form routes.
    [/^\/(statuses|:handle[^/]*)\/:id/, () => w.ids.privateStatus],
    [/^\/alertas\/:id/, () => w.ids.alert],
    [/^\/consultas\/answers\/:id/, () => w.ids.answer],
    [/^\/consultas\/fact_checks\/:id/, () => w.ids.factCheck],
    [/^\/consultas\/:id/, () => w.ids.consulta],
    [/^\/(settings|admin)\/verification\/:id/, () => w.ids.verification],
    [/^\/admin\/accounts\/:id/, () => w.bystander.accountId],
    [/^\/admin\/reports\/:id/, () => w.ids.report],
    [/^\/admin\/appeals\/:id/, () => w.ids.appeal],
    [/^\/notifications\/:id/, () => w.ids.notification],
    [/^\/announcements\/:id/, () => w.ids.announcement],
    [/^\/follow_requests\/:id/, () => w.bystander.accountId],
    [/^\/settings\/security\/sessions\/:id/, () => w.ids.session],
    [/^\/settings\/security\/tokens\/:id/, () => w.ids.token],
  ];
  const rule = rules.find(([pattern]) => pattern.test(p));
  if (!rule) throw new Error(`No id is known for ${keyOf(route)}: add a rule to idFor in authorization.test.ts`);
  return rule[1]();
}

function urlFor(route: AnyRoute, ownedId?: string, handle = w.owner.username): string {
  // A parameter's pattern may itself hold braces (`:id{[0-9]{1,19}}`).
  return route.path.replace(/:([a-z_]+)(\{(?:[^{}]|\{[^{}]*\})*\})?/gi, (_, name: string, pattern: string | undefined) => {
    if (name === 'hashtag') return 'salud';
    if (name === 'slug') return w.ids.groupSlug;
    // The first of the choices a path parameter allows (`:action{like|unlike}`).
    if (name === 'action' && pattern) return pattern.slice(1, -1).split('|')[0]!;
    if (name === 'handle') return `@${handle}`;
    if (name === 'decision') return pattern ? pattern.slice(1, -1).split('|')[0]! : 'approve';
    if (name === 'what') return 'resolve';
    if (name === 'group_key') return `ungrouped-${w.ids.notification}`;
    if (name === 'date') return LEGAL_TEXTS_DATE;
    if (name === 'quoting_status_id') return w.ids.privateStatus;
    if (name === 'name') return encodeURIComponent('👍');
    if (name === 'id') return ownedId ?? idFor(route);
    if (name === 'name') return 'salud';
    if (name === 'list_id' && ownedId) return ownedId;
    if (name === 'account_id') return w.bystander.accountId;
    if (name === 'dataset') return 'followers.csv';
    if (name === 'media_id') return w.ids.media;
    if (name === 'side') return 'before';
    throw new Error(`No value is known for :${name} in ${keyOf(route)}`);
  });
}

/** Every `id` in a JSON answer: what a caller was shown, for "sees no more than" comparisons. */
function idsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) idsIn(item, into);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'id' && (typeof v === 'string' || typeof v === 'number')) into.add(String(v));
      else idsIn(v, into);
    }
  }
  return into;
}

interface Seen {
  status: number;
  location: string;
  ids: string[];
  text: string;
}

async function seen(res: Response): Promise<Seen> {
  // A stream (the streaming API) never ends by itself: its first bytes are enough, then it is cancelled.
  const text = res.headers.get('content-type')?.startsWith('text/event-stream') ? await firstChunk(res) : await res.text();
  let ids: string[] = [];
  try {
    ids = [...idsIn(JSON.parse(text))].sort();
  } catch {
    // not JSON: the status alone is compared
  }
  return { status: res.status, location: res.headers.get('location') ?? '', ids, text: text.slice(0, 300) };
}

async function firstChunk(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const { value } = await reader.read();
  await reader.cancel();
  return new TextDecoder().decode(value);
}

// ---- the test ----

beforeAll(async () => {
  t = await createTestApp();
  w = await buildWorld();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

describe('the route table declares who may use each route', () => {
  it('lists every route, each with an auth requirement and, when it needs an account and changes something, a scope', () => {
    const keys = routeTable.map(keyOf);
    expect(keys.filter((k) => !(k in ACCESS)), 'routes missing from ACCESS in authorization.test.ts').toEqual([]);
    expect(Object.keys(ACCESS).filter((k) => !keys.includes(k)), 'ACCESS entries for routes that no longer exist').toEqual([]);
    expect(new Set(keys).size, 'duplicate routes').toBe(keys.length);
    for (const route of routeTable) {
      const key = keyOf(route);
      expect(route.auth, `${key} declares no auth`).toBeTruthy();
      // A web form takes no bearer token (sessions hold every scope), so its scope is optional.
      if (needsAccount(route.auth) && route.method !== 'get' && !route.form) expect(route.scope, `${key} needs an account but declares no scope`).toBeTruthy();
      if (route.form) expect(['session', 'anonymous'], `${key} declares no CSRF mechanism`).toContain(route.form.csrf);
      const [auth, scope] = ACCESS[key] ?? [];
      expect({ auth: route.auth, scope: route.scope }, `${key}: declaration differs from ACCESS`).toEqual({ auth, scope });
    }
    for (const key of Object.keys(OWNER_ONLY)) expect(keys, `OWNER_ONLY entry ${key} is not a route`).toContain(key);
    for (const key of Object.keys(FORM_OWNER_ONLY)) expect(routeTable.filter((r) => r.form).map(keyOf), `FORM_OWNER_ONLY entry ${key} is not a form route`).toContain(key);
  });
});

describe('every API route treats anonymous, another account, a suspended account, a read-only token and a moderator without 2FA as declared', () => {
  for (const route of routeTable.filter((r) => !r.form)) {
    const key = keyOf(route);
    it(key, async () => {
      const method = route.method.toUpperCase();
      const owned = OWNER_ONLY[key] ? await OWNER_ONLY[key]() : undefined;
      const url = urlFor(route, owned?.id);
      const before = owned ? await snapshot(owned.rows) : '';
      const problems: string[] = [];
      const send = (token: string | undefined) => call(method, url, token, method === 'GET' ? undefined : owned?.body);
      const unchanged = async (actor: string) => {
        if (owned && (await snapshot(owned.rows)) !== before) problems.push(`${actor}: changed the owner's resource`);
      };
      const expectStatus = (actor: string, s: Seen, allowed: number[], what: string) => {
        if (!allowed.includes(s.status)) problems.push(`${actor}: expected ${what}, got ${s.status} ${s.text}`);
      };
      const expectAllowed = (actor: string, s: Seen) => {
        if (s.status === 401 || (s.status === 403 && !(key in KIND_RESTRICTED)) || s.status >= 500) problems.push(`${actor}: expected to be let through, got ${s.status} ${s.text}`);
      };
      const expectRefusedIfNotOwner = (actor: string, user: TestUser, s: Seen) => {
        if (owned && user.accountId !== owned.owner.accountId) expectStatus(actor, s, [403, 404], `403 or 404 (someone else's resource)`);
        else expectAllowed(actor, s);
      };
      const isGet = method === 'GET';

      // Anonymous.
      const anonymous = await seen(await send(undefined));
      await unchanged('anonymous');
      // A web form route may ask for sign-in with a redirect to the sign-in page instead of a 401.
      const toSignIn = [302, 303].includes(anonymous.status) && anonymous.location.startsWith('/auth/sign_in');
      if (needsAccount(route.auth) && !toSignIn) expectStatus('anonymous', anonymous, [401], '401 (or a redirect to /auth/sign_in)');
      else if (CLIENT_CREDENTIALS.has(key)) expectStatus('anonymous', anonymous, [200, 400, 401, 422], 'a client-credentials answer');
      else expectAllowed('anonymous', anonymous);

      // Another ordinary account.
      const other = await seen(await send(w.other.token));
      await unchanged('other account');
      if (isStaffRoute(route.auth)) expectStatus('other account', other, [403], '403');
      else if (needsAccount(route.auth)) expectRefusedIfNotOwner('other account', w.other, other);
      else if (other.status >= 500) problems.push(`other account: ${other.status}`);

      // Rivals: accounts of the kind that could act on such a resource, but not its owner.
      for (const [i, rival] of (owned?.rivals ?? []).entries()) {
        const s = await seen(await send(rival.token));
        await unchanged(`rival ${i}`);
        expectStatus(`rival ${i}`, s, [403, 404], '403 or 404 (someone else’s resource)');
      }

      // A suspended account with a full-scope token.
      const suspended = await seen(await send(w.suspended.token));
      await unchanged('suspended');
      if (route.auth === 'user-even-suspended') expectRefusedIfNotOwner('suspended', w.suspended, suspended);
      else if (needsAccount(route.auth)) expectStatus('suspended', suspended, [403], '403');
      else if (isGet && (suspended.status !== anonymous.status || suspended.ids.join() !== anonymous.ids.join())) {
        problems.push(`suspended: expected what anonymous gets (${anonymous.status} ${anonymous.ids.join(',')}), got ${suspended.status} ${suspended.ids.join(',')}`);
      }

      // The owner's read-only token (scopes `read`).
      const readOnly = await seen(await send(w.readOnly.token));
      await unchanged('read-only token');
      if (needsAccount(route.auth)) {
        if (route.scope && !hasScope(['read'], route.scope)) expectStatus('read-only token', readOnly, [403], `403 (scope ${route.scope})`);
        else if (isStaffRoute(route.auth)) expectStatus('read-only token', readOnly, [403], '403');
        else expectRefusedIfNotOwner('read-only token', w.readOnly, readOnly);
      } else if (!CLIENT_CREDENTIALS.has(key)) expectAllowed('read-only token', readOnly);

      // A moderator who has not enabled two-factor authentication (token with the admin scopes).
      const moderator = await seen(await send(w.moderatorWithout2fa.token));
      await unchanged('moderator without 2FA');
      if (isStaffRoute(route.auth)) expectStatus('moderator without 2FA', moderator, [403], '403');
      else if (needsAccount(route.auth)) expectRefusedIfNotOwner('moderator without 2FA', w.moderatorWithout2fa, moderator);
      else if (isGet && (moderator.status !== other.status || moderator.ids.join() !== other.ids.join())) {
        problems.push(`moderator without 2FA: expected what another account gets (${other.status} ${other.ids.join(',')}), got ${moderator.status} ${moderator.ids.join(',')}`);
      }

      expect(problems, key).toEqual([]);
    });
  }
});

// ---- web form routes: browser sessions, CSRF, cookie-only ----

/**
 * Form routes act on someone else's resource: another account's session gets 403 or 404 and the
 * rows stay the same. The body is what the owner's form would post, so a refusal cannot come
 * from validation.
 */
const followRequestToLockedAccount = async (): Promise<Owned> => {
  const locked = await t.createUser({});
  await ok(call('PATCH', '/api/v1/accounts/update_credentials', locked.token, { locked: true }));
  await ok(call('POST', `/api/v1/accounts/${locked.accountId}/follow`, w.bystander.token));
  const request = await t.ctx.db.selectFrom('follow_requests').select('id').where('target_account_id', '=', locked.accountId).executeTakeFirstOrThrow();
  // The form names the request by the requester's account.
  return { owner: locked, id: w.bystander.accountId, rows: [['follow_requests', request.id]] };
};

const FORM_OWNER_ONLY: Record<string, () => Promise<Owned>> = {
  'POST /gallery/:id{[0-9]{1,19}}/withdraw': galleryOfOrganization,
  'POST /gallery/:id{[0-9]{1,19}}/delete': galleryOfOrganization,
  'POST /complaints/:id{[0-9]{1,19}}/entries': COMPLAINT_OWNER_ONLY.entries!,
  'POST /complaints/:id{[0-9]{1,19}}/move_to_private': COMPLAINT_OWNER_ONLY.move_to_private!,
  'POST /complaints/:id{[0-9]{1,19}}/resolve': COMPLAINT_OWNER_ONLY.resolve!,
  'POST /care-requests/:id{[0-9]{1,19}}/answer': () => careRequestOfOwner(true),
  'POST /care-requests/:id{[0-9]{1,19}}/close': () => careRequestOfOwner(),
  'POST /promotions/:id{[0-9]{1,19}}/cancel': () => promotionOfOrganization(),
  'POST /group_resources/:id{[0-9]{1,19}}/delete': groupResourceOfOwner,
  'POST /group_posts/:id{[0-9]{1,19}}/remove': groupPostOfOwner,
  'POST /messages/:id{[0-9]{1,19}}': conversationOfOwner,
  'POST /messages/:id{[0-9]{1,19}}/mute': conversationOfOwner,
  'POST /messages/:id{[0-9]{1,19}}/unmute': conversationOfOwner,
  'POST /messages/:id{[0-9]{1,19}}/clear': conversationOfOwner,
  'POST /messages/:id{[0-9]{1,19}}/accept': requestToOwner,
  'POST /messages/:id{[0-9]{1,19}}/decline': requestToOwner,
  'POST /messages/:id{[0-9]{1,19}}/block': requestToOwner,
  'POST /statuses/:id{[0-9]{1,19}}/delete': statusOfOwner,
  'POST /:handle{@[A-Za-z0-9_]{1,30}}/:id{[0-9]{1,19}}/edit': statusOfOwner,
  'POST /alertas/:id{[0-9]{1,19}}/edit': () => OWNER_ONLY['PUT /api/v1/medired/alerts/:id']!(),
  'POST /alertas/:id{[0-9]{1,19}}/withdraw': () => OWNER_ONLY['DELETE /api/v1/medired/alerts/:id']!(),
  'POST /consultas/:id{[0-9]{1,19}}/edit': consultaOfOwner,
  'POST /consultas/:id{[0-9]{1,19}}/delete': consultaOfOwner,
  'POST /consultas/answers/:id{[0-9]{1,19}}/accept': () => answerOnOwnersConsulta(false),
  'POST /settings/verification/:id{[0-9]{1,19}}': async () => ({
    owner: w.applicant,
    id: w.ids.verification,
    body: { ...verificationBody, license_number: '99/999999' },
    rows: [['verification_requests', w.ids.verification]],
  }),
  'POST /notifications/:id{[0-9]{1,19}}/dismiss': () => OWNER_ONLY['POST /api/v1/notifications/:id{[0-9]+}/dismiss']!(),
  'POST /settings/security/sessions/:id/revoke': () => OWNER_ONLY['DELETE /api/v1/medired/sessions/:id']!(),
  'POST /settings/security/tokens/:id/revoke': () => OWNER_ONLY['DELETE /api/v1/medired/tokens/:id']!(),
  'POST /follow_requests/:id{[0-9]{1,19}}/authorize': followRequestToLockedAccount,
  'POST /follow_requests/:id{[0-9]{1,19}}/reject': followRequestToLockedAccount,
  'POST /notifications/requests/:id{[0-9]{1,19}}/:decision{accept|dismiss}': requestOfOwner,
};

/**
 * Valid bodies for the forms that create something, so that "a post without the CSRF token
 * changes nothing" is tested with a post that would otherwise have been accepted.
 */
let signUps = 0;
const FORM_BODY: Record<string, () => Record<string, string>> = {
  'POST /auth/sign_in': () => ({ login: w.bystander.username, password: 'correct horse battery staple' }),
  'POST /auth/sign_up': () => ({ username: `nueva_${++signUps}`, email: `nueva_${signUps}@example.test`, password: 'correct horse battery staple', agreement: 'on', kind: 'patient' }),
  'POST /statuses': () => ({ status: 'Publicada sin token CSRF', visibility: 'public' }),
  'POST /articles/new': () => ({ title: 'Un artículo sin token', status: 'Cuerpo del artículo', language: 'es', visibility: 'public' }),
  'POST /consultas': () => questionBody('Pregunta enviada sin token CSRF'),
  'POST /consultas/:id{[0-9]{1,19}}/comments': () => ({ body: 'Un comentario sin token CSRF.' }),
  'POST /report': () => ({ account_id: w.bystander.accountId, comment: 'Spam', category: 'spam' }),
  'POST /:handle{@[A-Za-z0-9_]{1,30}}/follow': () => ({}),
  'POST /messages': () => ({ to: w.professional.username, status: 'Un mensaje sin token CSRF' }),
  'POST /settings/messages': () => ({ messages_from: 'nobody' }),
  'POST /complaints': () => ({ about: w.organization.username, subject: 'Reclamación sin token CSRF', text: 'Una reclamación enviada desde un formulario sin token CSRF.', visibility: 'public' }),
  'POST /complaints/:id{[0-9]{1,19}}/remove': () => ({ reason: 'Retirada sin token CSRF' }),
  'POST /complaints/:id{[0-9]{1,19}}/close': () => ({ reason: 'Cerrada sin token CSRF' }),
  'POST /care-requests': () => ({ account_id: w.organization.accountId, to: w.organization.username, kind: 'administrative', text: 'Una solicitud sin token CSRF' }),
};

/** Rows whose number a refused post must leave as it was. */
const COUNTED_TABLES: (keyof Database)[] = [
  'accounts', 'statuses', 'favourites', 'follows', 'follow_requests', 'consulta_questions', 'consulta_answers', 'consulta_comments', 'health_alerts',
  'fact_checks', 'reports', 'appeals', 'verification_requests', 'moderation_actions', 'sessions', 'oauth_access_tokens', 'notifications',
  'conversations', 'conversation_members', 'complaints', 'complaint_entries', 'care_requests', 'practice_info',
  'promotions', 'promotion_credit_ledger', 'promotion_impressions',
];

async function rowCounts(): Promise<string> {
  const counts: Record<string, unknown> = {};
  for (const table of COUNTED_TABLES) {
    // biome-ignore lint: a generic count, for the comparison only
    counts[table] = (await (t.ctx.db as any).selectFrom(table).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst())?.n;
  }
  return JSON.stringify(counts);
}

/** Forms that end the browser's session when accepted: their actors get sessions of their own. */
const ENDS_SESSIONS = new Set(['POST /auth/sign_in', 'POST /auth/sign_up', 'POST /auth/sign_out']);

/** The anonymous (double-submit) CSRF pair a sign-in page would have handed out. */
const ANON_CSRF = 'aNonymousCsrfValue_0123456789abcdefghijklmno';

interface FormActor {
  session?: WebSession;
  /** A bearer token instead of a session. */
  token?: string;
  /** Send the form's CSRF token (the session's, or the anonymous pair on `csrf: 'anonymous'` forms). */
  csrf: boolean;
}

function postForm(route: AnyRoute, url: string, body: Record<string, string>, actor: FormActor): Promise<Response> {
  const anonymousCsrf = route.form?.csrf === 'anonymous';
  const cookie = [actor.session?.cookie, anonymousCsrf && actor.csrf ? `medired_csrf=${ANON_CSRF}` : undefined].filter(Boolean).join('; ');
  const csrf = actor.csrf ? (anonymousCsrf ? ANON_CSRF : (actor.session?.csrf ?? webOf.get(w.owner.accountId)?.csrf)) : undefined;
  return t.request('POST', url, {
    form: { ...body, ...(csrf ? { _csrf: csrf } : {}) },
    headers: { accept: 'text/html', ...(cookie ? { cookie } : {}) },
    ...(actor.token ? { token: actor.token } : {}),
  });
}

/** One browser session per account, signed in once (the sign-out form gets fresh ones). */
const webOf = new Map<string, WebSession>();
async function sessionOf(user: TestUser, fresh = false): Promise<WebSession> {
  const known = webOf.get(user.accountId);
  if (known && !fresh) return known;
  const session = await webSession(t, user);
  if (!fresh) webOf.set(user.accountId, session);
  return session;
}

/**
 * The moderator with 2FA, signed in with the second factor done (marked on the session row: typing
 * the TOTP code is the two-factor tests' business): the staff forms' no-CSRF poster and control.
 */
async function staffSession(fresh = false, role: AuthRequirement = 'moderator'): Promise<WebSession> {
  const staff = role === 'admin' ? w.admin : w.moderator;
  const known = webOf.get(staff.accountId);
  if (known && !fresh) return known;
  const session = await webSession(t, staff);
  const token = session.cookie.split('=')[1]!;
  await t.ctx.db.updateTable('sessions').set({ mfa_passed: true }).where('token_hash', '=', hashToken(token)).execute();
  if (!fresh) webOf.set(staff.accountId, session);
  return session;
}

describe('every web form route treats anonymous, another account, a suspended account, a bearer token, a moderator without 2FA and a post without CSRF token as declared', () => {
  beforeAll(async () => {
    for (const user of [w.owner, w.other, w.suspended, w.moderatorWithout2fa]) await sessionOf(user);
    await staffSession();
  }, 60_000);

  for (const route of routeTable.filter((r) => r.form)) {
    const key = keyOf(route);
    it(key, async () => {
      const owned = FORM_OWNER_ONLY[key] ? await FORM_OWNER_ONLY[key]() : undefined;
      const fresh = ENDS_SESSIONS.has(key);
      const ownerUser = owned?.owner ?? w.owner;
      const url = urlFor(route, owned?.id, ownerUser.username);
      const bodyOf = () => (owned?.body as Record<string, string> | undefined) ?? FORM_BODY[key]?.() ?? {};
      const body = bodyOf();
      const before = owned ? await snapshot(owned.rows) : '';
      const problems: string[] = [];
      const send = async (actor: FormActor, form = body) => seen(await postForm(route, url, form, actor));
      const unchanged = async (actor: string) => {
        if (owned && (await snapshot(owned.rows)) !== before) problems.push(`${actor}: changed the owner's resource`);
      };
      const isSignInRedirect = (s: Seen) => s.status === 303 && s.location.startsWith('/auth/sign_in');
      const expectStatus = (actor: string, s: Seen, allowed: number[], what: string) => {
        if (!allowed.includes(s.status)) problems.push(`${actor}: expected ${what}, got ${s.status} ${s.location} ${s.text}`);
      };
      const expectAllowed = (actor: string, s: Seen) => {
        if (s.status === 401 || (s.status === 403 && !(key in KIND_RESTRICTED)) || s.status >= 500 || isSignInRedirect(s)) {
          problems.push(`${actor}: expected to be let through, got ${s.status} ${s.location} ${s.text}`);
        }
      };
      const expectRefusedIfNotOwner = (actor: string, user: TestUser, s: Seen) => {
        if (owned && user.accountId !== owned.owner.accountId) expectStatus(actor, s, [403, 404], `403 or 404 (someone else's resource)`);
        else expectAllowed(actor, s);
      };
      const anonymousCsrf = route.form!.csrf === 'anonymous';
      /** A post that must be refused leaves every counted table as it was. */
      const counting = async (actor: string, refused: boolean, post: () => Promise<Seen>) => {
        const counts = refused ? await rowCounts() : '';
        const s = await post();
        if (refused && (await rowCounts()) !== counts) problems.push(`${actor}: a refused post changed the database`);
        return s;
      };
      const someoneElses = Boolean(owned) && needsAccount(route.auth);

      // Anonymous (with the anonymous CSRF pair where the form uses it): sent to sign in.
      const anonymous = await counting('anonymous', needsAccount(route.auth), () => send({ csrf: true }));
      await unchanged('anonymous');
      if (needsAccount(route.auth)) {
        if (!isSignInRedirect(anonymous)) problems.push(`anonymous: expected a 303 to /auth/sign_in, got ${anonymous.status} ${anonymous.location}`);
      } else if (anonymousCsrf) expectAllowed('anonymous', anonymous);
      else if (anonymous.status >= 500) problems.push(`anonymous: ${anonymous.status}`);

      // Another ordinary account's session.
      const otherSession = await sessionOf(w.other, fresh);
      const other = await counting('other account', isStaffRoute(route.auth) || someoneElses, () => send({ session: otherSession, csrf: true }));
      await unchanged('other account');
      if (isStaffRoute(route.auth)) expectStatus('other account', other, [403], '403');
      else if (needsAccount(route.auth)) expectRefusedIfNotOwner('other account', w.other, other);
      else if (other.status >= 500) problems.push(`other account: ${other.status}`);

      for (const [i, rival] of (owned?.rivals ?? []).entries()) {
        const s = await send({ session: await sessionOf(rival), csrf: true });
        await unchanged(`rival ${i}`);
        expectStatus(`rival ${i}`, s, [403, 404], '403 or 404 (someone else’s resource)');
      }

      // A suspended account's session.
      const suspendedSession = await sessionOf(w.suspended, fresh);
      const refusesSuspended = (needsAccount(route.auth) && route.auth !== 'user-even-suspended') || someoneElses;
      const suspended = await counting('suspended', refusesSuspended, () => send({ session: suspendedSession, csrf: true }));
      await unchanged('suspended');
      if (route.auth === 'user-even-suspended') expectRefusedIfNotOwner('suspended', w.suspended, suspended);
      else if (needsAccount(route.auth)) expectStatus('suspended', suspended, [403], '403');
      else if (suspended.status >= 500) problems.push(`suspended: ${suspended.status}`);

      // The owner's full-scope bearer token (knowing the session's CSRF token): forms are cookie-only.
      const counted = await rowCounts();
      const bearer = await send({ token: ownerUser.token, csrf: true });
      await unchanged('bearer token');
      if (needsAccount(route.auth)) {
        if (!isSignInRedirect(bearer) && ![401, 403].includes(bearer.status)) problems.push(`bearer token: expected a 303 to /auth/sign_in (or 401/403), got ${bearer.status} ${bearer.location}`);
        if ((await rowCounts()) !== counted) problems.push('bearer token: the post changed the database');
      } else if (bearer.status >= 500) problems.push(`bearer token: ${bearer.status}`);

      // A moderator without two-factor authentication, signed in on the web.
      const moderatorSession = await sessionOf(w.moderatorWithout2fa, fresh);
      const moderator = await counting('moderator without 2FA', isStaffRoute(route.auth) || someoneElses, () => send({ session: moderatorSession, csrf: true }));
      await unchanged('moderator without 2FA');
      if (isStaffRoute(route.auth)) expectStatus('moderator without 2FA', moderator, [403], '403');
      else if (needsAccount(route.auth)) expectRefusedIfNotOwner('moderator without 2FA', w.moderatorWithout2fa, moderator);
      else if (moderator.status >= 500) problems.push(`moderator without 2FA: ${moderator.status}`);

      // A post without the CSRF token, by the one who could otherwise do it (the resource's owner,
      // or a moderator with full staff power on staff forms): refused, nothing changed.
      const poster = isStaffRoute(route.auth) ? await staffSession(fresh, route.auth) : await sessionOf(ownerUser, fresh);
      const beforeNoCsrf = await rowCounts();
      const noCsrf = await send({ session: poster, csrf: false }, bodyOf());
      await unchanged('no CSRF token');
      expectStatus('no CSRF token', noCsrf, [403], '403');
      if ((await rowCounts()) !== beforeNoCsrf) problems.push('no CSRF token: the post changed the database');
      if (anonymousCsrf) {
        // The anonymous pair is checked even without a session: a post without it is refused too.
        const bare = await send({ csrf: false }, bodyOf());
        expectStatus('anonymous without the CSRF pair', bare, [403], '403');
        if ((await rowCounts()) !== beforeNoCsrf) problems.push('anonymous without the CSRF pair: the post changed the database');
      }

      // Last, the control: the one who may do it, with the CSRF token, gets through the boundary, so
      // the refusals above come from who the actors are (the resource's owner; staff with 2FA).
      if (owned) expectAllowed('owner', await send({ session: await sessionOf(ownerUser), csrf: true }));
      else if (isStaffRoute(route.auth)) {
        // Deciding `reject`, not `approve`: approving the appeal would lift the suspended actor's suspension.
        const control = await postForm(route, url.replace(/\/approve$/, '/reject'), body, { session: await staffSession(false, route.auth), csrf: true });
        expectAllowed('moderator with 2FA', await seen(control));
      }

      expect(problems, key).toEqual([]);
    });
  }
});
