import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { findOtherMembers, type ListedConversation } from './conversations.repository.js';

/**
 * Mastodon's Conversation entity (https://docs.joinmastodon.org/entities/Conversation/): the
 * other people in it, whether the viewer has read it, its latest message as the viewer sees it,
 * and Medired's fields (`medired`): a message request or not, muted, group.
 */
export interface MastodonConversation {
  id: string;
  unread: boolean;
  accounts: MastodonAccount[];
  last_status: MastodonStatus | null;
  medired: { request: boolean; muted: boolean; group: boolean };
}

/** Builds the entities of listed conversations in a fixed number of queries (`last_status` null when the viewer cannot see the latest message, e.g. from someone they block). */
export async function toConversationEntities(app: AppContext, rows: ListedConversation[], viewer: Viewer): Promise<MastodonConversation[]> {
  const others = await findOtherMembers(app.db, rows.map((r) => r.conversation_id), viewer.accountId);
  const accountIds = [...new Set([...others.values()].flat())];
  const [accounts, statuses] = await Promise.all([findAccountsByIds(app.db, accountIds), loadStatuses(app, rows.map((r) => r.last_status_id), viewer)]);
  const accountById = new Map(accounts.map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const statusById = new Map(statuses.map((s) => [s.id, s]));
  return rows.flatMap((r) => {
    const lastStatus = statusById.get(r.last_status_id) ?? null;
    return [
      {
        id: r.conversation_id,
        unread: r.unread,
        accounts: (others.get(r.conversation_id) ?? []).flatMap((id) => (accountById.has(id) ? [accountById.get(id)!] : [])),
        last_status: lastStatus,
        medired: { request: r.state === 'request', muted: r.muted, group: r.is_group },
      },
    ];
  });
}
