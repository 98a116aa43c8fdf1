import { sql, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import { preparedQuery } from '../db/prepared.js';
import type { Db, Trx } from '../db/connect.js';
import type { AccountsTable, StaffRole, UsersTable } from './accounts.table.js';

/** Advisory lock key that serialises registrations (`lockRegistrations`). */
const REGISTRATION_LOCK = 73_240_002;

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
      'accounts.created_at', 'accounts.updated_at', 'accounts.messages_from', 'accounts.place_public',
      'avatar.file_path as avatar_path', 'header.file_path as header_path',
    ]);
}

const accountsByIds = preparedQuery<{ ids: string[] }, AccountRow>('accounts_by_ids', (db, p) =>
  selectAccounts(db).where(sql<SqlBool>`accounts.id = any(${p.ids}::bigint[])`),
);

export async function findAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return (await accountsByIds(db, { ids: [id] }))[0];
}

export function findAccountsByIds(db: Db, ids: readonly string[]): Promise<AccountRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return accountsByIds(db, { ids: [...new Set(ids)] });
}

/** Case-insensitive lookup by handle (with or without a leading @). */
export function findAccountByUsername(db: Db, username: string): Promise<AccountRow | undefined> {
  const clean = username.replace(/^@/, '').split('@')[0] ?? '';
  return selectAccounts(db).where(sql`lower(accounts.username)`, '=', clean.toLowerCase()).executeTakeFirst();
}

/** Takes the transaction-scoped lock that serialises registrations. */
export async function lockRegistrations(trx: Trx): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${REGISTRATION_LOCK})`.execute(trx);
}

/** True when the instance has at least one user. */
export async function hasAnyUser(trx: Trx): Promise<boolean> {
  const anyUser = await trx.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return anyUser !== undefined;
}

/** Inserts an account and returns its id. */
export function insertAccount(trx: Trx, values: Insertable<AccountsTable>): Promise<{ id: string }> {
  return trx.insertInto('accounts').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Inserts the user (sign-in credentials and settings) of an account and returns its id. */
export function insertUser(trx: Trx, values: Insertable<UsersTable>): Promise<{ id: string }> {
  return trx.insertInto('users').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Applies changes to an account row. */
export async function updateAccount(db: Db, accountId: string, changes: Updateable<AccountsTable>): Promise<void> {
  await db.updateTable('accounts').set(changes).where('id', '=', accountId).execute();
}

/** Sets the interface language of the account's user. */
export async function setUserLocale(db: Db, accountId: string, locale: 'es' | 'en'): Promise<void> {
  await db.updateTable('users').set({ locale }).where('account_id', '=', accountId).execute();
}

/** The user of the local account with this username (case-insensitive), with its staff role. */
export function findUserByUsername(db: Db, username: string): Promise<{ id: string; staff_role: StaffRole; username: string; account_id: string } | undefined> {
  return db
    .selectFrom('users')
    .innerJoin('accounts', 'accounts.id', 'users.account_id')
    .select(['users.id', 'users.staff_role', 'accounts.username', 'accounts.id as account_id'])
    .where((eb) => eb(eb.fn('lower', ['accounts.username']), '=', username.toLowerCase()))
    .executeTakeFirst();
}

/** Gives the user a staff role. */
export async function setUserStaffRole(db: Db, userId: string, staffRole: StaffRole): Promise<void> {
  await db.updateTable('users').set({ staff_role: staffRole }).where('id', '=', userId).execute();
}
