import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { createExpiringLru } from '../infra/lru.js';
import type { MastodonStatus } from '../posts/status-entity.js';
import { toMastodonFilter, type MastodonFilter, type MastodonFilterResult } from './filter-entity.js';
import { findFilters } from './filters.repository.js';
import type { FilterContext } from './filters.table.js';

/**
 * Filters applied to what the API returns (Mastodon's `filtered` and server-side `hide`):
 *
 *   applyFilters(app, viewer, context, statuses) → statuses
 *
 * A status (or the original of a reblog) matching a `warn` filter of the viewer's whose context
 * includes `context` carries `filtered: [FilterResult]`; one matching a `hide` filter is left
 * out. The viewer's own statuses are never filtered, expired filters never apply.
 *
 * Speed: the viewer's filters are one cache read per request (`filters:<account>`, filled from the
 * database, invalidated by every change to them: `filtersChanged`), compiled into regular
 * expressions once per version of that list (an in-process LRU keyed by its text), and matched in
 * memory against the page. A viewer without filters pays the cache read only.
 */

const CACHE_TTL_SECONDS = 3600;
const cacheKey = (accountId: string) => `filters:${accountId}`;

interface CompiledFilter {
  entity: MastodonFilter;
  expiresAt: number | null;
  keywords: { keyword: string; re: RegExp }[];
  statusIds: Set<string>;
}

const compiledByText = createExpiringLru<CompiledFilter[]>(2000);

/** After the account's filters changed (committed): every process reads them again. */
export async function filtersChanged(app: AppContext, accountId: string): Promise<void> {
  await app.cache.invalidate([cacheKey(accountId)]);
}

const WORD = '[\\p{L}\\p{N}_]';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A keyword as Mastodon matches it: case-insensitive; with `whole_word`, not inside a longer word
 * (a boundary is only required on a side where the keyword starts or ends with a word character).
 */
export function keywordRegExp(keyword: string, wholeWord: boolean): RegExp {
  const body = escapeRe(keyword);
  if (!wholeWord) return new RegExp(body, 'iu');
  const word = new RegExp(`^${WORD}`, 'u');
  const start = word.test(keyword) ? `(?<!${WORD})` : '';
  const end = word.test([...keyword].at(-1) ?? '') ? `(?!${WORD})` : '';
  return new RegExp(`${start}${body}${end}`, 'iu');
}

function compile(filters: MastodonFilter[]): CompiledFilter[] {
  return filters.map((entity) => ({
    entity,
    expiresAt: entity.expires_at ? Date.parse(entity.expires_at) : null,
    keywords: entity.keywords.map((k) => ({ keyword: k.keyword, re: keywordRegExp(k.keyword, k.whole_word) })),
    statusIds: new Set(entity.statuses.map((s) => s.status_id)),
  }));
}

async function viewerFilters(app: AppContext, accountId: string): Promise<CompiledFilter[]> {
  const key = cacheKey(accountId);
  let text = await app.cache.get(key);
  if (text === null) {
    text = JSON.stringify((await findFilters(app.db, accountId)).map(toMastodonFilter));
    await app.cache.fill(key, text, CACHE_TTL_SECONDS);
  }
  if (text === '[]') return [];
  let compiled = compiledByText.get(text);
  if (!compiled) {
    compiled = compile(JSON.parse(text) as MastodonFilter[]);
    compiledByText.set(text, compiled, Date.now() + CACHE_TTL_SECONDS * 1000);
  }
  return compiled;
}

/** The text a keyword is matched against: the content as text, the content warning, media descriptions. */
function searchableText(status: MastodonStatus): string {
  const content = status.content
    .replace(/<br\s*\/?>|<\/p>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
  return [content, status.spoiler_text, ...status.media_attachments.map((m) => m.description ?? '')].filter(Boolean).join('\n\n');
}

function matches(filters: CompiledFilter[], status: MastodonStatus, now: number): MastodonFilterResult[] {
  let text: string | null = null;
  const results: MastodonFilterResult[] = [];
  for (const f of filters) {
    if (f.expiresAt !== null && f.expiresAt <= now) continue;
    const statusMatches = f.statusIds.has(status.id) ? [status.id] : [];
    const keywordMatches: string[] = [];
    if (f.keywords.length) {
      text ??= searchableText(status);
      for (const k of f.keywords) if (k.re.test(text)) keywordMatches.push(k.keyword);
    }
    if (statusMatches.length || keywordMatches.length) {
      results.push({ filter: f.entity, keyword_matches: keywordMatches.length ? keywordMatches : null, status_matches: statusMatches.length ? statusMatches : null });
    }
  }
  return results;
}

/** What the viewer's filters say about one status in one context: hidden, or the results to show. */
export type FilterVerdict = { hide: true } | { hide: false; filtered: MastodonFilterResult[] };

/** A function judging statuses for this viewer and context (one cache read, however many statuses). */
export async function filterJudge(app: AppContext, viewer: Viewer | null, context: FilterContext): Promise<(status: MastodonStatus) => FilterVerdict> {
  const none: FilterVerdict = { hide: false, filtered: [] };
  if (!viewer) return () => none;
  const all = await viewerFilters(app, viewer.accountId);
  const filters = all.filter((f) => f.entity.context.includes(context));
  if (filters.length === 0) return () => none;
  const now = Date.now();
  return (status) => {
    const proper = status.reblog ?? status;
    if (proper.account.id === viewer.accountId) return none;
    const results = matches(filters, proper, now);
    if (results.some((r) => r.filter.filter_action === 'hide')) return { hide: true };
    return { hide: false, filtered: results };
  };
}

/** The statuses as the viewer's filters leave them in `context` (see the module comment). */
export async function applyFilters(app: AppContext, viewer: Viewer | null, context: FilterContext, statuses: MastodonStatus[]): Promise<MastodonStatus[]> {
  if (!viewer || statuses.length === 0) return statuses;
  const judge = await filterJudge(app, viewer, context);
  return withVerdicts(statuses, judge);
}

/** Applies a judge to statuses: hidden ones dropped, warned ones carrying their results. */
export function withVerdicts(statuses: MastodonStatus[], judge: (status: MastodonStatus) => FilterVerdict): MastodonStatus[] {
  return statuses.flatMap((s) => {
    const verdict = judge(s);
    if (verdict.hide) return [];
    return [withFiltered(s, verdict.filtered)];
  });
}

/** The status with `filtered` set (on the reblog's original too, where clients look). */
export function withFiltered(status: MastodonStatus, filtered: MastodonFilterResult[]): MastodonStatus {
  if (filtered.length === 0) return status;
  return { ...status, filtered, ...(status.reblog ? { reblog: { ...status.reblog, filtered } } : {}) };
}
