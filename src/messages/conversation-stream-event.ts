import { defineStreamEvent } from '../streaming/stream-events.js';
import { toConversationEntities } from './conversation-entity.js';
import { findListedConversation } from './conversations.repository.js';

export interface ConversationEvent {
  kind: 'conversation';
  conversationId: string;
  accountIds: string[];
}

/**
 * Mastodon's `conversation` event: a conversation changed (a new message, read, left), sent to
 * each member who still reads it, as their own conversation list would show it. On the `direct`
 * stream (Mastodon's) and the `user` stream, which Medired's pages listen to.
 */
export const conversationUpdated = defineStreamEvent<ConversationEvent>('conversation', {
  streams: ['direct', 'user'],
  scope: 'read:statuses',
  audience: (event) => event.accountIds,
  async build(app, viewer, event) {
    const row = await findListedConversation(app.db, viewer.accountId, event.conversationId);
    // A pending request is not one of the reader's conversations (Mastodon clients would list it):
    // it is announced by its `medired.message_request` notification instead.
    if (!row || row.state !== 'active') return null;
    const [entity] = await toConversationEntities(app, [row], viewer);
    return entity ?? null;
  },
});
