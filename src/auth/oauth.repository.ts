import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { OauthApplicationsTable, OauthAuthorizationCodesTable } from './auth.table.js';

/** The SQL of client applications and authorisation codes (OAuth 2, RFC 6749). */

export type ApplicationRow = Selectable<OauthApplicationsTable>;
export type AuthorizationCodeRow = Selectable<OauthAuthorizationCodesTable>;

export function insertApplication(db: Db, values: Insertable<OauthApplicationsTable>): Promise<ApplicationRow> {
  return db.insertInto('oauth_applications').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findApplicationByClientId(db: Db, clientId: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('oauth_applications').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

export function findApplicationById(db: Db, id: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom('oauth_applications').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAuthorizationCode(db: Db, values: Insertable<OauthAuthorizationCodesTable>): Promise<void> {
  await db.insertInto('oauth_authorization_codes').values(values).execute();
}

/**
 * Marks the unused code with this hash as used and returns it, in one statement: of two
 * concurrent exchanges only one gets the row.
 */
export function consumeAuthorizationCode(db: Db, codeHash: string): Promise<AuthorizationCodeRow | undefined> {
  return db
    .updateTable('oauth_authorization_codes')
    .set({ used_at: new Date() })
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Deletes every authorisation code issued to the user (used or not). */
export async function deleteAuthorizationCodesOfUser(db: Db, userId: string): Promise<void> {
  await db.deleteFrom('oauth_authorization_codes').where('user_id', '=', userId).execute();
}
