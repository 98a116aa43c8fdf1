import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { toMastodonFilter, toV1Filters } from './filter-entity.js';
import { createFilterBody, filterStatusBody, keywordBody, keywordUpdateBody, updateFilterBody, v1FilterBody, v1FilterUpdateBody } from './filters.js';
import { findFilters } from './filters.repository.js';
import {
  addFilterStatus,
  addKeyword,
  changeKeyword,
  createFilter,
  createV1Filter,
  deleteFilter,
  deleteV1Filter,
  getOwnFilter,
  getOwnFilterStatus,
  getOwnKeyword,
  getV1Filter,
  removeFilterStatus,
  removeKeyword,
  updateFilter,
  updateV1Filter,
} from './filters.service.js';
import type { FilterKeywordRow } from './filters.repository.js';

const tags = ['filters'];
const read = { auth: 'user', scope: 'read:filters', tags } as const;
const write = { auth: 'user', scope: 'write:filters', tags } as const;

const keywordEntity = (k: FilterKeywordRow) => ({ id: k.id, keyword: k.keyword, whole_word: k.whole_word });
const statusEntity = (s: { id: string; status_id: string }) => ({ id: s.id, status_id: s.status_id });

const v2 = [
  defineRoute({
    ...read,
    method: 'get',
    path: '/api/v2/filters',
    summary: 'Your filters, with their keywords and statuses',
    handler: async ({ app, viewer }) => (await findFilters(app.db, viewer!.accountId)).map(toMastodonFilter),
  }),
  defineRoute({
    ...write,
    method: 'post',
    path: '/api/v2/filters',
    summary: 'Create a filter: a title, contexts, warn or hide, an optional expiry and keywords (keywords_attributes[])',
    description: 'Statuses matching a `warn` filter carry `filtered` in that context; those matching a `hide` filter are left out of timelines and notifications. Your own statuses are never filtered.',
    body: createFilterBody,
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => toMastodonFilter(await createFilter(app, viewer!.accountId, body)),
  }),
  defineRoute({
    ...read,
    method: 'get',
    path: '/api/v2/filters/:id{[0-9]+}',
    summary: 'One of your filters',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => toMastodonFilter(await getOwnFilter(app, viewer!.accountId, params.id)),
  }),
  ...putAndPatch({
    ...write,
    path: '/api/v2/filters/:id{[0-9]+}',
    summary: 'Change a filter; keywords_attributes[] adds keywords, changes them by id, or removes them with _destroy',
    params: idParams,
    body: updateFilterBody,
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body }) => toMastodonFilter(await updateFilter(app, viewer!.accountId, params.id, body)),
  }),
  defineRoute({
    ...write,
    method: 'delete',
    path: '/api/v2/filters/:id{[0-9]+}',
    summary: 'Delete a filter with its keywords and statuses',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await deleteFilter(app, viewer!.accountId, params.id);
      return {};
    },
  }),
  defineRoute({
    ...read,
    method: 'get',
    path: '/api/v2/filters/:id{[0-9]+}/keywords',
    summary: "A filter's keywords",
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => (await getOwnFilter(app, viewer!.accountId, params.id)).keywords.map(keywordEntity),
  }),
  defineRoute({
    ...write,
    method: 'post',
    path: '/api/v2/filters/:id{[0-9]+}/keywords',
    summary: 'Add a keyword to a filter',
    params: idParams,
    body: keywordBody,
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body }) => keywordEntity(await addKeyword(app, viewer!.accountId, params.id, body)),
  }),
  defineRoute({
    ...read,
    method: 'get',
    path: '/api/v2/filters/keywords/:id{[0-9]+}',
    summary: 'One keyword of one of your filters',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => keywordEntity(await getOwnKeyword(app, viewer!.accountId, params.id)),
  }),
  ...putAndPatch({
    ...write,
    path: '/api/v2/filters/keywords/:id{[0-9]+}',
    summary: 'Change a keyword',
    params: idParams,
    body: keywordUpdateBody,
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body }) => keywordEntity(await changeKeyword(app, viewer!.accountId, params.id, body)),
  }),
  defineRoute({
    ...write,
    method: 'delete',
    path: '/api/v2/filters/keywords/:id{[0-9]+}',
    summary: 'Remove a keyword from its filter',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await removeKeyword(app, viewer!.accountId, params.id);
      return {};
    },
  }),
  defineRoute({
    ...read,
    method: 'get',
    path: '/api/v2/filters/:id{[0-9]+}/statuses',
    summary: "The statuses a filter matches by id",
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => (await getOwnFilter(app, viewer!.accountId, params.id)).statuses.map(statusEntity),
  }),
  defineRoute({
    ...write,
    method: 'post',
    path: '/api/v2/filters/:id{[0-9]+}/statuses',
    summary: 'Add a status (one you can see) to a filter',
    params: idParams,
    body: filterStatusBody,
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body }) => statusEntity(await addFilterStatus(app, viewer!, params.id, body.status_id)),
  }),
  defineRoute({
    ...read,
    method: 'get',
    path: '/api/v2/filters/statuses/:id{[0-9]+}',
    summary: 'One status of one of your filters',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => statusEntity(await getOwnFilterStatus(app, viewer!.accountId, params.id)),
  }),
  defineRoute({
    ...write,
    method: 'delete',
    path: '/api/v2/filters/statuses/:id{[0-9]+}',
    summary: 'Remove a status from its filter',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await removeFilterStatus(app, viewer!.accountId, params.id);
      return {};
    },
  }),
];

/** Mastodon's v1 filters: each keyword of a v2 filter is a v1 filter (its id is the keyword's). */
const v1 = [
  defineRoute({
    ...read,
    method: 'get',
    path: '/api/v1/filters',
    summary: 'Your filters in the v1 shape (one per keyword)',
    handler: async ({ app, viewer }) => (await findFilters(app.db, viewer!.accountId)).flatMap(toV1Filters),
  }),
  defineRoute({
    ...write,
    method: 'post',
    path: '/api/v1/filters',
    summary: 'Create a v1 filter: a phrase, contexts, irreversible (hide) and whole_word',
    body: v1FilterBody,
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => {
      const keyword = await createV1Filter(app, viewer!.accountId, body);
      return v1Entity(app, viewer!.accountId, keyword.id);
    },
  }),
  defineRoute({
    ...read,
    method: 'get',
    path: '/api/v1/filters/:id{[0-9]+}',
    summary: 'One v1 filter',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => v1Entity(app, viewer!.accountId, params.id),
  }),
  ...putAndPatch({
    ...write,
    path: '/api/v1/filters/:id{[0-9]+}',
    summary: 'Change a v1 filter (its context, expiry and irreversible apply to the whole v2 filter)',
    params: idParams,
    body: v1FilterUpdateBody,
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body }) => {
      await updateV1Filter(app, viewer!.accountId, params.id, body);
      return v1Entity(app, viewer!.accountId, params.id);
    },
  }),
  defineRoute({
    ...write,
    method: 'delete',
    path: '/api/v1/filters/:id{[0-9]+}',
    summary: 'Delete a v1 filter (its v2 filter goes too when nothing else is left in it)',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await deleteV1Filter(app, viewer!.accountId, params.id);
      return {};
    },
  }),
];

async function v1Entity(app: Parameters<typeof getV1Filter>[0], me: string, keywordId: string) {
  const { full } = await getV1Filter(app, me, keywordId);
  return toV1Filters(full).find((f) => f.id === keywordId)!;
}

export const filterRoutes: AnyRoute[] = [...v2, ...v1];
