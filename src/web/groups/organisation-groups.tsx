import type { AppContext } from '../../app-context.js';
import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import { findGroupsOfOrganisation } from '../../groups/groups.repository.js';
import { t, type Lang } from '../i18n/i18n.js';
import { staticUrl } from '../static.js';
import { VisibilityBadge } from './group-parts.js';

/**
 * The "Grupos" section of an organisation's profile: the groups it runs from its page (private
 * ones by name only, as the directory shows them). Nothing for other accounts: a person's
 * memberships are never shown on their profile.
 */
export async function OrganisationGroups({ app, account, lang }: { app: AppContext; account: MastodonAccount; lang: Lang }) {
  if (account.medired.kind !== 'organization') return null;
  const groups = await findGroupsOfOrganisation(app.db, account.id);
  if (groups.length === 0) return null;
  return (
    <section class="card org-groups" aria-labelledby="org-groups">
      <link rel="stylesheet" href={staticUrl('groups.css')} />
      <h2 id="org-groups" class="section-title">{t(lang, 'groups.onOrgProfile')}</h2>
      <ul class="plain-list">
        {groups.map((g) => (
          <li>
            <a href={`/groups/${g.slug}`}>{g.name}</a> <VisibilityBadge lang={lang} visibility={g.visibility} />
          </li>
        ))}
      </ul>
    </section>
  );
}
