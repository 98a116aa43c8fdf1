import type { Selectable } from 'kysely';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, conflict, forbidden, invalid, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import type { VerificationRequestInput } from './verification.js';
import { discardVerificationDocument, storeVerificationDocument } from './verification-documents.js';
import {
  decideRequestFrom,
  findAccountId,
  findApplicantAccount,
  findLatestApprovedRequestId,
  findOpenVerificationRequestId,
  findVerificationQueuePage,
  findVerificationRequest,
  findVerificationRequestStatus,
  insertVerificationRequest,
  listVerificationRequestsOf,
  markAccountVerificationPending,
  markAccountVerificationRejected,
  markAccountVerified,
  markRequestRevoked,
  resubmitNeedsInfoRequest,
  revokeAccountVerification,
} from './verification.repository.js';
import type { VerificationRequestsTable, VerificationRequestStatus } from './verification.table.js';

export type VerificationRequestRow = Selectable<VerificationRequestsTable>;

/** The notification type of every verification decision. */
export const VERIFICATION_NOTIFICATION = 'medired.verification';

async function applicant(db: Db, accountId: string) {
  const account = await findApplicantAccount(db, accountId);
  if (!account) throw notFound('Account');
  if (account.kind === 'patient') throw forbidden('Only professionals and organisations can request verification', 'verification.patientsCannot');
  return account;
}

/**
 * A professional or organisation asks to be verified. One open request at a time; the account
 * shows "pending verification" until a moderator decides.
 */
export async function createVerificationRequest(app: AppContext, accountId: string, input: VerificationRequestInput): Promise<VerificationRequestRow> {
  const account = await applicant(app.db, accountId);
  if (account.verification_status === 'verified') throw conflict('Your account is already verified', 'verification.alreadyVerified');
  if (account.kind === 'professional' && !input.specialty) throw invalid('Professionals must give their specialty', 'specialty', 'verification.specialtyRequired');
  const open = await findOpenVerificationRequestId(app.db, accountId);
  if (open) throw conflict('You already have a verification request in progress; update it instead', 'verification.requestOpen');
  const document = input.document ? await storeVerificationDocument(app, accountId, input.document) : null;
  try {
    return await app.db.transaction().execute(async (trx) => {
      const row = await insertVerificationRequest(trx, {
        account_id: accountId,
        license_number: input.license_number,
        issuing_body: input.issuing_body,
        country: input.country,
        specialty: input.specialty ?? null,
        note: input.note,
        document_path: document?.path ?? null,
        document_mime: document?.mime ?? null,
        document_size: document?.size ?? null,
      });
      await markAccountVerificationPending(trx, accountId);
      await recordAudit(trx, { actorAccountId: accountId, action: 'verification.request', targetType: 'verification_request', targetId: row.id, targetAccountId: accountId });
      return row;
    });
  } catch (err) {
    if (document) await discardVerificationDocument(app, document.path);
    if (isUniqueViolation(err, 'verification_requests_open_idx')) throw conflict('You already have a verification request in progress; update it instead', 'verification.requestOpen');
    throw err;
  }
}

/** The applicant answers a request for more information: new details, back in the queue. */
export async function resubmitVerificationRequest(
  app: AppContext,
  accountId: string,
  requestId: string,
  input: VerificationRequestInput,
): Promise<VerificationRequestRow> {
  const account = await applicant(app.db, accountId);
  if (account.kind === 'professional' && !input.specialty) throw invalid('Professionals must give their specialty', 'specialty', 'verification.specialtyRequired');
  const current = await findVerificationRequest(app.db, requestId);
  if (!current || current.account_id !== accountId) throw notFound('Verification request');
  if (current.status !== 'needs_info') throw conflict('Only a request that asks for more information can be updated', 'verification.onlyNeedsInfo');
  const document = input.document ? await storeVerificationDocument(app, accountId, input.document) : null;
  const previousDocument = current.document_path;
  const row = await app.db.transaction().execute(async (trx) => {
    const row = await resubmitNeedsInfoRequest(trx, requestId, {
      status: 'pending',
      license_number: input.license_number,
      issuing_body: input.issuing_body,
      country: input.country,
      specialty: input.specialty ?? null,
      note: input.note,
      ...(document ? { document_path: document.path, document_mime: document.mime, document_size: document.size } : {}),
      updated_at: new Date(),
    });
    if (!row) throw conflict('Only a request that asks for more information can be updated', 'verification.onlyNeedsInfo');
    await recordAudit(trx, { actorAccountId: accountId, action: 'verification.resubmit', targetType: 'verification_request', targetId: row.id, targetAccountId: accountId });
    return row;
  }).catch(async (err: unknown) => {
    if (document) await discardVerificationDocument(app, document.path);
    throw err;
  });
  // A replaced document is no longer needed by anyone.
  if (document && previousDocument) await discardVerificationDocument(app, previousDocument);
  return row;
}

