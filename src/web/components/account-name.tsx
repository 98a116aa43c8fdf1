import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import type { Lang } from '../i18n/i18n.js';
import { VerifiedBadge } from './verified-badge.js';

/** The web path of a profile. */
export const profilePath = (account: Pick<MastodonAccount, 'acct'>) => `/@${account.acct}`;

export function Avatar({ account, size = 48 }: { account: MastodonAccount; size?: number }) {
  return <img class="avatar" src={account.avatar} alt="" width={size} height={size} loading="lazy" decoding="async" />;
}

/**
 * An account's name as it shows everywhere: avatar, display name, verified badge with specialty,
 * and @handle, linked to the profile. Use this wherever a name appears.
 */
export function AccountName(props: { account: MastodonAccount; lang: Lang; avatarSize?: number; link?: boolean; avatar?: boolean }) {
  const { account, lang } = props;
  const inner = (
    <>
      {props.avatar === false ? null : <Avatar account={account} size={props.avatarSize ?? 48} />}
      <span class="account-name-text">
        <span class="display-name-line">
          <bdi class="display-name">{account.display_name || account.username}</bdi>
          <VerifiedBadge account={account} lang={lang} />
        </span>
        <span class="handle">@{account.acct}</span>
      </span>
    </>
  );
  return props.link === false ? <span class="account-name">{inner}</span> : (
    <a class="account-name" href={profilePath(account)}>
      {inner}
    </a>
  );
}
