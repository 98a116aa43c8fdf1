import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden, notFound } from '../errors.js';
import { block } from '../relations/blocks-mutes.service.js';
import {
  clearForMember,
  countUnreadMessages,
  findConversation,
  findMember,
  findMembers,
  listConversationMessageIds,
  listMemberConversations,
  markMemberRead,
  markMemberUnread,
  setMemberMuted,
  setMemberState,
  type ListedConversation,
  type MemberRow,
} from './conversations.repository.js';
import { conversationChanged } from './conversation-events.js';
import { maySendIn, readsConversation } from './messages.policy.js';
import type { MessagesFrom } from './messages.table.js';
import { setMessagesFrom } from './message-settings.repository.js';

/**
 * What a person does with their conversations: list them (and their message requests), read,
 * mute, leave, delete for themselves, accept or decline a request. Everything is about the
 * viewer's own side of a conversation; someone who is not in it gets a 404, whatever they try.
 */

/** The viewer's side of a conversation they read; 404 for anyone else. */
export async function ownMembership(app: AppContext, viewer: Viewer, conversationId: string): Promise<MemberRow> {
  const member = await findMember(app.db, conversationId, viewer.accountId);
  if (!member || !readsConversation(member.state)) throw notFound('Conversation');
  return member;
}

export interface ConversationPage {
  items: ListedConversation[];
}

export async function listConversations(
  app: AppContext,
  viewer: Viewer,
  state: 'active' | 'request',
  page: { maxId?: string | undefined; sinceId?: string | undefined; minId?: string | undefined; limit: number },
): Promise<ListedConversation[]> {
  return listMemberConversations(app.db, viewer.accountId, state, page);
}

/** The ids of the messages the viewer reads in a conversation, newest first. */
export async function conversationMessageIds(app: AppContext, viewer: Viewer, conversationId: string, page: { maxId?: string | undefined; limit: number }): Promise<string[]> {
  const member = await ownMembership(app, viewer, conversationId);
  return listConversationMessageIds(app.db, conversationId, member.cleared_up_to, page);
}

export async function markConversationRead(app: AppContext, viewer: Viewer, conversationId: string): Promise<void> {
  const member = await ownMembership(app, viewer, conversationId);
  if (!member.unread) return;
  await markMemberRead(app.db, conversationId, viewer.accountId);
  await conversationChanged(app, conversationId, [viewer.accountId]);
}

/** Mastodon 4.x `POST /api/v1/conversations/:id/unread`: the conversation shows as unread again. */
export async function markConversationUnread(app: AppContext, viewer: Viewer, conversationId: string): Promise<void> {
  const member = await ownMembership(app, viewer, conversationId);
  if (member.unread) return;
  await markMemberUnread(app.db, conversationId, viewer.accountId);
  await conversationChanged(app, conversationId, [viewer.accountId]);
}

export async function muteConversation(app: AppContext, viewer: Viewer, conversationId: string, muted: boolean): Promise<void> {
  await ownMembership(app, viewer, conversationId);
  await setMemberMuted(app.db, conversationId, viewer.accountId, muted);
}

/** "Delete for me" (Mastodon's remove): the messages so far are gone for the viewer only. */
export async function clearConversation(app: AppContext, viewer: Viewer, conversationId: string): Promise<void> {
  await ownMembership(app, viewer, conversationId);
  await clearForMember(app.db, conversationId, viewer.accountId);
}

/** Leaves a group conversation: the viewer reads nothing of it any more, the others go on. */
export async function leaveConversation(app: AppContext, viewer: Viewer, conversationId: string): Promise<void> {
  const member = await ownMembership(app, viewer, conversationId);
  const conversation = await findConversation(app.db, conversationId);
  if (!conversation?.is_group) throw forbidden('Only group conversations can be left; delete a one-to-one conversation for yourself instead', 'messages.onlyGroupsLeave');
  await setMemberState(app.db, conversationId, viewer.accountId, 'left');
  const others = (await findMembers(app.db, conversationId)).filter((m) => readsConversation(m.state)).map((m) => m.account_id);
  await conversationChanged(app, conversationId, [member.account_id, ...others]);
}

async function pendingRequest(app: AppContext, viewer: Viewer, conversationId: string): Promise<MemberRow> {
  const member = await ownMembership(app, viewer, conversationId);
  if (member.state !== 'request') throw notFound('Message request');
  return member;
}

/**
 * Liking a message is answering it: someone with a pending request must accept it first (a
 * like would tell the sender the request was read, which requests promise not to).
 */
export async function assertMayReactInConversation(app: AppContext, viewer: Viewer, conversationId: string): Promise<void> {
  const member = await ownMembership(app, viewer, conversationId);
  if (!maySendIn(member.state)) throw forbidden('Accept the message request first', 'messages.acceptFirst');
}

/** Accepts a message request: the conversation moves into the viewer's conversations. */
export async function acceptRequest(app: AppContext, viewer: Viewer, conversationId: string): Promise<void> {
  await pendingRequest(app, viewer, conversationId);
  await setMemberState(app.db, conversationId, viewer.accountId, 'active');
  await conversationChanged(app, conversationId, [viewer.accountId]);
}

/** Declines a message request: the viewer reads nothing more of it; the sender is not told. */
export async function declineRequest(app: AppContext, viewer: Viewer, conversationId: string, options: { block?: boolean } = {}): Promise<void> {
  await pendingRequest(app, viewer, conversationId);
  const conversation = await findConversation(app.db, conversationId);
  await setMemberState(app.db, conversationId, viewer.accountId, 'declined');
  if (options.block && conversation?.created_by && conversation.created_by !== viewer.accountId) await block(app, viewer.accountId, conversation.created_by);
  await conversationChanged(app, conversationId, [viewer.accountId]);
}

/** Unread conversations and pending requests, for the navigation's badge. */
export function unreadMessages(app: AppContext, viewer: Viewer): Promise<{ conversations: number; requests: number }> {
  return countUnreadMessages(app.db, viewer.accountId);
}

/** Who may start a conversation with the viewer (see `messages.policy.ts`). */
export async function updateMessagesFrom(app: AppContext, viewer: Viewer, value: MessagesFrom): Promise<void> {
  await setMessagesFrom(app.db, viewer.accountId, value);
}
