import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { recordAudit } from '../audit/audit-log.js';
import { AppError, notFound } from '../errors.js';
import { addCredits, findBalance, findLedgerPage, type LedgerRow } from './promotion-credits.repository.js';
import { MILLIS_PER_CREDIT, type GrantCreditsInput } from './promotions.js';
import { mayHoldCredits } from './promotions.policy.js';
import { findPromoterFacts } from './promotions.repository.js';

export type { LedgerRow } from './promotion-credits.repository.js';

export interface CreditStatement {
  accountId: string;
  /** In millicredits. */
  balance: number;
  entries: LedgerRow[];
}

/** An account's balance and latest ledger entries (the account's own page, or an admin's). */
export async function creditStatement(app: AppContext, accountId: string, page: { maxId?: string | undefined; limit: number } = { limit: 20 }): Promise<CreditStatement> {
  const [balance, entries] = await Promise.all([findBalance(app.db, accountId), findLedgerPage(app.db, accountId, page)]);
  return { accountId, balance, entries };
}

/**
 * An administrator grants credits to a professional or organisation (no payment provider: credits
 * are handed out by the instance, e.g. for public-health campaigns); ledger entry and audit entry
 * in one transaction.
 */
export async function grantCredits(app: AppContext, admin: Viewer, input: GrantCreditsInput): Promise<CreditStatement> {
  const account = await findPromoterFacts(app.db, input.account_id);
  if (!account) throw notFound('Account');
  if (!mayHoldCredits(account)) {
    const message = 'Credits are for professionals and organisations';
    throw new AppError('validation_failed', message, { key: 'promotions.error.notPractitionerTarget', details: [{ field: 'account_id', message, key: 'promotions.error.notPractitionerTarget' }] });
  }
  await app.db.transaction().execute(async (trx) => {
    const entry = await addCredits(trx, 'grant', { accountId: input.account_id, millis: input.credits * MILLIS_PER_CREDIT, actorId: admin.accountId, note: input.note });
    await recordAudit(trx, {
      actorAccountId: admin.accountId,
      action: 'promotion.credits_grant',
      targetType: 'account',
      targetId: input.account_id,
      targetAccountId: input.account_id,
      reason: input.note || null,
      data: { credits: input.credits, ledger_entry_id: entry.id, balance_after_millicredits: entry.balance_after_millicredits },
    });
  });
  return creditStatement(app, input.account_id);
}
