import type { AccountKind, VerificationStatus } from '../accounts/accounts.table.js';
import { hasStaffPower } from '../auth/staff-power.js';
import type { Viewer } from '../auth/viewer.js';

/**
 * Who may publish, edit and withdraw health alerts: one set of pure rules, asked by the service
 * before it acts and by the web pages to decide what to show. The rules:
 *
 * - publishing needs a verified organisation whose account is not suspended;
 * - editing is for the organisation that published the alert, while it is still up (neither
 *   withdrawn nor expired), and while it may still publish;
 * - withdrawing is for that organisation, or staff with staff power (`hasStaffPower`: the role
 *   and two-factor authentication), while the alert is still up;
 * - a suspended account may do none of this.
 */

/** The acting viewer, as the rules need it. */
export type AlertViewer = Pick<Viewer, 'accountId' | 'staffRole' | 'mfaEnabled' | 'suspended'>;

/** The acting account's columns the rules depend on (loaded by `findAlertActor`). */
export interface AlertActor {
  kind: AccountKind;
  verification_status: VerificationStatus;
  suspended_at: Date | null;
}

/** The alert's columns the rules depend on. */
export interface AlertFacts {
  account_id: string;
  expires_at: Date;
  withdrawn_at: Date | null;
}

/** Why an action is refused; `allowed` when it is not. The service maps each to an error. */
export type AlertDecision = 'allowed' | 'not_publisher' | 'not_author' | 'withdrawn' | 'ended';

/** True while an alert shows: not withdrawn and not expired. */
export function isAlertUp(alert: Pick<AlertFacts, 'expires_at' | 'withdrawn_at'>, now = Date.now()): boolean {
  return alert.withdrawn_at === null && alert.expires_at.getTime() > now;
}

/** May this viewer (whose account is `actor`) publish an alert? */
export function publishDecision(viewer: AlertViewer | null, actor: AlertActor | null | undefined): AlertDecision {
  if (!viewer || viewer.suspended || !actor) return 'not_publisher';
  if (actor.kind !== 'organization' || actor.verification_status !== 'verified' || actor.suspended_at) return 'not_publisher';
  return 'allowed';
}

/** May this viewer edit `alert`? */
export function editDecision(viewer: AlertViewer | null, actor: AlertActor | null | undefined, alert: AlertFacts, now = Date.now()): AlertDecision {
  if (!viewer || viewer.suspended || alert.account_id !== viewer.accountId) return 'not_author';
  if (alert.withdrawn_at) return 'withdrawn';
  if (!isAlertUp(alert, now)) return 'ended';
  return publishDecision(viewer, actor);
}

/** May this viewer withdraw `alert`? */
export function withdrawDecision(viewer: AlertViewer | null, alert: AlertFacts, now = Date.now()): AlertDecision {
  if (!viewer || viewer.suspended) return 'not_author';
  if (alert.account_id !== viewer.accountId && !hasStaffPower(viewer)) return 'not_author';
  if (alert.withdrawn_at) return 'withdrawn';
  if (!isAlertUp(alert, now)) return 'ended';
  return 'allowed';
}

export const mayPublishAlert = (viewer: AlertViewer | null, actor: AlertActor | null | undefined): boolean => publishDecision(viewer, actor) === 'allowed';
export const mayEditAlert = (viewer: AlertViewer | null, actor: AlertActor | null | undefined, alert: AlertFacts): boolean => editDecision(viewer, actor, alert) === 'allowed';
export const mayWithdrawAlert = (viewer: AlertViewer | null, alert: AlertFacts): boolean => withdrawDecision(viewer, alert) === 'allowed';
