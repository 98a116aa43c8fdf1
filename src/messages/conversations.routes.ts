import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { POSTING_RATE_LIMITS } from '../posts/limits.js';
import { loadStatuses } from '../posts/status-views.js';
import { toConversationEntities, type MastodonConversation } from './conversation-entity.js';
import { findListedConversation } from './conversations.repository.js';
import {
  acceptRequest,
  clearConversation,
  conversationMessageIds,
  declineRequest,
  leaveConversation,
  listConversations,
  markConversationRead,
  markConversationUnread,
  muteConversation,
  ownMembership,
  unreadMessages,
  updateMessagesFrom,
} from './conversations.service.js';
import { effectiveMessagesFrom } from './messages.policy.js';
import { declineInput, messagingSettingsInput, sendMessageInput, startConversationInput } from './messages.js';
import { sendMessage, startConversation } from './send-message.service.js';
import { findAccountById } from '../accounts/accounts.repository.js';

const tags = ['conversations'];
const ext = '/api/v1/medired/conversations';
const idempotencyKeyOf = (header: string | undefined) => (header ? header.trim().slice(0, 200) || undefined : undefined);

async function oneConversation(app: AppContext, viewer: Viewer, id: string): Promise<MastodonConversation> {
  await ownMembership(app, viewer, id);
  const row = await findListedConversation(app.db, viewer.accountId, id);
  if (!row) throw notFound('Conversation');
  const [entity] = await toConversationEntities(app, [row], viewer);
  return entity!;
}

/** A page of the viewer's conversations in `state`, with Mastodon's Link pagination on the latest message. */
function conversationList(path: string, summary: string, state: 'active' | 'request') {
  return defineRoute({
    method: 'get',
    path,
    summary,
    tags,
    auth: 'user',
    scope: 'read:statuses',
    query: pageQuery(20, 40),
    handler: async ({ app, viewer, query, c }) => {
      const rows = await listConversations(app, viewer!, state, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
      const link = linkHeader(c.req.url, rows.map((r) => r.last_status_id));
      if (link) c.header('Link', link);
      return toConversationEntities(app, rows, viewer!);
    },
  });
}

const list = conversationList('/api/v1/conversations', 'Your private conversations, most recently active first (Mastodon); message requests are listed apart', 'active');

const remove = defineRoute({
  method: 'delete',
  path: '/api/v1/conversations/:id',
  summary: 'Remove a conversation from your list: its messages so far are deleted for you only (Mastodon)',
  tags,
  auth: 'user',
  scope: 'write:conversations',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await clearConversation(app, viewer!, params.id);
    return {};
  },
});

const read = defineRoute({
  method: 'post',
  path: '/api/v1/conversations/:id/read',
  summary: 'Mark a conversation read (Mastodon)',
  tags,
  auth: 'user',
  scope: 'write:conversations',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await markConversationRead(app, viewer!, params.id);
    return oneConversation(app, viewer!, params.id);
  },
});

const unread = defineRoute({
  method: 'post',
  path: '/api/v1/conversations/:id/unread',
  summary: 'Mark a conversation unread (Mastodon)',
  tags,
  auth: 'user',
  scope: 'write:conversations',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await markConversationUnread(app, viewer!, params.id);
    return oneConversation(app, viewer!, params.id);
  },
});

const requests = conversationList(`${ext}/requests`, 'Message requests: first messages from people your setting does not let straight in', 'request');

const counts = defineRoute({
  method: 'get',
  path: `${ext}/unread_count`,
  summary: 'Unread conversations (not muted) and pending message requests',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  handler: async ({ app, viewer }) => unreadMessages(app, viewer!),
});

const start = defineRoute({
  method: 'post',
  path: ext,
  summary: 'Write to one or more people (at most 9): the one-to-one conversation that exists, or a new conversation',
  description: 'A first message to someone whose setting does not let you in lands in their message requests. An `Idempotency-Key` header makes retries return the first message.',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: startConversationInput,
  errors: ['not_found', 'forbidden'],
  rateLimits: [...POSTING_RATE_LIMITS],
  handler: async ({ app, viewer, body, c }) => {
    const { conversationId } = await startConversation(app, viewer!, body, idempotencyKeyOf(c.req.header('idempotency-key')));
    return oneConversation(app, viewer!, conversationId);
  },
});

