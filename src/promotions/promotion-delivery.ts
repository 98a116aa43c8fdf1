import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { applyFilters } from '../filters/filter-matching.js';
import { utcDay } from '../jobs/recurring.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { chargeImpression, findDeliveryCandidate, recordClick, recordShow, type DeliveryCandidate } from './promotion-delivery.repository.js';
import { findPromotion } from './promotions.repository.js';
import { settleIfDue } from './promotions.service.js';
import { promotionsMayRun } from './running-promotions.js';

/**
 * Promoted posts in home timelines (the API's `GET /api/v1/timelines/home` and the web home page
 * alike, both through `homeTimeline`). The bounds:
 *
 * - at most one promoted status per page, and only on a page with at least
 *   `PROMOTED_MIN_PAGE_STATUSES` ordinary statuses (so never more than one in six), placed after
 *   the `PROMOTED_POSITION`th; never on pages read upwards for new posts (`min_id`, `since_id`:
 *   what apps poll and streams catch up with);
 * - each promotion at most `PROMOTED_SHOWS_PER_DAY` times a day to the same reader;
 * - only home timelines: never the public, tag, list or profile timelines, never notifications,
 *   conversations (private messages are `direct` statuses, which are never promotable), support
 *   groups (group posts are not statuses) or streams;
 * - who may be shown what is `findDeliveryCandidate` (targets, blocks and mutes, never the
 *   promoter), and then the ordinary visibility rules and the reader's filters.
 *
 * An impression is a promotion shown to a reader on a UTC day (counted and charged once a day
 * per reader, whatever the number of showings under the cap); a click is a signed-in reader
 * opening it through `/promoted/:id` (once per reader and day shown). Nothing is sent to third
 * parties and no identifier leaves the instance.
 */
export const PROMOTED_SHOWS_PER_DAY = 3;
export const PROMOTED_MIN_PAGE_STATUSES = 5;
export const PROMOTED_POSITION = 3;

const LABEL = { es: 'Promocionado', en: 'Promoted' } as const;

/** The tracked link of a promotion: our redirect to its post. */
export function promotionClickPath(promotionId: string): string {
  return `/promoted/${promotionId}`;
}

class NotCharged extends Error {
  override name = 'NotCharged';
}

/**
 * Records a showing of `candidate` to the reader, charging the day's first one to the budget, in
 * one transaction: when the charge is refused (budget used up, ended, cancelled meanwhile) the
 * showing is rolled back and nothing is shown. Returns whether it may be shown.
 */
async function recordImpression(app: AppContext, candidate: DeliveryCandidate, readerId: string, day: string): Promise<{ shown: boolean; charged: boolean }> {
  try {
    return await app.db.transaction().execute(async (trx) => {
      const show = await recordShow(trx, candidate.id, readerId, day, PROMOTED_SHOWS_PER_DAY);
      if (!show) return { shown: false, charged: false };
      if (show === 'repeat') return { shown: true, charged: false };
      if (!(await chargeImpression(trx, candidate.id))) throw new NotCharged();
      return { shown: true, charged: true };
    });
  } catch (err) {
    if (err instanceof NotCharged) return { shown: false, charged: false };
    throw err;
  }
}

/**
 * The home page's statuses with at most one promoted status placed among them (see the bounds
 * above); the page's cursors are the caller's and do not change.
 */
export async function withPromotedStatus(app: AppContext, viewer: Viewer, statuses: MastodonStatus[], page: { minId?: string | undefined; sinceId?: string | undefined }): Promise<MastodonStatus[]> {
  if (page.minId !== undefined || page.sinceId !== undefined) return statuses;
  if (statuses.length < PROMOTED_MIN_PAGE_STATUSES) return statuses;
  if (!(await promotionsMayRun(app))) return statuses;
  const day = utcDay(new Date());
  const exclude = statuses.map((s) => s.reblog?.id ?? s.id);
  // A candidate the visibility rules or the reader's filters refuse is skipped once; a second
  // refusal ends the attempt, so a page never costs more than a few queries.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const candidate = await findDeliveryCandidate(app.db, viewer.accountId, day, { dailyCap: PROMOTED_SHOWS_PER_DAY, excludeStatusIds: exclude });
    if (!candidate) return statuses;
    exclude.push(candidate.status_id);
    const [entity] = await applyFilters(app, viewer, 'home', await loadStatuses(app, [candidate.status_id], viewer));
    if (!entity) continue;
    const { shown, charged } = await recordImpression(app, candidate, viewer.accountId, day);
    if (charged) await settleIfUsedUp(app, candidate);
    if (!shown) continue;
    const promoted: MastodonStatus = {
      ...entity,
      medired: {
        ...entity.medired,
        promotion: {
          id: candidate.id,
          label: LABEL[viewer.locale === 'en' ? 'en' : 'es'],
          advertiser: entity.account.acct,
          click_url: `${app.config.publicUrl}${promotionClickPath(candidate.id)}`,
        },
      },
    };
    return [...statuses.slice(0, PROMOTED_POSITION), promoted, ...statuses.slice(PROMOTED_POSITION)];
  }
  return statuses;
}

/** After a charge: a budget with less left than one impression ends the promotion (and refunds the rest) at once. */
async function settleIfUsedUp(app: AppContext, candidate: DeliveryCandidate): Promise<void> {
  const row = await findPromotion(app.db, candidate.id);
  if (row && Number(row.spent_millicredits) + row.cpm_credits > row.budget_credits * 1000) await settleIfDue(app, candidate.id);
}

/**
 * `/promoted/:id`: where the post of a promotion is, and (for a signed-in reader it was shown to)
 * the click counted once per reader and day. Undefined for a promotion that does not exist or
 * whose post is gone.
 */
export async function openPromotion(app: AppContext, viewer: Viewer | null, promotionId: string): Promise<{ statusId: string; username: string } | undefined> {
  const row = await findPromotion(app.db, promotionId);
  if (!row?.status_id) return undefined;
  const [status] = await loadStatuses(app, [row.status_id], viewer);
  if (!status) return undefined;
  if (viewer && viewer.accountId !== row.account_id) await app.db.transaction().execute((trx) => recordClick(trx, promotionId, viewer.accountId));
  return { statusId: status.id, username: status.account.acct };
}
