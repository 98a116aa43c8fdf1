import type { AccountKind } from '../accounts/accounts.table.js';
import { hasStaffPower } from '../auth/staff-power.js';
import type { Viewer } from '../auth/viewer.js';
import type { ComplaintState, ComplaintVisibility } from './complaints.table.js';

/**
 * Who may do what with complaints: pure rules, asked by the service before it acts and by the
 * pages to decide what to show. The rules:
 *
 * - A signed-in, not suspended account opens a complaint about a professional or an organisation
 *   (never a patient, never itself, never a suspended account), at most one still under way (open
 *   or answered) per complainant and target, and at most `COMPLAINTS_PER_DAY` filed a day (counted
 *   from the complaints themselves, so a refused or corrected attempt costs nothing).
 * - Blocks: a complainant who blocks the target must unblock it first. When the TARGET blocks
 *   the complainant, a private complaint is refused (a neutral message, as a private message
 *   would be), but a PUBLIC complaint is still allowed: a block must not be a way to silence
 *   public complaints.
 * - Reading: a public complaint that moderators have not removed is read by anyone, visitors
 *   included. A private one (and a removed one) only by the complainant, the target and staff
 *   with staff power (`hasStaffPower`); staff reading a private complaint is audited.
 * - The thread: the complainant and the target write in it while the complaint is open or
 *   answered and not removed; a private complaint's thread follows blocks (either way), a
 *   public one does not (the target answers in public even when blocked).
 * - Only the target moves a complaint to a private conversation; only the complainant marks it
 *   resolved; only moderators remove or close it (each with a reason). NOBODY else removes,
 *   hides or edits a complaint: there is no such action for the target at all.
 */

export type ComplaintViewer = Pick<Viewer, 'accountId' | 'staffRole' | 'mfaEnabled' | 'suspended'>;

/** The complaint's columns the rules depend on. */
export interface ComplaintFacts {
  complainant_id: string;
  target_id: string;
  visibility: ComplaintVisibility;
  state: ComplaintState;
  removed_at: Date | null;
}

/** The target account's columns the rules depend on. */
export interface TargetFacts {
  id: string;
  kind: AccountKind;
  suspended_at: Date | null;
}

/** Blocks between the complainant and the target. */
export interface BlockFacts {
  complainantBlocksTarget: boolean;
  targetBlocksComplainant: boolean;
}

/** How a viewer reads a complaint: as a party, as staff, as the public, or not at all. */
export type ReadAccess = 'complainant' | 'target' | 'staff' | 'public' | 'none';

export function readAccess(viewer: ComplaintViewer | null, c: ComplaintFacts): ReadAccess {
  if (viewer && !viewer.suspended) {
    if (viewer.accountId === c.complainant_id) return 'complainant';
    if (viewer.accountId === c.target_id) return 'target';
  }
  if (hasStaffPower(viewer)) return 'staff';
  if (c.visibility === 'public' && !c.removed_at) return 'public';
  return 'none';
}

export const isParty = (access: ReadAccess) => access === 'complainant' || access === 'target';
/** A complaint still under way: the parties write in it, the complainant may resolve it. */
export const isUnderWay = (c: Pick<ComplaintFacts, 'state' | 'removed_at'>) => !c.removed_at && (c.state === 'open' || c.state === 'answered');

export type OpenDecision = 'allowed' | 'not_signed_in' | 'self' | 'not_complainable' | 'unblock_first' | 'private_refused' | 'already_open' | 'daily_limit';

/** Complaints one account may file in 24 hours. */
export const COMPLAINTS_PER_DAY = 3;

/** May `viewer` open a complaint of `visibility` about `target`? */
export function openDecision(viewer: ComplaintViewer | null, target: TargetFacts | undefined, visibility: ComplaintVisibility, blocks: BlockFacts, hasOneUnderWay: boolean, filedLastDay = 0): OpenDecision {
  if (!viewer || viewer.suspended) return 'not_signed_in';
  if (!target || target.suspended_at) return 'not_complainable';
  if (target.id === viewer.accountId) return 'self';
  if (target.kind === 'patient') return 'not_complainable';
  if (blocks.complainantBlocksTarget) return 'unblock_first';
  // The target's block refuses private contact only; a public complaint stays possible.
  if (blocks.targetBlocksComplainant && visibility === 'private') return 'private_refused';
  if (hasOneUnderWay) return 'already_open';
  if (filedLastDay >= COMPLAINTS_PER_DAY) return 'daily_limit';
  return 'allowed';
}

/** Whether the profile of `target` offers "Presentar una reclamación" to `viewer` (a refusal is explained on the form). */
export function mayOfferComplaint(viewer: ComplaintViewer | null, target: TargetFacts): boolean {
  return target.kind !== 'patient' && !target.suspended_at && viewer?.accountId !== target.id;
}

export type ThreadDecision = 'allowed' | 'not_party' | 'only_target' | 'only_complainant' | 'finished' | 'blocked';

/** May `viewer` write in the thread of `c`? `blockedEitherWay`: a block between the two parties. */
export function entryDecision(viewer: ComplaintViewer | null, c: ComplaintFacts, blockedEitherWay: boolean): ThreadDecision {
  if (!viewer || viewer.suspended) return 'not_party';
  const access = readAccess(viewer, c);
  if (!isParty(access)) return 'not_party';
  if (!isUnderWay(c)) return 'finished';
  if (c.visibility === 'private' && blockedEitherWay) return 'blocked';
  return 'allowed';
}

/** Only the target moves a complaint under way to a private conversation (again: the same one). */
export function moveDecision(viewer: ComplaintViewer | null, c: ComplaintFacts): ThreadDecision {
  if (!viewer || viewer.suspended) return 'not_party';
  if (viewer.accountId !== c.target_id) return viewer.accountId === c.complainant_id ? 'only_target' : 'not_party';
  if (!isUnderWay(c)) return 'finished';
  return 'allowed';
}

/** Only the complainant marks a complaint under way as resolved. */
export function resolveDecision(viewer: ComplaintViewer | null, c: ComplaintFacts): ThreadDecision {
  if (!viewer || viewer.suspended) return 'not_party';
  if (viewer.accountId !== c.complainant_id) return viewer.accountId === c.target_id ? 'only_complainant' : 'not_party';
  if (!isUnderWay(c)) return 'finished';
  return 'allowed';
}

export type ModerationDecision = 'allowed' | 'not_staff' | 'already';

/** Moderators (staff power) remove a complaint once: it stays in the database, hidden from the public. */
export function removeDecision(viewer: ComplaintViewer | null, c: ComplaintFacts): ModerationDecision {
  if (!hasStaffPower(viewer)) return 'not_staff';
  return c.removed_at ? 'already' : 'allowed';
}

/** Moderators close a complaint that is not closed yet. */
export function closeDecision(viewer: ComplaintViewer | null, c: ComplaintFacts): ModerationDecision {
  if (!hasStaffPower(viewer)) return 'not_staff';
  return c.state === 'closed' ? 'already' : 'allowed';
}