const show = defineRoute({
  method: 'get',
  path: `${ext}/:id`,
  summary: 'One of your conversations (or message requests)',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => oneConversation(app, viewer!, params.id),
});

const messages = defineRoute({
  method: 'get',
  path: `${ext}/:id/messages`,
  summary: 'The messages of a conversation, newest first (those you deleted for yourself are left out)',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  query: pageQuery(40, 80),
  errors: ['not_found'],
  handler: async ({ app, viewer, params, query, c }) => {
    const ids = await conversationMessageIds(app, viewer!, params.id, { maxId: query.max_id, limit: query.limit });
    const link = linkHeader(c.req.url, ids);
    if (link) c.header('Link', link);
    return loadStatuses(app, ids, viewer);
  },
});

const send = defineRoute({
  method: 'post',
  path: `${ext}/:id/messages`,
  summary: 'Write in a conversation (answering a message request accepts it)',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  body: sendMessageInput,
  errors: ['not_found', 'forbidden'],
  rateLimits: [...POSTING_RATE_LIMITS],
  handler: async ({ app, viewer, params, body, c }) => {
    const id = await sendMessage(app, viewer!, params.id, body, idempotencyKeyOf(c.req.header('idempotency-key')));
    const [status] = await loadStatuses(app, [id], viewer);
    return status;
  },
});

function memberAction(path: string, summary: string, act: (app: AppContext, viewer: Viewer, id: string, body: Record<string, unknown>) => Promise<void>, body?: typeof declineInput) {
  return defineRoute({
    method: 'post',
    path: `${ext}/:id/${path}`,
    summary,
    tags,
    auth: 'user',
    scope: 'write:conversations',
    params: idParams,
    ...(body ? { body } : {}),
    errors: ['not_found', 'forbidden'],
    handler: async ({ app, viewer, params, body: input }) => {
      await act(app, viewer!, params.id, (input ?? {}) as Record<string, unknown>);
      return path === 'leave' || path === 'decline' ? {} : oneConversation(app, viewer!, params.id);
    },
  });
}

const accept = memberAction('accept', 'Accept a message request: it moves into your conversations', (app, viewer, id) => acceptRequest(app, viewer, id));
const decline = memberAction(
  'decline',
  'Decline a message request (with block=true, also block its sender); the sender is not told',
  (app, viewer, id, body) => declineRequest(app, viewer, id, { block: body.block === true }),
  declineInput,
);
const mute = memberAction('mute', 'Mute a conversation: no notifications, not counted as unread', (app, viewer, id) => muteConversation(app, viewer, id, true));
const unmute = memberAction('unmute', 'Unmute a conversation', (app, viewer, id) => muteConversation(app, viewer, id, false));
const leave = memberAction('leave', 'Leave a group conversation: you read nothing of it any more', (app, viewer, id) => leaveConversation(app, viewer, id));

const settingsPath = '/api/v1/medired/messaging_settings';

const getSettings = defineRoute({
  method: 'get',
  path: settingsPath,
  summary: 'Who may start a private conversation with you',
  tags,
  auth: 'user',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => {
    const account = await findAccountById(app.db, viewer!.accountId);
    if (!account) throw notFound('Account');
    return { messages_from: effectiveMessagesFrom(account), default: account.messages_from === null };
  },
});

const putSettings = defineRoute({
  method: 'put',
  path: settingsPath,
  summary: 'Choose who may start a private conversation with you: anyone, accounts you follow, verified professionals and organisations (and accounts you follow), or nobody (every first message becomes a request)',
  tags,
  auth: 'user',
  scope: 'write:accounts',
  body: messagingSettingsInput,
  handler: async ({ app, viewer, body }) => {
    await updateMessagesFrom(app, viewer!, body.messages_from);
    return { messages_from: body.messages_from, default: false };
  },
});

/** Mastodon's conversations, and Medired's messages, requests and settings under /api/v1/medired. */
export const conversationRoutes: AnyRoute[] = [list, remove, read, unread, requests, counts, start, show, messages, send, accept, decline, mute, unmute, leave, getSettings, putSettings];
