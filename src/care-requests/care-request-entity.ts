import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { CareRequestKind, CareRequestState, TimeSlot } from './care-requests.js';
import type { CareRequestRow } from './care-requests.repository.js';

/** A care request as the API shows it to its two parties (no text: that is the conversation's first message). */
export interface CareRequestEntity {
  id: string;
  kind: CareRequestKind;
  state: CareRequestState;
  slots: TimeSlot[];
  conversation_id: string;
  created_at: string;
  first_answered_at: string | null;
  /** Seconds from the request to its first answer. */
  time_to_first_answer: number | null;
  closed_at: string | null;
  /** `requester` or `target`: who closed it. */
  closed_by: 'requester' | 'target' | null;
  requester: MastodonAccount;
  target: MastodonAccount;
  url: string;
}

export async function toCareRequestEntities(app: AppContext, rows: CareRequestRow[]): Promise<CareRequestEntity[]> {
  const ids = [...new Set(rows.flatMap((r) => [r.requester_id, r.target_id]))];
  const accounts = new Map((await findAccountsByIds(app.db, ids)).map((a) => [a.id, toMastodonAccount(a, app.config)]));
  return rows.flatMap((r) => {
    const requester = accounts.get(r.requester_id);
    const target = accounts.get(r.target_id);
    if (!requester || !target) return [];
    return [
      {
        id: r.id,
        kind: r.kind,
        state: r.state,
        slots: r.slots,
        conversation_id: r.conversation_id,
        created_at: r.created_at.toISOString(),
        first_answered_at: r.first_answered_at?.toISOString() ?? null,
        time_to_first_answer: r.first_answered_at ? Math.round((r.first_answered_at.getTime() - r.created_at.getTime()) / 1000) : null,
        closed_at: r.closed_at?.toISOString() ?? null,
        closed_by: r.closed_by === null ? null : r.closed_by === r.requester_id ? 'requester' : 'target',
        requester,
        target,
        url: `${app.config.publicUrl}/care-requests/${r.id}`,
      },
    ];
  });
}
