import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { Viewer } from '../auth/viewer.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import { ADVERTISING_CHECKLIST } from './advertising-checklist.js';
import type { CreditStatement } from './promotion-credits.service.js';
import { dailyResultsOf, promotionFigures, type DailyResult, type ResultFigures } from './promotion-results.js';
import { MILLIS_PER_CREDIT } from './promotions.js';
import type { PromotionRow } from './promotions.repository.js';
import type { PromotionEndReason, PromotionState } from './promotions.table.js';

/** A promotion as the API shows it to its promoter (and, with the account and post, to moderators). */
export interface PromotionEntity {
  id: string;
  state: PromotionState;
  status_id: string | null;
  budget_credits: number;
  /** Credits per thousand impressions. */
  cpm_credits: number;
  starts_at: string;
  ends_at: string;
  targets: { specialties: string[]; countries: string[]; cities: string[]; tags: string[] };
  reviewed_at: string | null;
  /** The checklist items the approving moderator confirmed. */
  checklist_confirmed: string[];
  /** Why a moderator rejected it, for the promoter to change. */
  rejection_reason: string | null;
  ended_reason: PromotionEndReason | null;
  created_at: string;
  results: ResultFigures & { budget_credits: number; remaining_credits: number; refunded_credits: number | null; daily?: DailyResult[] };
  url: string;
  account?: MastodonAccount;
  status?: MastodonStatus | null;
}

function base(app: AppContext, r: PromotionRow): PromotionEntity {
  return {
    id: r.id,
    state: r.state,
    status_id: r.status_id,
    budget_credits: r.budget_credits,
    cpm_credits: r.cpm_credits,
    starts_at: new Date(r.starts_at).toISOString(),
    ends_at: new Date(r.ends_at).toISOString(),
    targets: { specialties: r.target_specialties, countries: r.target_countries, cities: r.target_cities, tags: r.target_tags },
    reviewed_at: r.reviewed_at?.toISOString() ?? null,
    checklist_confirmed: r.checklist_confirmed,
    rejection_reason: r.rejection_reason,
    ended_reason: r.ended_reason,
    created_at: r.created_at.toISOString(),
    results: promotionFigures(r),
    url: `${app.config.publicUrl}/promotions/${r.id}`,
  };
}

/** The promoter's promotions (the list has no daily breakdown). */
export function toPromotionEntities(app: AppContext, rows: PromotionRow[]): PromotionEntity[] {
  return rows.map((r) => base(app, r));
}

/** One promotion for its promoter, with its results day by day. */
export async function toPromotionDetail(app: AppContext, viewer: Viewer, row: PromotionRow): Promise<PromotionEntity> {
  const entity = base(app, row);
  entity.results.daily = await dailyResultsOf(app, viewer.accountId, row);
  return entity;
}

/** Promotions for the review queue: with the promoting account and the post as the moderator sees it. */
export async function toStaffPromotionEntities(app: AppContext, moderator: Viewer, rows: PromotionRow[]): Promise<PromotionEntity[]> {
  const accounts = new Map((await findAccountsByIds(app.db, [...new Set(rows.map((r) => r.account_id))])).map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const statusIds = rows.flatMap((r) => (r.status_id ? [r.status_id] : []));
  const statuses = new Map((await loadStatuses(app, statusIds, moderator)).map((s) => [s.id, s]));
  return rows.map((r) => ({ ...base(app, r), account: accounts.get(r.account_id)!, status: (r.status_id && statuses.get(r.status_id)) || null }));
}

/** The checklist as the API gives it (both languages). */
export function checklistEntity() {
  return ADVERTISING_CHECKLIST.map((i) => ({ code: i.code, title: i.title, detail: i.detail }));
}

/** An account's credits: balance and latest ledger entries, in credits. */
export function toCreditsEntity(s: CreditStatement) {
  return {
    account_id: s.accountId,
    balance_credits: s.balance / MILLIS_PER_CREDIT,
    entries: s.entries.map((e) => ({
      id: e.id,
      kind: e.kind,
      credits: Number(e.delta_millicredits) / MILLIS_PER_CREDIT,
      balance_after_credits: Number(e.balance_after_millicredits) / MILLIS_PER_CREDIT,
      promotion_id: e.promotion_id,
      note: e.note,
      created_at: e.created_at.toISOString(),
    })),
  };
}
