import type { AccountKind, VerificationStatus } from '../accounts/accounts.table.js';
import type { Visibility } from '../posts/posts.table.js';
import type { PromotionState } from './promotions.table.js';

/**
 * Who may promote what, who reviews, and who sees a promotion: one set of pure rules, asked by the
 * service before it acts and by the pages to decide what to show.
 *
 * - Promoting and holding credits is for verified professionals and organisations that are not
 *   suspended (health advertising needs an identified advertiser).
 * - What is promoted is one's own public, original post or article: not a reply, not a repost,
 *   not hidden by a moderator, and not a private message (never: messages are `direct`) or a
 *   group post (never: group posts are not statuses).
 * - Only the promoter reads its promotions and results; anyone else gets a 404. Moderators read
 *   them through the review queue (staff power, checked at the route boundary).
 * - A promoter cancels a promotion that is pending or approved; moderators decide pending ones.
 *
 * Delivery (who is shown a running promotion) is written in SQL in `promotions.repository.ts`
 * (`findDeliveryCandidate`), with its rules listed there; accounts record no age or birth date,
 * so no account can be known to be a minor (see the README).
 */

export interface PromoterFacts {
  kind: AccountKind;
  verification_status: VerificationStatus;
  suspended: boolean;
}

export type PromoterDecision = 'allowed' | 'not_practitioner' | 'not_verified' | 'suspended';

export function promoterDecision(account: PromoterFacts | undefined): PromoterDecision {
  if (!account || account.kind === 'patient') return 'not_practitioner';
  if (account.suspended) return 'suspended';
  if (account.verification_status !== 'verified') return 'not_verified';
  return 'allowed';
}

/** Whether the account may promote posts and receive credits (pages show the promotions link by it). */
export const mayPromote = (account: PromoterFacts | undefined): boolean => promoterDecision(account) === 'allowed';

/** Professionals and organisations may be granted credits (verified or not: they may verify later). */
export const mayHoldCredits = (account: { kind: AccountKind } | undefined): boolean => account !== undefined && account.kind !== 'patient';

export interface PromotableFacts {
  account_id: string;
  visibility: Visibility;
  in_reply_to_id: string | null;
  reblog_of_id: string | null;
  hidden_at: Date | null;
}

export type PromotableDecision = 'allowed' | 'not_found' | 'not_own' | 'not_public' | 'reply' | 'reblog' | 'hidden';

/** May `accountId` promote this status? */
export function promotableDecision(accountId: string, status: PromotableFacts | undefined): PromotableDecision {
  if (!status) return 'not_found';
  if (status.account_id !== accountId) return 'not_own';
  if (status.reblog_of_id !== null) return 'reblog';
  if (status.visibility !== 'public') return 'not_public';
  if (status.in_reply_to_id !== null) return 'reply';
  if (status.hidden_at !== null) return 'hidden';
  return 'allowed';
}

/** The promoter cancels what has not ended. */
export const mayCancel = (accountId: string, p: { account_id: string; state: PromotionState }): boolean => p.account_id === accountId && (p.state === 'pending' || p.state === 'approved');

/** Moderators decide pending promotions only. */
export const mayReview = (p: { state: PromotionState }): boolean => p.state === 'pending';
