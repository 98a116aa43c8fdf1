import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { ModerationActionsTable } from './moderation.table.js';

type ActionRow = Selectable<ModerationActionsTable>;

/**
 * Moderation actions by id; with `targetAccountId`, only those about that account (what a
 * person may see of decisions about them).
 */
export function findActionsByIds(db: Db, ids: readonly string[], options: { targetAccountId?: string } = {}): Promise<ActionRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  let q = db.selectFrom('moderation_actions').selectAll().where('id', 'in', ids);
  if (options.targetAccountId) q = q.where('target_account_id', '=', options.targetAccountId);
  return q.execute();
}

/** One moderation action about `targetAccountId` (undefined when it is about someone else). */
export function findActionAbout(db: Db, actionId: string, targetAccountId: string): Promise<ActionRow | undefined> {
  return db.selectFrom('moderation_actions').selectAll().where('id', '=', actionId).where('target_account_id', '=', targetAccountId).executeTakeFirst();
}

/** The filters of the moderators' account list (`GET /api/v1/admin/accounts`). */
export interface AdminAccountFilter {
  silenced?: boolean | undefined;
  suspended?: boolean | undefined;
  staff?: boolean | undefined;
  /** Only accounts of these staff roles. */
  roles?: readonly ('user' | 'moderator' | 'admin')[] | undefined;
  username?: string | undefined;
  display_name?: string | undefined;
  email?: string | undefined;
  verification_status?: 'unverified' | 'pending' | 'verified' | 'rejected' | 'revoked' | undefined;
  max_id?: string | undefined;
  min_id?: string | undefined;
  limit: number;
}

const likeContaining = (value: string) => `%${value.toLowerCase().replace(/[%_\\]/g, '\\$&')}%`;

/** Ids of local accounts matching the filters, newest first (keyset pages by `max_id`/`min_id`). */
export async function searchAdminAccountIds(db: Db, f: AdminAccountFilter): Promise<string[]> {
  let q = db.selectFrom('accounts').innerJoin('users', 'users.account_id', 'accounts.id').select('accounts.id');
  if (f.silenced !== undefined) q = q.where('accounts.silenced_at', f.silenced ? 'is not' : 'is', null);
  if (f.suspended !== undefined) q = q.where('accounts.suspended_at', f.suspended ? 'is not' : 'is', null);
  if (f.staff !== undefined) q = q.where('users.staff_role', f.staff ? '!=' : '=', 'user');
  if (f.roles) q = f.roles.length ? q.where('users.staff_role', 'in', [...f.roles]) : q.where(sql<boolean>`false`);
  if (f.username) q = q.where(sql`lower(accounts.username)`, 'like', likeContaining(f.username));
  if (f.display_name) q = q.where(sql`lower(accounts.display_name)`, 'like', likeContaining(f.display_name));
  if (f.email) q = q.where(sql`lower(users.email)`, 'like', likeContaining(f.email));
  if (f.verification_status) q = q.where('accounts.verification_status', '=', f.verification_status);
  if (f.max_id) q = q.where('accounts.id', '<', f.max_id);
  const rows = f.min_id
    ? (await q.where('accounts.id', '>', f.min_id).orderBy('accounts.id', 'asc').limit(f.limit).execute()).reverse()
    : await q.orderBy('accounts.id', 'desc').limit(f.limit).execute();
  return rows.map((r) => r.id);
}

/** The user columns of the moderators' view of accounts (`Admin::Account`), for the accounts `accountIds`. */
export function findAdminUserRows(db: Db, accountIds: string[]) {
  return db.selectFrom('users').select(['account_id', 'email', 'locale', 'staff_role', 'created_at']).where('account_id', 'in', accountIds).execute();
}

/** What decides whether an account may post links yet (age, posts, verification, staff role), or undefined. */
export function findLinkPosterFacts(db: Db, accountId: string) {
  return db
    .selectFrom('accounts')
    .innerJoin('users', 'users.account_id', 'accounts.id')
    .select(['accounts.created_at', 'accounts.statuses_count', 'accounts.verification_status', 'users.staff_role'])
    .where('accounts.id', '=', accountId)
    .executeTakeFirst();
}