export function listOwnVerificationRequests(db: Db, accountId: string): Promise<VerificationRequestRow[]> {
  return listVerificationRequestsOf(db, accountId);
}

export interface QueueFilter {
  status: VerificationRequestStatus | 'open';
  maxId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

/** The moderators' queue: by status ("open" = pending and needs_info), keyset-paginated on id. */
export function verificationQueue(db: Db, f: QueueFilter): Promise<VerificationRequestRow[]> {
  return findVerificationQueuePage(db, f);
}

export async function getVerificationRequest(db: Db, id: string): Promise<VerificationRequestRow> {
  const row = await findVerificationRequest(db, id);
  if (!row) throw notFound('Verification request');
  return row;
}

type Decision = 'approve' | 'reject' | 'request_info';
const NEXT_STATUS: Record<Decision, VerificationRequestStatus> = { approve: 'approved', reject: 'rejected', request_info: 'needs_info' };
const FROM_STATUSES: Record<Decision, VerificationRequestStatus[]> = {
  approve: ['pending', 'needs_info'],
  reject: ['pending', 'needs_info'],
  request_info: ['pending'],
};

/**
 * A moderator decides on a request. The transition is atomic (two moderators cannot both decide),
 * the account's verification status follows, the decision is audited and the applicant notified.
 */
export async function decideVerificationRequest(
  db: Db,
  moderatorId: string,
  requestId: string,
  decision: Decision,
  input: { reason: string; specialty?: string | undefined },
): Promise<VerificationRequestRow> {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const row = await decideRequestFrom(trx, requestId, FROM_STATUSES[decision], {
      status: NEXT_STATUS[decision],
      decision_reason: input.reason || null,
      decided_by_account_id: moderatorId,
      decided_at: now,
      updated_at: now,
      ...(input.specialty ? { specialty: input.specialty } : {}),
    });
    if (!row) {
      const exists = await findVerificationRequestStatus(trx, requestId);
      if (!exists) throw notFound('Verification request');
      throw conflict(`This request is ${exists.status}; it cannot be decided that way now`, 'verification.cannotDecide', { status: exists.status });
    }
    if (decision === 'approve') {
      await markAccountVerified(trx, row.account_id, row, now);
    } else if (decision === 'reject') {
      await markAccountVerificationRejected(trx, row.account_id, now);
    }
    await recordAudit(trx, {
      actorAccountId: moderatorId,
      action: `verification.${decision}`,
      targetType: 'verification_request',
      targetId: row.id,
      targetAccountId: row.account_id,
      reason: input.reason || null,
      data: decision === 'approve' ? { specialty: row.specialty } : {},
    });
    await notify(trx, {
      accountId: row.account_id,
      type: VERIFICATION_NOTIFICATION,
      payload: { decision: NEXT_STATUS[decision], reason: input.reason || null, verification_request_id: row.id },
    });
    return row;
  });
}

/** Takes the verified badge away from an account, with a reason (audited, notified). */
export async function revokeVerification(db: Db, moderatorId: string, accountId: string, reason: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const now = new Date();
    const account = await revokeAccountVerification(trx, accountId, now);
    if (!account) {
      const exists = await findAccountId(trx, accountId);
      if (!exists) throw notFound('Account');
      throw new AppError('conflict', 'This account is not verified', { key: 'verification.notVerified' });
    }
    const latest = await findLatestApprovedRequestId(trx, accountId);
    if (latest) await markRequestRevoked(trx, latest.id, { reason, moderatorId, now });
    await recordAudit(trx, {
      actorAccountId: moderatorId,
      action: 'verification.revoke',
      targetType: 'account',
      targetId: accountId,
      targetAccountId: accountId,
      reason,
      data: latest ? { verification_request_id: latest.id } : {},
    });
    await notify(trx, { accountId, type: VERIFICATION_NOTIFICATION, payload: { decision: 'revoked', reason, verification_request_id: latest?.id ?? null } });
  });
}
