import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import { htmlToText } from '../../text/markdown.js';
import type { Lang } from '../i18n/i18n.js';
import { AccountName } from './account-name.js';

/** A plain-text excerpt of an account's bio. */
export function bioExcerpt(account: MastodonAccount, max = 160): string {
  const text = htmlToText(account.note).replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** A list of accounts (followers, following, search results) with name, badge and bio excerpt. */
export function AccountList(props: { accounts: MastodonAccount[]; lang: Lang; empty: string }) {
  if (props.accounts.length === 0) return <p class="empty-state">{props.empty}</p>;
  return (
    <ul class="account-list">
      {props.accounts.map((a) => {
        const bio = bioExcerpt(a);
        return (
          <li>
            <AccountName account={a} lang={props.lang} />
            {bio ? <p class="account-bio">{bio}</p> : null}
          </li>
        );
      })}
    </ul>
  );
}
