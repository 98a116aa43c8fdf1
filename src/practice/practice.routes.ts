import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { practiceInput } from './practice.js';
import { getAccountPractice, toPracticeEntity, updatePractice } from './practice.service.js';

const tags = ['practice'];

const show = defineRoute({
  method: 'get',
  path: '/api/v1/medired/accounts/:id/practice',
  summary: "A professional's or organisation's practice: addresses, opening hours, phone, website, languages, insurers, whether it accepts online requests",
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found', 'gone'],
  handler: async ({ app, params, viewer }) => getAccountPractice(app, params.id, viewer),
});

const update = defineRoute({
  method: 'patch',
  path: '/api/v1/medired/practice',
  summary: 'Edit your practice information (professionals and organisations); fields left out stay as they are',
  tags,
  auth: 'user',
  scope: 'write:accounts',
  body: practiceInput,
  errors: ['forbidden'],
  handler: async ({ app, viewer, body }) => toPracticeEntity(app, viewer!.accountId, await updatePractice(app, viewer!, body)),
});

export const practiceRoutes: AnyRoute[] = [show, update];
