import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { invalid, notFound } from '../errors.js';
import { loadStatuses } from '../posts/status-views.js';
import { filtersChanged } from './filter-matching.js';
import type { CreateFilterInput, KeywordAttributes, UpdateFilterInput } from './filters.js';
import { countFilterParts,
  deleteFilterRow,
  deleteFilterStatus,
  deleteKeywords,
  findFilter,
  findOwnFilterStatus,
  findOwnKeyword,
  insertFilter,
  insertFilterStatus,
  insertKeywords,
  updateFilterRow,
  updateKeyword,
  type FilterKeywordRow,
  type FilterStatusRow,
  type FullFilter, countFilters } from './filters.repository.js';
import type { FilterContext } from './filters.table.js';

/**
 * Filters are the account's own: every read and write goes through the owner's id, and another
 * account's filter, keyword or status is not found (404), as in Mastodon. Every change
 * invalidates the viewer's cached filters (`filtersChanged`) after it committed.
 */

/** Mastodon's limit on filters per account is higher; this keeps a page's matching cheap. */
const MAX_FILTERS = 100;

const expiresAt = (seconds: number | null | undefined) => (seconds === undefined ? undefined : seconds === null ? null : new Date(Date.now() + seconds * 1000));

export async function getOwnFilter(app: AppContext, me: string, id: string): Promise<FullFilter> {
  const found = await findFilter(app.db, me, id);
  if (!found) throw notFound('Filter');
  return found;
}

export async function createFilter(app: AppContext, me: string, input: CreateFilterInput): Promise<FullFilter> {
  const count = await countFilters(app.db, me);
  if (count >= MAX_FILTERS) throw invalid(`You can have at most ${MAX_FILTERS} filters`, 'title');
  const keywords = (input.keywords_attributes ?? []).filter((k) => !k._destroy);
  for (const [i, k] of keywords.entries()) if (!k.keyword) throw invalid("Keyword can't be blank", `keywords_attributes.${i}.keyword`);
  const id = await app.db.transaction().execute(async (trx) => {
    const filter = await insertFilter(trx, {
      account_id: me,
      title: input.title,
      context: input.context,
      filter_action: input.filter_action,
      expires_at: expiresAt(input.expires_in) ?? null,
    });
    await insertKeywords(
      trx,
      keywords.map((k) => ({ filter_id: filter.id, keyword: k.keyword!, whole_word: k.whole_word ?? true })),
    );
    return filter.id;
  });
  await filtersChanged(app, me);
  return getOwnFilter(app, me, id);
}

export async function updateFilter(app: AppContext, me: string, id: string, input: UpdateFilterInput): Promise<FullFilter> {
  const current = await getOwnFilter(app, me, id);
  await app.db.transaction().execute(async (trx) => {
    await updateFilterRow(trx, me, id, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.context !== undefined ? { context: input.context } : {}),
      ...(input.filter_action !== undefined ? { filter_action: input.filter_action } : {}),
      ...(input.expires_in !== undefined ? { expires_at: expiresAt(input.expires_in) ?? null } : {}),
    });
    await applyKeywordAttributes(trx, current, input.keywords_attributes ?? []);
  });
  await filtersChanged(app, me);
  return getOwnFilter(app, me, id);
}

/** Rails' nested attributes: with an id, update (or `_destroy`) that keyword; without, add one. */
async function applyKeywordAttributes(trx: AppContext['db'], current: FullFilter, attributes: KeywordAttributes[]): Promise<void> {
  const known = new Set(current.keywords.map((k) => k.id));
  const destroy: string[] = [];
  const add: { filter_id: string; keyword: string; whole_word: boolean }[] = [];
  for (const [i, k] of attributes.entries()) {
    if (k.id !== undefined) {
      // Mastodon answers 404 for a keyword id that is not one of this filter's.
      if (!known.has(k.id)) throw notFound('Filter keyword');
      if (k._destroy) destroy.push(k.id);
      else await updateKeyword(trx, current.filter.id, k.id, { ...(k.keyword !== undefined ? { keyword: k.keyword } : {}), ...(k.whole_word !== undefined ? { whole_word: k.whole_word } : {}) });
    } else if (!k._destroy) {
      if (!k.keyword) throw invalid("Keyword can't be blank", `keywords_attributes.${i}.keyword`);
      add.push({ filter_id: current.filter.id, keyword: k.keyword, whole_word: k.whole_word ?? true });
    }
  }
  await deleteKeywords(trx, current.filter.id, destroy);
  await insertKeywords(trx, add);
}

export async function deleteFilter(app: AppContext, me: string, id: string): Promise<void> {
  if (!(await deleteFilterRow(app.db, me, id))) throw notFound('Filter');
  await filtersChanged(app, me);
}

