import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES, type Label } from '../accounts/specialties.js';
import type { Viewer } from '../auth/viewer.js';
import type { DirectoryFilters, DirectoryOrder, DirectoryStats } from './directory.js';
import { categoryCounts, categoryLeaders, countHealthDirectory, directoryAccountIds, healthDirectoryPage, placeCounts, type MastodonDirectoryOrder } from './directory.repository.js';

/**
 * The directories, as services for the API and the web page:
 *
 *   mastodonDirectory(app, viewer, { order, offset, limit }): Mastodon's profile directory
 *   healthDirectory(app, viewer, filters, page): professionals and organisations, filtered and sorted
 *   directoryCategories(app, viewer): accounts per category with the most followed of each
 *
 * Everything read here is stored (accounts, practice information, the influence table the job
 * keeps): nothing is computed per request beyond the query itself.
 */

/** Deepest offset served: past it, people refine the filters (Mastodon's directory has no such need). */
export const DIRECTORY_MAX_OFFSET = 2_000;
/** Leading accounts shown per category, and cities listed. */
export const LEADERS_PER_CATEGORY = 3;
export const PLACES_LISTED = 12;

export interface DirectoryEntry {
  account: MastodonAccount;
  stats: DirectoryStats;
}

async function accountsInOrder(app: AppContext, ids: readonly string[]): Promise<Map<string, MastodonAccount>> {
  const rows = await findAccountsByIds(app.db, ids);
  return new Map(rows.map((row) => [row.id, toMastodonAccount(row, app.config)]));
}

export async function mastodonDirectory(app: AppContext, viewer: Viewer | null, input: { order: MastodonDirectoryOrder; offset: number; limit: number }): Promise<MastodonAccount[]> {
  const ids = await directoryAccountIds(app.db, viewer?.accountId ?? null, input);
  const accounts = await accountsInOrder(app, ids);
  return ids.flatMap((id) => (accounts.has(id) ? [accounts.get(id)!] : []));
}

/** One page of the health directory, with how many accounts the filters hold. */
export async function healthDirectory(
  app: AppContext,
  viewer: Viewer | null,
  filters: DirectoryFilters,
  page: { order: DirectoryOrder; offset: number; limit: number },
): Promise<{ entries: DirectoryEntry[]; total: number }> {
  const viewerId = viewer?.accountId ?? null;
  const [rows, total] = await Promise.all([
    page.offset > DIRECTORY_MAX_OFFSET ? Promise.resolve([]) : healthDirectoryPage(app.db, viewerId, filters, page),
    countHealthDirectory(app.db, viewerId, filters),
  ]);
  const accounts = await accountsInOrder(
    app,
    rows.map((r) => r.id),
  );
  const entries = rows.flatMap((r) => {
    const account = accounts.get(r.id);
    if (!account) return [];
    return [{ account, stats: { influence: r.score === null ? null : Math.round(r.score * 10) / 10, helpfulAnswers: r.helpful_answers ?? 0, responseSeconds: r.response_seconds, acceptsRequests: r.accepts_online_requests === true } }];
  });
  return { entries, total };
}

export interface DirectoryCategory {
  code: string;
  label: Label;
  accounts_count: number;
  leaders: MastodonAccount[];
}

export interface DirectoryPlace {
  city: string;
  country: string | null;
  accounts_count: number;
  leaders: MastodonAccount[];
}

export interface DirectoryCategories {
  professions: DirectoryCategory[];
  specialties: DirectoryCategory[];
  organization_types: DirectoryCategory[];
  places: DirectoryPlace[];
}

/** Every non-empty category (most accounts first) with its leading accounts by followers. */
export async function directoryCategories(app: AppContext, viewer: Viewer | null): Promise<DirectoryCategories> {
  const [counts, places] = await Promise.all([categoryCounts(app.db), placeCounts(app.db, PLACES_LISTED)]);
  const leaders = await categoryLeaders(
    app.db,
    viewer?.accountId ?? null,
    LEADERS_PER_CATEGORY,
    places.map((p) => p.key),
  );
  const accounts = await accountsInOrder(
    app,
    leaders.map((l) => l.id),
  );
  const leadersOf = (dimension: string, code: string) => leaders.filter((l) => l.dimension === dimension && l.code === code).flatMap((l) => (accounts.has(l.id) ? [accounts.get(l.id)!] : []));
  const category = (dimension: 'profession' | 'specialty' | 'organization_type', labels: Record<string, Label>): DirectoryCategory[] =>
    counts
      .filter((c) => c.dimension === dimension && labels[c.code])
      .sort((a, b) => b.count - a.count || a.code.localeCompare(b.code))
      .map((c) => ({ code: c.code, label: labels[c.code]!, accounts_count: c.count, leaders: leadersOf(dimension, c.code) }));
  return {
    professions: category('profession', PROFESSIONS),
    specialties: category('specialty', SPECIALTIES),
    organization_types: category('organization_type', ORGANIZATION_TYPES),
    places: places.map((p) => ({ city: p.city, country: p.country, accounts_count: p.count, leaders: leadersOf('place', p.key) })),
  };
}
