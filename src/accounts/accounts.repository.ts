import { sql, type Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { AccountsTable } from './accounts.table.js';

/** An account row with its avatar and header file paths resolved. */
export type AccountRow = Omit<Selectable<AccountsTable>, 'search_vector'> & {
  avatar_path: string | null;
  header_path: string | null;
};

/** Base query for accounts with their avatar/header paths; add `where` clauses to it. */
export function selectAccounts(db: Db) {
  return db
    .selectFrom('accounts')
    .leftJoin('media_attachments as avatar', 'avatar.id', 'accounts.avatar_media_id')
    .leftJoin('media_attachments as header', 'header.id', 'accounts.header_media_id')
    .select([
      'accounts.id', 'accounts.username', 'accounts.display_name', 'accounts.note_source', 'accounts.note_html',
      'accounts.kind', 'accounts.profession', 'accounts.specialty', 'accounts.license_number', 'accounts.license_country',
      'accounts.verification_status', 'accounts.verified_at', 'accounts.organization_type', 'accounts.city',
      'accounts.country', 'accounts.website', 'accounts.fields', 'accounts.avatar_media_id', 'accounts.header_media_id',
      'accounts.locked', 'accounts.bot', 'accounts.discoverable', 'accounts.followers_count', 'accounts.following_count',
      'accounts.statuses_count', 'accounts.last_status_at', 'accounts.suspended_at', 'accounts.silenced_at',
      'accounts.created_at', 'accounts.updated_at',
      'avatar.file_path as avatar_path', 'header.file_path as header_path',
    ]);
}

export function findAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return selectAccounts(db).where('accounts.id', '=', id).executeTakeFirst();
}

export function findAccountsByIds(db: Db, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectAccounts(db).where('accounts.id', 'in', [...new Set(ids)]).execute();
}

/** Case-insensitive lookup by handle (with or without a leading @). */
export function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  const clean = username.replace(/^@/, '').split('@')[0] ?? '';
  return selectAccounts(db).where(sql`lower(accounts.username)`, '=', clean.toLowerCase()).executeTakeFirst();
}
