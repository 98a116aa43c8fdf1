import type { Db, Trx } from '../db/connect.js';
import { deleteExpiredIdempotencyKeys, findRecentIdempotencyKey, insertIdempotencyKey, setIdempotencyKeyStatus } from './idempotency.repository.js';

/** Thrown inside the creating transaction when another request already holds the same key. */
export class DuplicateRequest extends Error {
  override name = 'DuplicateRequest';
}

/** The status an earlier request with this key created within the hour, if any. */
export async function existingStatusFor(db: Db, accountId: string, key: string): Promise<string | null> {
  const row = await findRecentIdempotencyKey(db, accountId, key);
  return row?.status_id ?? null;
}

/**
 * Claims the key for this request. A concurrent request with the same key waits on the unique
 * index until the first commits, then finds the key taken and throws `DuplicateRequest`.
 */
export async function claimIdempotencyKey(trx: Trx, accountId: string, key: string): Promise<void> {
  await deleteExpiredIdempotencyKeys(trx, accountId);
  if (!(await insertIdempotencyKey(trx, accountId, key))) throw new DuplicateRequest('Idempotency-Key already used');
}

export async function settleIdempotencyKey(trx: Trx, accountId: string, key: string, statusId: string): Promise<void> {
  await setIdempotencyKeyStatus(trx, accountId, key, statusId);
}
