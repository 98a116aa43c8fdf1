import type { AccountKind } from '../accounts/accounts.table.js';
import type { CareRequestState } from './care-requests.js';

/**
 * Who may send, see, answer and close care requests: one set of pure rules, asked by the service
 * before it acts and by the pages to decide what to show.
 *
 * - The target is a professional or organisation whose practice accepts online requests.
 * - Nobody sends a request to themselves.
 * - A block in either direction refuses the request, with the same answer whoever blocked (so a
 *   block is never revealed); a suspended target is refused the same way.
 * - A suspended account sends nothing (the route boundary refuses it too).
 * - At most `MAX_REQUESTS_PER_DAY` requests per requester in 24 hours, and at most one open
 *   (new or answered) request per requester and target.
 * - Only the two parties see a request (staff do not: the conversation's report is their way in).
 *   Anyone else gets a 404, as for an id that does not exist.
 * - Only the target answers; either party closes an open request.
 */
export const MAX_REQUESTS_PER_DAY = 10;

export interface TargetFacts {
  kind: AccountKind;
  suspended: boolean;
  acceptsOnlineRequests: boolean;
}

export interface PairFacts {
  /** A block in either direction between requester and target. */
  blocked: boolean;
  /** The requester has a request to this target that is not closed. */
  openRequest: boolean;
  /** Requests the requester sent in the last 24 hours. */
  sentLastDay: number;
}

export type CreateDecision = 'allowed' | 'suspended' | 'self' | 'unavailable' | 'not_accepting' | 'open_exists' | 'daily_limit';

/** May `requester` send a care request to `target`? */
export function createDecision(requester: { id: string; suspended: boolean }, target: (TargetFacts & { id: string }) | undefined, pair: PairFacts): CreateDecision {
  if (requester.suspended) return 'suspended';
  if (!target) return 'not_accepting';
  if (target.id === requester.id) return 'self';
  if (pair.blocked || target.suspended) return 'unavailable';
  if (target.kind === 'patient' || !target.acceptsOnlineRequests) return 'not_accepting';
  if (pair.openRequest) return 'open_exists';
  if (pair.sentLastDay >= MAX_REQUESTS_PER_DAY) return 'daily_limit';
  return 'allowed';
}

export interface RequestParties {
  requester_id: string;
  target_id: string;
  state: CareRequestState;
}

/** The viewer's side of a request, or null when they are not one of its two parties. */
export function sideOf(accountId: string, request: RequestParties): 'requester' | 'target' | null {
  if (request.requester_id === accountId) return 'requester';
  if (request.target_id === accountId) return 'target';
  return null;
}

export type ActDecision = 'allowed' | 'not_party' | 'not_target' | 'closed';

/** Answering is for the target, while the request is open. */
export function answerDecision(accountId: string, request: RequestParties): ActDecision {
  const side = sideOf(accountId, request);
  if (!side) return 'not_party';
  if (side !== 'target') return 'not_target';
  if (request.state === 'closed') return 'closed';
  return 'allowed';
}

/** Closing is for either party, while the request is open. */
export function closeDecision(accountId: string, request: RequestParties): ActDecision {
  if (!sideOf(accountId, request)) return 'not_party';
  if (request.state === 'closed') return 'closed';
  return 'allowed';
}

export const mayAnswer = (accountId: string, request: RequestParties): boolean => answerDecision(accountId, request) === 'allowed';
export const mayClose = (accountId: string, request: RequestParties): boolean => closeDecision(accountId, request) === 'allowed';
