import type { MastodonAccount } from '../../accounts/accounts.serializer.js';
import { DIRECTORY_ORDERS, FILTER_NAMES, type DirectoryFilters, type DirectoryOrder } from '../../directory/directory.js';
import type { DirectoryCategories, DirectoryEntry } from '../../directory/directory.service.js';
import { bioExcerpt } from '../components/account-list.js';
import { AccountName, profilePath } from '../components/account-name.js';
import { formatNumber, t, type Lang } from '../i18n/i18n.js';
import { countryName, durationText } from '../practice/practice-format.js';

/** The default order of the directory page. */
export const DEFAULT_ORDER: DirectoryOrder = 'influence';

/** A shareable directory URL: the valid filters in a fixed order, the order and page when not the defaults. */
export function directoryHref(filters: DirectoryFilters, changes: { order?: DirectoryOrder; page?: number } = {}): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value === undefined || value === '' || value === false || (name === 'role' && value === 'all')) continue;
    params.set(name, String(value));
  }
  const order = changes.order ?? filters.order ?? DEFAULT_ORDER;
  if (order !== DEFAULT_ORDER) params.set('order', order);
  if (changes.page && changes.page > 1) params.set('page', String(changes.page));
  const query = params.toString();
  return query ? `/directory?${query}` : '/directory';
}

const count = (lang: Lang, n: number, one: Parameters<typeof t>[1], many: Parameters<typeof t>[1]) => (n === 1 ? t(lang, one) : t(lang, many, { count: formatNumber(lang, n) }));

/** "Médico/a · Cardiología" or "Clínica", and "Sevilla, España". */
function roleAndPlace(account: MastodonAccount, lang: Lang): string {
  const m = account.medired;
  const role = [m.profession_label[lang], m.specialty_label[lang], m.organization_type_label[lang]].filter(Boolean).join(' · ');
  const place = [m.city, m.country ? countryName(lang, m.country) : ''].filter(Boolean).join(', ');
  return [role, place].filter(Boolean).join(' — ');
}

/** One account of the directory: name, role and place, followers, influence, helpful answers, response time. */
export function DirectoryCard({ entry, lang }: { entry: DirectoryEntry; lang: Lang }) {
  const { account, stats } = entry;
  const bio = bioExcerpt(account, 140);
  return (
    <li class="card directory-card">
      <AccountName account={account} lang={lang} avatarSize={56} />
      <p class="directory-role">{roleAndPlace(account, lang)}</p>
      <ul class="directory-stats">
        <li>{count(lang, account.followers_count, 'directory.followersOne', 'directory.followers')}</li>
        {stats.influence !== null ? (
          <li>
            <a href={`${profilePath(account)}#influence`}>{t(lang, 'directory.influence', { score: formatNumber(lang, stats.influence) })}</a>
          </li>
        ) : null}
        {stats.helpfulAnswers > 0 ? <li>{count(lang, stats.helpfulAnswers, 'directory.helpfulOne', 'directory.helpful')}</li> : null}
        {stats.responseSeconds !== null ? <li>{t(lang, 'directory.responds', { time: durationText(lang, stats.responseSeconds) })}</li> : null}
        {stats.acceptsRequests ? <li class="directory-accepts">{t(lang, 'directory.acceptsRequests')}</li> : null}
      </ul>
      {bio ? <p class="account-bio">{bio}</p> : null}
    </li>
  );
}

/** The sort orders as links that keep the filters. */
export function SortLinks({ filters, order, lang }: { filters: DirectoryFilters; order: DirectoryOrder; lang: Lang }) {
  return (
    <nav class="directory-sort" aria-label={t(lang, 'directory.sort')}>
      <span class="directory-sort-label">{t(lang, 'directory.sort')}:</span>
      {DIRECTORY_ORDERS.map((o) => (
        <a href={directoryHref(filters, { order: o })} aria-current={o === order ? 'page' : undefined}>
          {t(lang, `directory.order.${o}`)}
        </a>
      ))}
    </nav>
  );
}

/** Previous / next page links, with where we are. */
export function PageLinks({ filters, page, pages, lang }: { filters: DirectoryFilters; page: number; pages: number; lang: Lang }) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination directory-pages" aria-label={t(lang, 'pagination.label')}>
      {page > 1 ? (
        <a href={directoryHref(filters, { page: page - 1 })} rel="prev">
          ← {t(lang, 'directory.previous')}
        </a>
      ) : null}
      <span>{t(lang, 'directory.page', { page, pages })}</span>
      {page < pages ? (
        <a href={directoryHref(filters, { page: page + 1 })} rel="next">
          {t(lang, 'directory.next')} →
        </a>
      ) : null}
    </nav>
  );
}

function Leaders({ accounts, lang }: { accounts: MastodonAccount[]; lang: Lang }) {
  if (accounts.length === 0) return null;
  return (
    <ul class="directory-leaders">
      {accounts.map((a) => (
        <li>
          <a href={profilePath(a)}>{a.display_name || a.username}</a> <span class="directory-leader-followers">{count(lang, a.followers_count, 'directory.followersOne', 'directory.followers')}</span>
        </li>
      ))}
    </ul>
  );
}

interface CategoryItem {
  href: string;
  name: string;
  count: number;
  leaders: MastodonAccount[];
}

function CategoryGroup({ id, title, items, lang }: { id: string; title: string; items: CategoryItem[]; lang: Lang }) {
  if (items.length === 0) return null;
  // A long group (the specialties) takes the whole width, in two columns, on wide screens.
  return (
    <section class={`directory-category-group${items.length > 8 ? ' directory-category-wide' : ''}`} aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul class="directory-category-list">
        {items.map((item) => (
          <li class="directory-category">
            <a class="directory-category-name" href={item.href}>
              {item.name}
            </a>{' '}
            <span class="directory-category-count">{count(lang, item.count, 'directory.categoryCountOne', 'directory.categoryCount')}</span>
            <Leaders accounts={item.leaders} lang={lang} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Every category with how many accounts it holds and its most followed accounts. */
export function Categories({ categories, lang }: { categories: DirectoryCategories; lang: Lang }) {
  const codes = (list: DirectoryCategories['specialties'], key: 'specialty' | 'profession' | 'organization_type'): CategoryItem[] =>
    list.map((c) => ({ href: directoryHref({ [key]: c.code } as DirectoryFilters), name: c.label[lang], count: c.accounts_count, leaders: c.leaders }));
  return (
    <section class="directory-categories" aria-labelledby="directory-categories">
      <h2 id="directory-categories" class="section-title">{t(lang, 'directory.categories')}</h2>
      <div class="directory-category-groups">
        <CategoryGroup id="cat-specialties" title={t(lang, 'directory.bySpecialty')} items={codes(categories.specialties, 'specialty')} lang={lang} />
        <CategoryGroup id="cat-professions" title={t(lang, 'directory.byProfession')} items={codes(categories.professions, 'profession')} lang={lang} />
        <CategoryGroup id="cat-organizations" title={t(lang, 'directory.byOrganizationType')} items={codes(categories.organization_types, 'organization_type')} lang={lang} />
        <CategoryGroup
          id="cat-places"
          title={t(lang, 'directory.byPlace')}
          items={categories.places.map((p) => ({ href: directoryHref({ city: p.city, ...(p.country ? { country: p.country } : {}) }), name: p.city, count: p.accounts_count, leaders: p.leaders }))}
          lang={lang}
        />
      </div>
    </section>
  );
}
