import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { deleteConversationMute, insertConversationMute } from './conversation-mutes.repository.js';
import { statusActedOn } from './interactions.service.js';

/**
 * Mastodon's conversation mute: anyone who may see a status mutes its whole thread (the status,
 * its ancestors and every reply), and gets no more notifications about any of them
 * (`notification-filtering.ts`); `muted` is then true on each for them. Returns the status id.
 */
export async function muteConversation(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await statusActedOn(app, viewer, id);
  await insertConversationMute(app.db, viewer.accountId, status.thread_id);
  return id;
}

export async function unmuteConversation(app: AppContext, viewer: Viewer, id: string): Promise<string> {
  const status = await statusActedOn(app, viewer, id);
  await deleteConversationMute(app.db, viewer.accountId, status.thread_id);
  return id;
}
