import { missingStaffPower } from '../../auth/staff-power.js';
import type { Viewer } from '../../auth/viewer.js';
import { AppError } from '../../errors.js';
import { t, type Lang } from '../i18n/i18n.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';

/** The stylesheet of the trust & safety pages (`head` of their page meta). */
export const moderationHead = <link rel="stylesheet" href={staticUrl('moderation.css')} />;

/**
 * The staff rule of the API routes (`auth: 'moderator' | 'admin'`) for pages: staff power
 * (`hasStaffPower`: the role and a second factor enabled). Throws 403 otherwise, saying what is
 * missing (the caller redirects anonymous visitors first).
 */
export function assertStaff(viewer: Viewer, role: 'moderator' | 'admin'): void {
  if (viewer.mfaPending) throw new AppError('mfa_required', 'Enter your two-factor authentication code first');
  const missing = missingStaffPower(viewer, role);
  if (missing === 'role') throw new AppError('forbidden', role === 'admin' ? 'This page is for administrators' : 'This page is for moderators', { key: role === 'admin' ? 'staff.adminsOnly' : 'staff.moderatorsOnly' });
  if (missing === 'suspended') throw new AppError('forbidden', 'Your account is suspended', { key: 'staff.suspended' });
  if (missing) throw new AppError('forbidden', 'Staff pages require two-factor authentication: enable it in /settings/security first', { key: 'staff.needsMfa' });
}

/** A path with a `?notice=` code for the page to show after a redirect. */
export function withNotice(path: string, notice: string): string {
  const url = new URL(path, 'http://local');
  url.searchParams.set('notice', notice);
  return `${url.pathname}${url.search}`;
}

/** The moderation sections, shown at the top of every staff page. */
export function AdminNav({ lang, viewer, current }: { lang: Lang; viewer: Viewer; current: 'verification' | 'reports' | 'appeals' | 'audit' | 'promotions' | 'credits' }) {
  const links = [
    { key: 'verification', href: '/admin/verification', label: t(lang, 'admin.nav.verification') },
    { key: 'reports', href: '/admin/reports', label: t(lang, 'admin.nav.reports') },
    { key: 'appeals', href: '/admin/appeals', label: t(lang, 'admin.nav.appeals') },
    { key: 'audit', href: '/admin/audit_log', label: t(lang, 'admin.nav.audit') },
    { key: 'promotions', href: '/admin/promotions', label: t(lang, 'admin.nav.promotions') },
    ...(viewer.staffRole === 'admin' ? [{ key: 'credits', href: '/admin/promotions/credits', label: t(lang, 'admin.nav.credits') }] : []),
  ];
  return (
    <nav class="settings-nav" aria-label={t(lang, 'admin.nav')}>
      {links.map((l) => (
        <a href={l.href} aria-current={l.key === current ? 'page' : undefined}>
          {l.label}
        </a>
      ))}
    </nav>
  );
}
