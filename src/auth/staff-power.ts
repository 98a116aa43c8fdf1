import type { Viewer } from './viewer.js';
/** Staff power is the staff role AND two-factor authentication: one rule for every service. */
export function hasStaffPower(viewer: Pick<Viewer, 'staffRole' | 'mfaEnabled' | 'suspended'> | null | undefined, role: 'moderator' | 'admin' = 'moderator'): boolean {
  if (!viewer || viewer.suspended || !viewer.mfaEnabled) return false;
  return role === 'admin' ? viewer.staffRole === 'admin' : viewer.staffRole === 'moderator' || viewer.staffRole === 'admin';
}

/**
 * Why `hasStaffPower(viewer, role)` is false, so an entrance can say what is missing (the staff
 * role, the second factor, or an active account); null when the viewer has the power.
 */
export function missingStaffPower(viewer: Pick<Viewer, 'staffRole' | 'mfaEnabled' | 'suspended'>, role: 'moderator' | 'admin' = 'moderator'): 'role' | 'second_factor' | 'suspended' | null {
  if (hasStaffPower(viewer, role)) return null;
  if (!hasStaffPower({ staffRole: viewer.staffRole, mfaEnabled: true, suspended: false }, role)) return 'role';
  return viewer.suspended ? 'suspended' : 'second_factor';
}
