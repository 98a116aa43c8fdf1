import { sql } from 'kysely';
import type { Db } from '../db/connect.js';
import { notBlockedOrMutedBy } from '../relations/relations.repository.js';

/** The SQL of the profile directory (`GET /api/v1/directory`). */

export type DirectoryOrder = 'active' | 'new';

/**
 * Discoverable accounts, as Mastodon's directory lists them: not suspended, not limited, opted
 * in to discovery; without the ones the viewer blocks, mutes or is blocked by. `active`: the
 * most recent status first (accounts that never posted last); `new`: the newest accounts first.
 */
export async function directoryAccountIds(db: Db, viewerId: string | null, input: { order: DirectoryOrder; offset: number; limit: number }): Promise<string[]> {
  let query = db
    .selectFrom('accounts')
    .select('accounts.id')
    .where('accounts.suspended_at', 'is', null)
    .where('accounts.silenced_at', 'is', null)
    .where('accounts.discoverable', '=', true);
  if (viewerId) query = query.where(notBlockedOrMutedBy(viewerId, 'accounts.id'));
  query = input.order === 'new' ? query.orderBy('accounts.created_at', 'desc') : query.orderBy(sql`accounts.last_status_at desc nulls last`);
  const rows = await query.orderBy('accounts.id', 'desc').offset(input.offset).limit(input.limit).execute();
  return rows.map((row) => row.id);
}
