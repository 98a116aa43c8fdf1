import { defineRoute, type AnyRoute } from '../http/route.js';
import { linkHeader } from '../http/pagination.js';
import { idParams } from '../http/schemas.js';
import { checklistEntity, toCreditsEntity, toPromotionDetail, toPromotionEntities, toStaffPromotionEntities } from './promotion-entity.js';
import { creditStatement, grantCredits } from './promotion-credits.service.js';
import { PROMOTION_RATE_LIMITS } from './promotion-limits.js';
import { approvePromotionInput, createPromotionInput, creditsQuery, grantCreditsInput, promotionListQuery, rejectPromotionInput } from './promotions.js';
import {
  approvePromotion,
  cancelPromotion,
  createPromotion,
  getOwnPromotion,
  getPromotionForStaff,
  listOwnPromotions,
  listPromotionsForReview,
  rejectPromotion,
} from './promotions.service.js';

const tags = ['promotions'];
const base = '/api/v1/medired/promotions';
const admin = '/api/v1/medired/admin/promotions';

const list = defineRoute({
  method: 'get',
  path: base,
  summary: 'Your promotions, newest first, with their results (filter by state); Link header pagination',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  query: promotionListQuery,
  handler: async ({ c, app, viewer, query }) => {
    const rows = await listOwnPromotions(app, viewer!, query);
    const link = linkHeader(c.req.url, rows.map((r) => r.id));
    if (link) c.header('Link', link);
    return toPromotionEntities(app, rows);
  },
});

const create = defineRoute({
  method: 'post',
  path: base,
  summary: 'Promote one of your public posts or articles (verified professionals and organisations): budget in credits, reserved at once; dates; targets. It waits for a moderator to check it against the health-advertising checklist',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  body: createPromotionInput,
  errors: ['forbidden', 'not_found'],
  rateLimits: PROMOTION_RATE_LIMITS,
  handler: async ({ app, viewer, body }) => toPromotionDetail(app, viewer!, await createPromotion(app, viewer!, body)),
});

const credits = defineRoute({
  method: 'get',
  path: `${base}/credits`,
  summary: 'Your promotion credits: balance and latest ledger entries (grants, reservations, refunds)',
  tags,
  auth: 'user',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => toCreditsEntity(await creditStatement(app, viewer!.accountId)),
});

const checklist = defineRoute({
  method: 'get',
  path: `${base}/checklist`,
  summary: 'The health-advertising checklist every promotion is reviewed against (Spanish and English)',
  tags,
  auth: 'none',
  handler: async () => checklistEntity(),
});

const show = defineRoute({
  method: 'get',
  path: `${base}/:id{[0-9]+}`,
  summary: 'One of your promotions with its results: impressions, clicks, CTR, spend, what is left, day by day; a rejection says why',
  tags,
  auth: 'user',
  scope: 'read:statuses',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => toPromotionDetail(app, viewer!, await getOwnPromotion(app, viewer!, params.id)),
});

const cancel = defineRoute({
  method: 'post',
  path: `${base}/:id{[0-9]+}/cancel`,
  summary: 'Stop one of your promotions (pending or running); the credits it did not spend come back',
  tags,
  auth: 'user',
  scope: 'write:statuses',
  params: idParams,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params }) => toPromotionDetail(app, viewer!, await cancelPromotion(app, viewer!, params.id)),
});

const queue = defineRoute({
  method: 'get',
  path: admin,
  summary: 'Promotions for moderators: the review queue (pending, oldest first) or another state, with the post, the promoter and the checklist',
  tags,
  auth: 'moderator',
  scope: 'admin:read:reports',
  query: promotionListQuery,
  handler: async ({ app, viewer, query }) => ({ checklist: checklistEntity(), promotions: await toStaffPromotionEntities(app, viewer!, await listPromotionsForReview(app, query)) }),
});

const staffShow = defineRoute({
  method: 'get',
  path: `${admin}/:id{[0-9]+}`,
  summary: 'One promotion for moderators, with the post and the promoter',
  tags,
  auth: 'moderator',
  scope: 'admin:read:reports',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => (await toStaffPromotionEntities(app, viewer!, [await getPromotionForStaff(app, params.id)]))[0],
});

const approve = defineRoute({
  method: 'post',
  path: `${admin}/:id{[0-9]+}/approve`,
  summary: 'Approve a pending promotion: `checklist[]` must confirm every item of the advertising checklist (recorded); `cpm_credits` overrides the default cost per thousand impressions; audited',
  tags,
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: idParams,
  body: approvePromotionInput,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params, body }) => (await toStaffPromotionEntities(app, viewer!, [await approvePromotion(app, viewer!, params.id, body)]))[0],
});

const reject = defineRoute({
  method: 'post',
  path: `${admin}/:id{[0-9]+}/reject`,
  summary: 'Reject a pending promotion with a reason the promoter reads; its budget comes back; audited',
  tags,
  auth: 'moderator',
  scope: 'admin:write:reports',
  params: idParams,
  body: rejectPromotionInput,
  errors: ['not_found', 'conflict'],
  handler: async ({ app, viewer, params, body }) => (await toStaffPromotionEntities(app, viewer!, [await rejectPromotion(app, viewer!, params.id, body.reason)]))[0],
});

const adminCredits = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/promotion_credits',
  summary: "An account's promotion credits: balance and ledger (administrators)",
  tags,
  auth: 'admin',
  scope: 'admin:read:accounts',
  query: creditsQuery,
  handler: async ({ app, query }) => toCreditsEntity(await creditStatement(app, query.account_id)),
});

const grant = defineRoute({
  method: 'post',
  path: '/api/v1/medired/admin/promotion_credits',
  summary: 'Grant promotion credits to a professional or organisation (administrators; no payment involved); ledger and audit entries',
  tags,
  auth: 'admin',
  scope: 'admin:write:accounts',
  body: grantCreditsInput,
  errors: ['not_found'],
  handler: async ({ app, viewer, body }) => toCreditsEntity(await grantCredits(app, viewer!, body)),
});

/** Promoted posts' JSON API (`/credits` and `/checklist` before `/:id`). */
export const promotionRoutes: AnyRoute[] = [list, create, credits, checklist, show, cancel, queue, staffShow, approve, reject, adminCredits, grant];