export async function addKeyword(app: AppContext, me: string, filterId: string, input: { keyword: string; whole_word: boolean }): Promise<FilterKeywordRow> {
  await getOwnFilter(app, me, filterId);
  const [row] = await insertKeywords(app.db, [{ filter_id: filterId, keyword: input.keyword, whole_word: input.whole_word }]);
  await filtersChanged(app, me);
  return row!;
}

export async function getOwnKeyword(app: AppContext, me: string, id: string): Promise<FilterKeywordRow> {
  const row = await findOwnKeyword(app.db, me, id);
  if (!row) throw notFound('Filter keyword');
  return row;
}

export async function changeKeyword(app: AppContext, me: string, id: string, input: { keyword?: string | undefined; whole_word?: boolean | undefined }): Promise<FilterKeywordRow> {
  const row = await getOwnKeyword(app, me, id);
  await updateKeyword(app.db, row.filter_id, id, { ...(input.keyword !== undefined ? { keyword: input.keyword } : {}), ...(input.whole_word !== undefined ? { whole_word: input.whole_word } : {}) });
  await filtersChanged(app, me);
  return getOwnKeyword(app, me, id);
}

export async function removeKeyword(app: AppContext, me: string, id: string): Promise<FilterKeywordRow> {
  const row = await getOwnKeyword(app, me, id);
  await deleteKeywords(app.db, row.filter_id, [id]);
  await filtersChanged(app, me);
  return row;
}

/** Adds a status the viewer can see to the filter; 422 when it is there already. */
export async function addFilterStatus(app: AppContext, viewer: Viewer, filterId: string, statusId: string): Promise<FilterStatusRow> {
  await getOwnFilter(app, viewer.accountId, filterId);
  const [visible] = await loadStatuses(app, [statusId], viewer);
  if (!visible) throw notFound('Status');
  const row = await insertFilterStatus(app.db, filterId, statusId);
  if (!row) throw invalid('Status has already been taken', 'status_id');
  await filtersChanged(app, viewer.accountId);
  return row;
}

export async function getOwnFilterStatus(app: AppContext, me: string, id: string): Promise<FilterStatusRow> {
  const row = await findOwnFilterStatus(app.db, me, id);
  if (!row) throw notFound('Filter status');
  return row;
}

export async function removeFilterStatus(app: AppContext, me: string, id: string): Promise<FilterStatusRow> {
  const row = await getOwnFilterStatus(app, me, id);
  await deleteFilterStatus(app.db, id);
  await filtersChanged(app, me);
  return row;
}

// ---- v1: each keyword is a filter ----

/** A v1 filter (a keyword id) with the v2 filter it belongs to. */
export async function getV1Filter(app: AppContext, me: string, keywordId: string): Promise<{ keyword: FilterKeywordRow; full: FullFilter }> {
  const keyword = await getOwnKeyword(app, me, keywordId);
  return { keyword, full: await getOwnFilter(app, me, keyword.filter_id) };
}

export interface V1FilterInput {
  phrase?: string | undefined;
  context?: FilterContext[] | undefined;
  irreversible?: boolean | undefined;
  whole_word?: boolean | undefined;
  expires_in?: number | null | undefined;
}

/** Mastodon's v1 create: a v2 filter titled by its phrase, with that one keyword. */
export async function createV1Filter(app: AppContext, me: string, input: V1FilterInput & { phrase: string; context: FilterContext[] }): Promise<FilterKeywordRow> {
  const full = await createFilter(app, me, {
    title: input.phrase,
    context: input.context,
    filter_action: input.irreversible ? 'hide' : 'warn',
    expires_in: input.expires_in,
    keywords_attributes: [{ keyword: input.phrase, whole_word: input.whole_word ?? true }],
  });
  return full.keywords[0]!;
}

/** Mastodon's v1 update: the keyword, and the context, expiry and action of its filter. */
export async function updateV1Filter(app: AppContext, me: string, keywordId: string, input: V1FilterInput): Promise<FilterKeywordRow> {
  const { keyword, full } = await getV1Filter(app, me, keywordId);
  await updateFilter(app, me, full.filter.id, {
    context: input.context,
    filter_action: input.irreversible === undefined ? undefined : input.irreversible ? 'hide' : 'warn',
    expires_in: input.expires_in,
    keywords_attributes: [{ id: keyword.id, keyword: input.phrase, whole_word: input.whole_word }],
  });
  return getOwnKeyword(app, me, keywordId);
}

/** Mastodon's v1 delete: the keyword goes, and its filter with it when nothing else is left in it. */
export async function deleteV1Filter(app: AppContext, me: string, keywordId: string): Promise<void> {
  const keyword = await removeKeyword(app, me, keywordId);
  if ((await countFilterParts(app.db, keyword.filter_id)) === 0) await deleteFilter(app, me, keyword.filter_id);
}
