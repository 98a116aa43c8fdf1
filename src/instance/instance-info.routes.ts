import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.js';
import { notFound } from '../errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { escapeHtml } from '../text/markdown.js';
import { instanceActivity, instanceRules, rulesChanged, rulesLocale, toRuleEntity } from './instance-info.js';
import { findRules, insertRule, removeRule, updateRule } from './rules.repository.js';
import { LEGAL_TEXTS_DATE, privacyPolicy, termsOfService } from './legal-texts.js';
import { allDomainBlocks } from '../admin-blocks/admin-blocks.repository.js';
import { toPublicDomainBlock } from '../admin-blocks/admin-blocks.service.js';

const tags = ['instance'];

const rules = defineRoute({
  method: 'get',
  path: '/api/v1/instance/rules',
  summary: "The instance's rules (Spanish, or English when Accept-Language prefers it; both in translations)",
  tags,
  auth: 'none',
  handler: async ({ app, c }) => instanceRules(app, rulesLocale(c)),
});

const extendedDescription = defineRoute({
  method: 'get',
  path: '/api/v1/instance/extended_description',
  summary: 'A longer description of the instance, as HTML (Mastodon ExtendedDescription)',
  tags,
  auth: 'none',
  handler: async ({ app }) => {
    const current = await findRules(app.db);
    const updated = current.reduce((latest, r) => (r.updated_at > latest ? r.updated_at : latest), new Date('2026-11-24T00:00:00Z'));
    const list = current.map((r) => `<li>${escapeHtml(r.text)}</li>`).join('');
    const content =
      `<p>${escapeHtml(app.config.instanceName)} es una red social de la salud: profesionales sanitarios verificados, pacientes y organizaciones. ` +
      'Lo que se publica aquí orienta, pero no sustituye a una consulta; ante una urgencia, llama al 112.</p>' +
      `<p>Normas:</p><ol>${list}</ol>`;
    return { updated_at: updated.toISOString(), content };
  },
});

const activity = defineRoute({
  method: 'get',
  path: '/api/v1/instance/activity',
  summary: 'Statuses, logins and registrations per week, for the last 12 weeks',
  tags,
  auth: 'none',
  handler: async ({ app }) => instanceActivity(app),
});

// Medired does not federate: it knows no other servers (an empty Mastodon's answer).
const peers = defineRoute({ method: 'get', path: '/api/v1/instance/peers', summary: 'Servers this one federates with (none: Medired does not federate)', tags, auth: 'none', handler: async () => [] });
// The domains administrators blocked (kept for when Medired federates), public as Mastodon can show them.
const domainBlocks = defineRoute({
  method: 'get',
  path: '/api/v1/instance/domain_blocks',
  summary: 'Servers this one blocks (obfuscated where the administrators chose so), with their public comment',
  tags,
  auth: 'none',
  handler: async ({ app }) => (await allDomainBlocks(app.db)).map(toPublicDomainBlock),
});
const translationLanguages = defineRoute({
  method: 'get',
  path: '/api/v1/instance/translation_languages',
  summary: 'Languages statuses can be translated between (none: Medired has no translation service)',
  tags,
  auth: 'none',
  handler: async () => ({}),
});
const languages = defineRoute({
  method: 'get',
  path: '/api/v1/instance/languages',
  summary: 'Languages a status may be written in',
  tags,
  auth: 'none',
  handler: async () => [
    { code: 'es', name: 'Spanish' },
    { code: 'en', name: 'English' },
  ],
});

const privacy = defineRoute({
  method: 'get',
  path: '/api/v1/instance/privacy_policy',
  summary: 'The privacy policy, as HTML (Mastodon PrivacyPolicy; English when Accept-Language prefers it)',
  tags,
  auth: 'none',
  handler: async ({ app, c }) => privacyPolicy(app, rulesLocale(c)),
});

const terms = defineRoute({
  method: 'get',
  path: '/api/v1/instance/terms_of_service',
  summary: 'The terms of service in force (Mastodon 4.4 TermsOfService)',
  tags,
  auth: 'none',
  handler: async ({ app, c }) => termsOfService(app, rulesLocale(c)),
});

const termsOfDate = defineRoute({
  method: 'get',
  path: '/api/v1/instance/terms_of_service/:date',
  summary: 'The terms of service that came into force on a date (YYYY-MM-DD); there is one version so far',
  tags,
  auth: 'none',
  params: z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD') }),
  errors: ['not_found'],
  handler: async ({ app, c, params }) => {
    if (params.date !== LEGAL_TEXTS_DATE) throw notFound('Terms of service');
    return termsOfService(app, rulesLocale(c));
  },
});

// ---- admins write the rules ----

const ruleBody = z.object({
  text: z.string().trim().min(1).max(500),
  hint: z.string().trim().max(1000).default(''),
  text_en: z.string().trim().max(500).default(''),
  hint_en: z.string().trim().max(1000).default(''),
  position: z.coerce.number().int().min(0).max(1000).default(0),
});

const adminRules = defineRoute({
  method: 'get',
  path: '/api/v1/medired/admin/rules',
  summary: 'The rules in force, with both languages',
  tags: ['admin'],
  auth: 'admin',
  scope: 'admin:read',
  handler: async ({ app }) => (await findRules(app.db)).map((r) => ({ ...toRuleEntity(r, 'es'), position: r.position })),
});

const createRule = defineRoute({
  method: 'post',
  path: '/api/v1/medired/admin/rules',
  summary: 'Add a rule of the instance (administrators)',
  tags: ['admin'],
  auth: 'admin',
  scope: 'admin:write',
  body: ruleBody,
  handler: async ({ app, viewer, body }) => {
    const row = await app.db.transaction().execute(async (trx) => {
      const created = await insertRule(trx, body);
      await recordAudit(trx, { actorAccountId: viewer!.accountId, action: 'instance.rule_create', targetType: 'rule', targetId: created.id, data: { text: created.text } });
      return created;
    });
    await rulesChanged(app);
    return toRuleEntity(row, 'es');
  },
});

const editRule = defineRoute({
  method: 'put',
  path: '/api/v1/medired/admin/rules/:id',
  summary: 'Change a rule (administrators)',
  tags: ['admin'],
  auth: 'admin',
  scope: 'admin:write',
  params: idParams,
  body: ruleBody.partial(),
  errors: ['not_found'],
  handler: async ({ app, viewer, params, body }) => {
    const row = await app.db.transaction().execute(async (trx) => {
      const changed = await updateRule(trx, params.id, Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined)));
      if (!changed) throw notFound('Rule');
      await recordAudit(trx, { actorAccountId: viewer!.accountId, action: 'instance.rule_update', targetType: 'rule', targetId: changed.id, data: { text: changed.text } });
      return changed;
    });
    await rulesChanged(app);
    return toRuleEntity(row, 'es');
  },
});

const deleteRule = defineRoute({
  method: 'delete',
  path: '/api/v1/medired/admin/rules/:id',
  summary: 'Remove a rule (administrators; reports citing it keep it)',
  tags: ['admin'],
  auth: 'admin',
  scope: 'admin:write',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await app.db.transaction().execute(async (trx) => {
      if (!(await removeRule(trx, params.id))) throw notFound('Rule');
      await recordAudit(trx, { actorAccountId: viewer!.accountId, action: 'instance.rule_delete', targetType: 'rule', targetId: params.id });
    });
    await rulesChanged(app);
    return {};
  },
});

export const instanceInfoRoutes: AnyRoute[] = [rules, extendedDescription, activity, peers, domainBlocks, translationLanguages, languages, privacy, terms, termsOfDate, adminRules, createRule, editRule, deleteRule];
