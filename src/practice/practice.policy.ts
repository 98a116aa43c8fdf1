import type { AccountKind } from '../accounts/accounts.table.js';

/**
 * Who has a practice: professionals and organisations (patients do not), while their account is
 * not suspended. The one home of this rule, asked by the service before it saves and by the
 * pages to decide what to show.
 */
export interface PracticeOwnerFacts {
  kind: AccountKind;
  suspended_at: Date | null;
}

export type PracticeDecision = 'allowed' | 'not_practitioner';

export function editPracticeDecision(account: PracticeOwnerFacts | undefined): PracticeDecision {
  if (!account || account.kind === 'patient' || account.suspended_at) return 'not_practitioner';
  return 'allowed';
}

/** Whether an account of this kind shows practice information at all. */
export const hasPractice = (account: { kind: AccountKind }): boolean => account.kind !== 'patient';
