import type { Viewer } from './viewer.js';
/** Staff power is the staff role AND two-factor authentication: one rule for every service. */
export function hasStaffPower(viewer: Pick<Viewer, 'staffRole' | 'mfaEnabled' | 'suspended'> | null | undefined, role: 'moderator' | 'admin' = 'moderator'): boolean {
  if (!viewer || viewer.suspended || !viewer.mfaEnabled) return false;
  return role === 'admin' ? viewer.staffRole === 'admin' : viewer.staffRole === 'moderator' || viewer.staffRole === 'admin';
}
