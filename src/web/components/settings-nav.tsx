import { t, type Lang } from '../i18n/i18n.js';

export type SettingsTab = 'profile' | 'security' | 'notifications' | 'messages' | 'practice' | 'verification';

/** The tabs of the settings pages; verification only for professionals and organisations. */
export function SettingsNav(props: { lang: Lang; current: SettingsTab; showVerification: boolean }) {
  const { lang, current } = props;
  const tabs: { tab: SettingsTab; href: string; label: string }[] = [
    { tab: 'profile', href: '/settings/profile', label: t(lang, 'settings.profile') },
    { tab: 'security', href: '/settings/security', label: t(lang, 'settings.security') },
    { tab: 'notifications', href: '/settings/notifications', label: t(lang, 'settings.notifications') },
    { tab: 'messages', href: '/settings/messages', label: t(lang, 'nav.messages') },
    // Practice information (src/practice/): professionals and organisations, as verification.
    ...(props.showVerification ? [{ tab: 'practice' as const, href: '/settings/practice', label: t(lang, 'practice.title') }] : []),
    ...(props.showVerification ? [{ tab: 'verification' as const, href: '/settings/verification', label: t(lang, 'settings.verification') }] : []),
  ];
  return (
    <nav class="settings-nav" aria-label={t(lang, 'settings.title')}>
      {tabs.map((item) => (
        <a href={item.href} aria-current={item.tab === current ? 'page' : undefined}>
          {item.label}
        </a>
      ))}
    </nav>
  );
}
