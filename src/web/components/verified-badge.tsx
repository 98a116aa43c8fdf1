import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import { t, type Lang } from '../i18n/i18n.js';

/** The specialty (or profession, or organisation type) label of an account in `lang`, if any. */
export function roleLabel(account: MastodonAccount, lang: Lang): string | null {
  const m = account.medired;
  return m.specialty_label[lang] ?? m.profession_label[lang] ?? m.organization_type_label[lang] ?? null;
}

/**
 * The verified badge: a check mark, "Verificado" for screen readers and the specialty label.
 * Renders nothing for accounts that are not verified.
 */
export function VerifiedBadge({ account, lang }: { account: MastodonAccount; lang: Lang }) {
  if (!account.medired.verified) return null;
  const label = roleLabel(account, lang);
  const title = t(lang, account.medired.kind === 'organization' ? 'badge.verifiedOrgTitle' : 'badge.verifiedTitle');
  return (
    <span class="verified-badge" title={title}>
      <svg class="verified-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M12 1.5l2.6 1.9 3.2-.2 1 3.1 2.6 1.9-1 3.1 1 3.1-2.6 1.9-1 3.1-3.2-.2L12 22.5l-2.6-1.9-3.2.2-1-3.1-2.6-1.9 1-3.1-1-3.1 2.6-1.9 1-3.1 3.2.2z" />
        <path fill="#fff" d="M10.4 15.6l-3-3 1.3-1.3 1.7 1.7 4.9-4.9 1.3 1.3z" />
      </svg>
      <span class="visually-hidden">{t(lang, 'badge.verified')}</span>
      {label ? <span class="verified-label">{label}</span> : null}
    </span>
  );
}
