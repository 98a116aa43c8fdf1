import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES } from '../../accounts/specialties.js';
import { isFiltered, readDirectoryFilters, type DirectoryFilters } from '../../directory/directory.js';
import { directoryCategories, healthDirectory, DIRECTORY_MAX_OFFSET } from '../../directory/directory.service.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { COMMON_LANGUAGES } from '../../practice/practice.js';
import { countryOptions } from '../components/countries.js';
import { formatNumber, t, type Lang } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import { languageName } from '../practice/practice-format.js';
import { staticUrl } from '../static.js';
import { Categories, DEFAULT_ORDER, DirectoryCard, directoryHref, PageLinks, SortLinks } from './directory-parts.js';

const PAGE_SIZE = 20;
const MAX_PAGE = Math.floor(DIRECTORY_MAX_OFFSET / PAGE_SIZE) + 1;

const optionsOf = (list: Record<string, { es: string; en: string }>, lang: Lang) =>
  Object.entries(list)
    .map(([value, label]) => ({ value, label: label[lang] }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));

function Select(props: { name: string; label: string; any: string; value: string | undefined; options: { value: string; label: string }[] }) {
  const id = `d-${props.name}`;
  return (
    <div class="directory-field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name}>
        <option value="">{props.any}</option>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === props.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The filters as one GET form: a shareable URL, no script needed. Rarer filters fold away on phones. */
function FilterForm({ filters, lang }: { filters: DirectoryFilters; lang: Lang }) {
  const more = Boolean((filters.role && filters.role !== 'all') || filters.profession || filters.organization_type || filters.country || filters.language || filters.verified || filters.accepts_requests);
  return (
    <form method="get" action="/directory" class="card directory-filters" role="search" aria-label={t(lang, 'directory.title')}>
      <div class="directory-field directory-field-q">
        <label for="d-q">{t(lang, 'directory.q')}</label>
        <input id="d-q" name="q" type="search" value={filters.q ?? ''} maxlength={200} placeholder={t(lang, 'directory.qPlaceholder')} />
      </div>
      <Select name="specialty" label={t(lang, 'directory.specialty')} any={t(lang, 'directory.anySpecialty')} value={filters.specialty} options={optionsOf(SPECIALTIES, lang)} />
      <div class="directory-field">
        <label for="d-city">{t(lang, 'directory.city')}</label>
        <input id="d-city" name="city" type="text" value={filters.city ?? ''} maxlength={100} autocomplete="address-level2" placeholder={t(lang, 'directory.cityPlaceholder')} />
      </div>
      <details class="directory-more" open={more}>
        <summary>{t(lang, 'directory.moreFilters')}</summary>
        <div class="directory-field">
          <label for="d-role">{t(lang, 'directory.role')}</label>
          <select id="d-role" name="role">
            {(['all', 'professional', 'organization'] as const).map((r) => (
              <option value={r} selected={(filters.role ?? 'all') === r}>
                {t(lang, `directory.role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <Select name="profession" label={t(lang, 'directory.profession')} any={t(lang, 'directory.anyProfession')} value={filters.profession} options={optionsOf(PROFESSIONS, lang)} />
        <Select name="organization_type" label={t(lang, 'directory.organizationType')} any={t(lang, 'directory.anyOrganizationType')} value={filters.organization_type} options={optionsOf(ORGANIZATION_TYPES, lang)} />
        <Select name="country" label={t(lang, 'directory.country')} any={t(lang, 'directory.anyCountry')} value={filters.country} options={countryOptions(lang)} />
        <Select name="language" label={t(lang, 'directory.language')} any={t(lang, 'directory.anyLanguage')} value={filters.language} options={COMMON_LANGUAGES.map((code) => ({ value: code, label: languageName(lang, code) }))} />
        <label class="check-field">
          <input type="checkbox" name="verified" value="true" checked={filters.verified === true} />
          <span>{t(lang, 'directory.verified')}</span>
        </label>
        <label class="check-field">
          <input type="checkbox" name="accepts_requests" value="true" checked={filters.accepts_requests === true} />
          <span>{t(lang, 'directory.accepting')}</span>
        </label>
      </details>
      {filters.order && filters.order !== DEFAULT_ORDER ? <input type="hidden" name="order" value={filters.order} /> : null}
      <div class="directory-actions">
        <button type="submit" class="button">{t(lang, 'directory.submit')}</button>
        {isFiltered(filters) ? <a href={directoryHref({ ...(filters.order ? { order: filters.order } : {}) })}>{t(lang, 'directory.clear')}</a> : null}
      </div>
    </form>
  );
}

/**
 * `/directory`: the public catalogue of professionals and organisations. Without filters it
 * shows every category (how many accounts, the most followed) above all accounts; with filters,
 * the matching accounts. Sorted by influence unless another order is chosen; 20 per page. A
 * request whose query is not the canonical one (empty fields, unknown values, another order of
 * parameters) is redirected to it, so every result page has one short URL to share.
 */
export function mountDirectoryPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get('/directory', async (c) => {
    const lang = c.get('lang');
    const viewer = c.get('viewer');
    const filters = readDirectoryFilters(c.req.query());
    const order = filters.order ?? DEFAULT_ORDER;
    const page = Math.min(Math.max(Number.parseInt(c.req.query('page') ?? '1', 10) || 1, 1), MAX_PAGE);
    // The form sends every field, empty or not: answer with the short, shareable URL of what was chosen.
    const canonical = directoryHref(filters, { page });
    const current = new URL(c.req.url);
    if (current.pathname + current.search !== canonical) return c.redirect(canonical, 302);
    const filtered = isFiltered(filters);
    const [result, categories] = await Promise.all([
      healthDirectory(app, viewer, filters, { order, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
      filtered || page > 1 ? Promise.resolve(null) : directoryCategories(app, viewer),
    ]);
    const pages = Math.min(MAX_PAGE, Math.max(1, Math.ceil(result.total / PAGE_SIZE)));
    const heading = filtered ? (result.total === 1 ? t(lang, 'directory.resultsOne') : t(lang, 'directory.results', { count: formatNumber(lang, result.total) })) : t(lang, 'directory.all');
    return renderPage(
      c,
      { title: t(lang, 'directory.title'), description: t(lang, 'directory.lead'), canonical, section: 'directory', head: <link rel="stylesheet" href={staticUrl('directory.css')} /> },
      <>
        <header class="page-header">
          <h1>{t(lang, 'directory.title')}</h1>
          <p>{t(lang, 'directory.lead')}</p>
        </header>
        <div class="directory-layout">
          <FilterForm filters={filters} lang={lang} />
          <div class="directory-main">
            {categories ? <Categories categories={categories} lang={lang} /> : null}
            <section class="directory-results" aria-labelledby="directory-results">
              <div class="directory-results-head">
                <h2 id="directory-results" class="section-title">{heading}</h2>
                <SortLinks filters={filters} order={order} lang={lang} />
              </div>
              {result.entries.length ? (
                <ul class="plain-list directory-list">
                  {result.entries.map((entry) => (
                    <DirectoryCard entry={entry} lang={lang} />
                  ))}
                </ul>
              ) : (
                <p class="empty-state">{t(lang, 'directory.none')}</p>
              )}
              <PageLinks filters={filters} page={page} pages={pages} lang={lang} />
            </section>
          </div>
        </div>
      </>,
    );
  });
}
