import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { findConversationOfStatus } from './conversations.repository.js';
import { createStatus } from '../posts/statuses.service.js';
import type { SendMessageInput, StartConversationInput } from './messages.js';

/**
 * Medired's ways to write a private message, besides Mastodon's `POST /api/v1/statuses` with
 * `visibility=direct`: into a conversation by its id, or to chosen people. Both publish the same
 * `direct` status through `createStatus`, so every rule of posting and of messages applies.
 */
export async function sendMessage(app: AppContext, viewer: Viewer, conversationId: string, input: SendMessageInput, idempotencyKey?: string): Promise<string> {
  return createStatus(app, viewer, { ...input, kind: 'note', visibility: 'direct' }, idempotencyKey, { conversationId });
}

/**
 * Starts a conversation with `account_ids` (or writes in the one-to-one conversation that exists);
 * returns the conversation and the message. `agreedByRecipients`: they agreed to receive it (a
 * care request), so it is active for them at once (see `DirectTarget` in message-delivery.ts).
 */
export async function startConversation(
  app: AppContext,
  viewer: Viewer,
  input: StartConversationInput,
  idempotencyKey?: string,
  options: { agreedByRecipients?: boolean } = {},
): Promise<{ conversationId: string; statusId: string }> {
  const { account_ids, ...message } = input;
  const statusId = await createStatus(app, viewer, { ...message, kind: 'note', visibility: 'direct' }, idempotencyKey, { recipientIds: account_ids, ...options });
  const row = await findConversationOfStatus(app.db, statusId);
  return { conversationId: row!.conversation_id!, statusId };
}
