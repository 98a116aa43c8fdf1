import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { VerificationRequestsTable, VerificationRequestStatus } from './verification.table.js';

/**
 * SQL of verification requests and of the verification columns of accounts. Plain functions
 * taking the database handle first; the rules (who may ask, which decision from which status)
 * live in `verification.service.ts`.
 */

type VerificationRequestRow = Selectable<VerificationRequestsTable>;

/** The account columns that decide whether it may ask to be verified, or undefined for an unknown account. */
export function findApplicantAccount(db: Db, accountId: string) {
  return db.selectFrom('accounts').select(['id', 'kind', 'verification_status']).where('id', '=', accountId).executeTakeFirst();
}

/** The id of the account's request in progress (pending or needs_info), if any. */
export function findOpenVerificationRequestId(db: Db, accountId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('verification_requests').select('id').where('account_id', '=', accountId).where('status', 'in', ['pending', 'needs_info']).executeTakeFirst();
}

/** Stores a new verification request and returns it. */
export function insertVerificationRequest(trx: Trx, values: Insertable<VerificationRequestsTable>): Promise<VerificationRequestRow> {
  return trx.insertInto('verification_requests').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Shows the account as "pending verification". */
export async function markAccountVerificationPending(trx: Trx, accountId: string): Promise<void> {
  await trx.updateTable('accounts').set({ verification_status: 'pending', updated_at: new Date() }).where('id', '=', accountId).execute();
}

/** One verification request by id, or undefined. */
export function findVerificationRequest(db: Db, id: string): Promise<VerificationRequestRow | undefined> {
  return db.selectFrom('verification_requests').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Puts a request that asked for more information back in the queue with `changes`; undefined
 * when it no longer asks for more information.
 */
export function resubmitNeedsInfoRequest(trx: Trx, requestId: string, changes: Updateable<VerificationRequestsTable>): Promise<VerificationRequestRow | undefined> {
  return trx
    .updateTable('verification_requests')
    .set(changes)
    .where('id', '=', requestId)
    .where('status', '=', 'needs_info')
    .returningAll()
    .executeTakeFirst();
}

/** The account's own requests, newest first (at most 50). */
export function listVerificationRequestsOf(db: Db, accountId: string): Promise<VerificationRequestRow[]> {
  return db.selectFrom('verification_requests').selectAll().where('account_id', '=', accountId).orderBy('id', 'desc').limit(50).execute();
}

/** A page of the moderators' queue: by status ("open" = pending and needs_info), keyset-paginated on id. */
export async function findVerificationQueuePage(
  db: Db,
  f: { status: VerificationRequestStatus | 'open'; maxId?: string | undefined; minId?: string | undefined; limit: number },
): Promise<VerificationRequestRow[]> {
  let q = db.selectFrom('verification_requests').selectAll();
  q = f.status === 'open' ? q.where('status', 'in', ['pending', 'needs_info']) : q.where('status', '=', f.status);
  if (f.maxId) q = q.where('id', '<', f.maxId);
  if (f.minId) return (await q.where('id', '>', f.minId).orderBy('id', 'asc').limit(f.limit).execute()).reverse();
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

/**
 * Moves a request to a decided status with `changes`, only when it is in one of `fromStatuses`
 * (so two moderators cannot both decide); undefined otherwise.
 */
export function decideRequestFrom(
  trx: Trx,
  requestId: string,
  fromStatuses: VerificationRequestStatus[],
  changes: Updateable<VerificationRequestsTable>,
): Promise<VerificationRequestRow | undefined> {
  return trx
    .updateTable('verification_requests')
    .set(changes)
    .where('id', '=', requestId)
    .where('status', 'in', fromStatuses)
    .returningAll()
    .executeTakeFirst();
}

/** The status of a request, or undefined for an unknown one. */
export function findVerificationRequestStatus(trx: Trx, requestId: string): Promise<{ status: VerificationRequestStatus } | undefined> {
  return trx.selectFrom('verification_requests').select('status').where('id', '=', requestId).executeTakeFirst();
}

/** Gives the account the verified badge with the licence (and specialty, when given) of its approved request. */
export async function markAccountVerified(trx: Trx, accountId: string, request: Pick<VerificationRequestRow, 'license_number' | 'country' | 'specialty'>, now: Date): Promise<void> {
  await trx
    .updateTable('accounts')
    .set({
      verification_status: 'verified',
      verified_at: now,
      license_number: request.license_number,
      license_country: request.country,
      ...(request.specialty ? { specialty: request.specialty } : {}),
      updated_at: now,
    })
    .where('id', '=', accountId)
    .execute();
}

/** Shows the account's verification as rejected. */
export async function markAccountVerificationRejected(trx: Trx, accountId: string, now: Date): Promise<void> {
  await trx.updateTable('accounts').set({ verification_status: 'rejected', verified_at: null, updated_at: now }).where('id', '=', accountId).execute();
}

/** Takes the verified badge away; undefined when the account is not verified (or unknown). */
export function revokeAccountVerification(trx: Trx, accountId: string, now: Date): Promise<{ id: string } | undefined> {
  return trx
    .updateTable('accounts')
    .set({ verification_status: 'revoked', verified_at: null, updated_at: now })
    .where('id', '=', accountId)
    .where('verification_status', '=', 'verified')
    .returning('id')
    .executeTakeFirst();
}

/** The account's id when it exists. */
export function findAccountId(trx: Trx, accountId: string): Promise<{ id: string } | undefined> {
  return trx.selectFrom('accounts').select('id').where('id', '=', accountId).executeTakeFirst();
}

/** The account's latest approved request, if any. */
export function findLatestApprovedRequestId(trx: Trx, accountId: string): Promise<{ id: string } | undefined> {
  return trx
    .selectFrom('verification_requests')
    .select('id')
    .where('account_id', '=', accountId)
    .where('status', '=', 'approved')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Marks an approved request as revoked, with who did it, why and when. */
export async function markRequestRevoked(trx: Trx, requestId: string, revocation: { reason: string; moderatorId: string; now: Date }): Promise<void> {
  await trx
    .updateTable('verification_requests')
    .set({ status: 'revoked', decision_reason: revocation.reason, decided_by_account_id: revocation.moderatorId, decided_at: revocation.now, updated_at: revocation.now })
    .where('id', '=', requestId)
    .execute();
}
