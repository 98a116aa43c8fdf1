import { recordAudit } from '../audit/audit-log.js';
import type { Db } from '../db/connect.js';
import { invalid, notFound } from '../errors.js';
import { USERNAME_PATTERN } from './accounts.js';
import { findUserByUsername, setUserStaffRole } from './accounts.repository.js';

/** Outcome of `makeAdmin`: whether the account already was an admin. */
export interface MakeAdminResult {
  username: string;
  previousRole: 'user' | 'moderator' | 'admin';
}

/**
 * Gives an existing local account the admin role (the CLI `npm run make-admin -- <username>`).
 * Admin routes also need TOTP, which the person enables in Settings → Security.
 */
export async function makeAdmin(db: Db, username: string): Promise<MakeAdminResult> {
  const name = username.trim().replace(/^@/, '');
  if (!USERNAME_PATTERN.test(name)) throw invalid(`"${username}" is not a valid username (letters, digits and underscores, up to 30)`, 'username');
  const row = await findUserByUsername(db, name);
  if (!row) throw notFound(`Account @${name}`);
  if (row.staff_role !== 'admin') {
    await db.transaction().execute(async (trx) => {
      await setUserStaffRole(trx, row.id, 'admin');
      // An admin-only audit entry (see audit-actions.ts): moderators do not read role changes.
      await recordAudit(trx, { actorAccountId: null, action: 'staff.role_change', targetType: 'account', targetId: row.account_id, targetAccountId: row.account_id, data: { from: row.staff_role, to: 'admin' } });
    });
  }
  return { username: row.username, previousRole: row.staff_role };
}
