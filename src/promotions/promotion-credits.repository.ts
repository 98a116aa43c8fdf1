import { sql, type Selectable } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { CreditEntryKind, PromotionCreditLedgerTable } from './promotions.table.js';

/**
 * The SQL of promotion credits: one balance row per account that never goes below zero (a
 * reservation is a conditional UPDATE, and a CHECK constraint backs it), and a ledger entry
 * beside every change, in the same transaction.
 */

export type LedgerRow = Selectable<PromotionCreditLedgerTable>;

/** The account's balance in millicredits (0 when it was never granted any). */
export async function findBalance(db: Db, accountId: string): Promise<number> {
  const row = await db.selectFrom('promotion_credit_balances').select('balance_millicredits').where('account_id', '=', accountId).executeTakeFirst();
  return row ? Number(row.balance_millicredits) : 0;
}

interface CreditMove {
  accountId: string;
  millis: number;
  promotionId?: string | null;
  actorId?: string | null;
  note?: string;
}

async function writeLedger(trx: Trx, kind: CreditEntryKind, move: CreditMove, delta: number, balanceAfter: string): Promise<LedgerRow> {
  return trx
    .insertInto('promotion_credit_ledger')
    .values({
      account_id: move.accountId,
      kind,
      delta_millicredits: delta,
      balance_after_millicredits: balanceAfter,
      promotion_id: move.promotionId ?? null,
      actor_account_id: move.actorId ?? null,
      note: move.note ?? '',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Adds credits (a grant or a refund) to the balance, with its ledger entry. */
export async function addCredits(trx: Trx, kind: 'grant' | 'refund', move: CreditMove): Promise<LedgerRow> {
  const row = await trx
    .insertInto('promotion_credit_balances')
    .values({ account_id: move.accountId, balance_millicredits: move.millis })
    .onConflict((oc) =>
      oc.column('account_id').doUpdateSet({
        balance_millicredits: sql<string>`promotion_credit_balances.balance_millicredits + ${move.millis}`,
        updated_at: new Date(),
      }),
    )
    .returning('balance_millicredits')
    .executeTakeFirstOrThrow();
  return writeLedger(trx, kind, move, move.millis, row.balance_millicredits);
}

/**
 * Takes `millis` from the balance for a promotion, only when the balance covers it (the UPDATE's
 * condition, so two reservations at once cannot both spend the same credits). Undefined when it
 * does not.
 */
export async function reserveCredits(trx: Trx, move: CreditMove): Promise<LedgerRow | undefined> {
  const row = await trx
    .updateTable('promotion_credit_balances')
    .set({ balance_millicredits: sql<string>`balance_millicredits - ${move.millis}`, updated_at: new Date() })
    .where('account_id', '=', move.accountId)
    .where('balance_millicredits', '>=', String(move.millis))
    .returning('balance_millicredits')
    .executeTakeFirst();
  if (!row) return undefined;
  return writeLedger(trx, 'reserve', move, -move.millis, row.balance_millicredits);
}

/** The account's ledger, newest first (keyset on id). */
export function findLedgerPage(db: Db, accountId: string, page: { maxId?: string | undefined; limit: number }): Promise<LedgerRow[]> {
  let q = db.selectFrom('promotion_credit_ledger').selectAll().where('account_id', '=', accountId);
  if (page.maxId) q = q.where('id', '<', page.maxId);
  return q.orderBy('id', 'desc').limit(page.limit).execute();
}
