import type { AppContext } from '../app-context.js';
import { publishStreamEvent } from '../streaming/stream-events.js';
import type { ConversationEvent } from './conversation-stream-event.js';

/**
 * Tells the members' open streams that a conversation changed (a new message, read state): the
 * `conversation` event of Mastodon's streaming API. Only ids travel; each stream builds the
 * entity for its own reader (`conversation-stream-event.ts`). Call after the change committed.
 */
export async function conversationChanged(app: AppContext, conversationId: string, accountIds: string[]): Promise<void> {
  if (accountIds.length === 0) return;
  await publishStreamEvent<ConversationEvent>(app, { kind: 'conversation', conversationId, accountIds: [...new Set(accountIds)] });
}
