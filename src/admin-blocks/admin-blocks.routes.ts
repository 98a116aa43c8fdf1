import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { clientIp } from '../http/rate-limit.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams, zBool } from '../http/schemas.js';
import { listBlocks } from './admin-blocks.repository.js';
import {
  allowDomain,
  blockCanonicalEmail,
  blockDomain,
  blockEmailDomain,
  blockIp,
  canonicalEmailBlocksMatching,
  changeDomainBlock,
  changeIpBlock,
  getBlock,
  removeBlock,
  toCanonicalEmailBlock,
  toDomainAllow,
  toDomainBlock,
  toEmailDomainBlocks,
  toIpBlock,
} from './admin-blocks.service.js';

/**
 * Mastodon's admin API for server-wide blocks (administrators with two-factor authentication, as
 * Mastodon's "Manage Federation" and "Manage Blocks" permissions): `/api/v1/admin/domain_blocks`,
 * `domain_allows`, `email_domain_blocks`, `ip_blocks` and `canonical_email_blocks`, with
 * Mastodon's parameters, entities and Link pagination.
 */
const tags = ['admin'];
const page = pageQuery(100, 200);
const comment = z.string().trim().max(1000);

function listRoute(path: string, table: Parameters<typeof listBlocks>[1], scope: string, summary: string, entity: (app: AppContext, rows: never[]) => unknown[] | Promise<unknown[]>) {
  return defineRoute({
    method: 'get',
    path,
    summary,
    tags,
    auth: 'admin',
    scope,
    query: page,
    handler: async ({ app, query, c }) => {
      const rows = await listBlocks(app.db, table, { maxId: query.max_id, sinceId: query.since_id, minId: query.min_id, limit: query.limit });
      const link = linkHeader(c.req.url, rows.map((r) => r.id));
      if (link) c.header('Link', link);
      return entity(app, rows as never[]);
    },
  });
}

function showRoute(path: string, table: Parameters<typeof listBlocks>[1], scope: string, summary: string, entity: (row: never) => unknown | Promise<unknown>) {
  return defineRoute({
    method: 'get',
    path: `${path}/:id{[0-9]+}`,
    summary,
    tags,
    auth: 'admin',
    scope,
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, params }) => entity((await getBlock(app, table, params.id)) as never),
  });
}

function removeRoute(path: string, table: Parameters<typeof listBlocks>[1], scope: string, summary: string) {
  return defineRoute({
    method: 'delete',
    path: `${path}/:id{[0-9]+}`,
    summary,
    tags,
    auth: 'admin',
    scope,
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, viewer, params }) => {
      await removeBlock(app, viewer!, table, params.id);
      return {};
    },
  });
}

// ---- domain blocks ----

const DB = '/api/v1/admin/domain_blocks';
const domainBlockFields = {
  severity: z.enum(['noop', 'silence', 'suspend']).optional(),
  reject_media: zBool.optional(),
  reject_reports: zBool.optional(),
  private_comment: comment.optional(),
  public_comment: comment.optional(),
  obfuscate: zBool.optional(),
};

const domainBlocks: AnyRoute[] = [
  listRoute(DB, 'admin_domain_blocks', 'admin:read:domain_blocks', 'Domains blocked for federation (kept for when Medired federates)', (_, rows) => rows.map(toDomainBlock)),
  showRoute(DB, 'admin_domain_blocks', 'admin:read:domain_blocks', 'One blocked domain', toDomainBlock),
  defineRoute({
    method: 'post',
    path: DB,
    summary: 'Block a domain from federating: severity noop, silence or suspend, with comments',
    tags,
    auth: 'admin',
    scope: 'admin:write:domain_blocks',
    body: z.object({ domain: z.string().trim().min(1).max(255), ...domainBlockFields }),
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => {
      const { domain, ...rest } = body;
      return toDomainBlock(await blockDomain(app, viewer!, domain, rest));
    },
  }),
  ...putAndPatch({
    path: `${DB}/:id{[0-9]+}`,
    summary: 'Change a domain block',
    tags,
    auth: 'admin',
    scope: 'admin:write:domain_blocks',
    params: idParams,
    body: z.object(domainBlockFields),
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body }) => toDomainBlock(await changeDomainBlock(app, viewer!, params.id, body)),
  }),
  removeRoute(DB, 'admin_domain_blocks', 'admin:write:domain_blocks', 'Lift a domain block'),
];

// ---- domain allows ----

const DA = '/api/v1/admin/domain_allows';
const domainAllows: AnyRoute[] = [
  listRoute(DA, 'admin_domain_allows', 'admin:read:domain_allows', 'Domains allowed to federate (limited federation; kept for when Medired federates)', (_, rows) => rows.map(toDomainAllow)),
  showRoute(DA, 'admin_domain_allows', 'admin:read:domain_allows', 'One allowed domain', toDomainAllow),
  defineRoute({
    method: 'post',
    path: DA,
    summary: 'Allow a domain to federate',
    tags,
    auth: 'admin',
    scope: 'admin:write:domain_allows',
    body: z.object({ domain: z.string().trim().min(1).max(255) }),
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => toDomainAllow(await allowDomain(app, viewer!, body.domain)),
  }),
  removeRoute(DA, 'admin_domain_allows', 'admin:write:domain_allows', 'Remove an allowed domain'),
];

// ---- e-mail domain blocks ----

const ED = '/api/v1/admin/email_domain_blocks';
const emailDomainBlocks: AnyRoute[] = [
  listRoute(ED, 'email_domain_blocks', 'admin:read:email_domain_blocks', 'E-mail domains no one may sign up with, with the sign-ups each refused this week', toEmailDomainBlocks),
  defineRoute({
    method: 'get',
    path: `${ED}/:id{[0-9]+}`,
    summary: 'One blocked e-mail domain',
    tags,
    auth: 'admin',
    scope: 'admin:read:email_domain_blocks',
    params: idParams,
    errors: ['not_found'],
    handler: async ({ app, params }) => (await toEmailDomainBlocks(app, [await getBlock(app, 'email_domain_blocks', params.id)]))[0],
  }),
  defineRoute({
    method: 'post',
    path: ED,
    summary: 'Block an e-mail domain (and its subdomains) from sign-ups',
    tags,
    auth: 'admin',
    scope: 'admin:write:email_domain_blocks',
    body: z.object({ domain: z.string().trim().min(1).max(255) }),
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => (await toEmailDomainBlocks(app, [await blockEmailDomain(app, viewer!, body.domain)]))[0],
  }),
  removeRoute(ED, 'email_domain_blocks', 'admin:write:email_domain_blocks', 'Lift an e-mail domain block'),
];

// ---- IP blocks ----

const IP = '/api/v1/admin/ip_blocks';
const ipFields = {
  comment: comment.optional(),
  expires_in: z.coerce.number().int().min(0).max(10 * 365 * 86_400).nullable().optional(),
};
const severity = z.enum(['sign_up_requires_approval', 'sign_up_block', 'no_access']);

const ipBlocks: AnyRoute[] = [
  listRoute(IP, 'ip_blocks', 'admin:read:ip_blocks', 'Address ranges blocked from signing up (sign_up_block) or from everything (no_access)', (_, rows) => rows.map(toIpBlock)),
  showRoute(IP, 'ip_blocks', 'admin:read:ip_blocks', 'One IP block', toIpBlock),
  defineRoute({
    method: 'post',
    path: IP,
    summary: 'Block an address or range (CIDR): sign_up_block or no_access; expires_in seconds',
    description: 'sign_up_requires_approval is refused: Medired has no queue of sign-ups waiting for approval. A no_access range may not hold your own address.',
    tags,
    auth: 'admin',
    scope: 'admin:write:ip_blocks',
    body: z.object({ ip: z.string().trim().min(1).max(64), severity, ...ipFields }),
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body, c }) => toIpBlock(await blockIp(app, viewer!, body, clientIp(c))),
  }),
  ...putAndPatch({
    path: `${IP}/:id{[0-9]+}`,
    summary: 'Change an IP block',
    tags,
    auth: 'admin',
    scope: 'admin:write:ip_blocks',
    params: idParams,
    body: z.object({ ip: z.string().trim().min(1).max(64).optional(), severity: severity.optional(), ...ipFields }),
    errors: ['not_found', 'validation_failed'],
    handler: async ({ app, viewer, params, body, c }) => toIpBlock(await changeIpBlock(app, viewer!, params.id, body, clientIp(c))),
  }),
  removeRoute(IP, 'ip_blocks', 'admin:write:ip_blocks', 'Lift an IP block'),
];

// ---- canonical e-mail blocks ----

const CE = '/api/v1/admin/canonical_email_blocks';
const canonicalEmailBlocks: AnyRoute[] = [
  listRoute(CE, 'canonical_email_blocks', 'admin:read:canonical_email_blocks', 'Addresses that may not sign up again (as SHA-256 of their canonical form)', (_, rows) => rows.map(toCanonicalEmailBlock)),
  defineRoute({
    method: 'post',
    path: `${CE}/test`,
    summary: 'The canonical e-mail blocks an address matches',
    tags,
    auth: 'admin',
    scope: 'admin:read:canonical_email_blocks',
    body: z.object({ email: z.string().trim().min(3).max(320) }),
    handler: async ({ app, body }) => (await canonicalEmailBlocksMatching(app, body.email)).map(toCanonicalEmailBlock),
  }),
  showRoute(CE, 'canonical_email_blocks', 'admin:read:canonical_email_blocks', 'One canonical e-mail block', toCanonicalEmailBlock),
  defineRoute({
    method: 'post',
    path: CE,
    summary: 'Block an address from signing up again: email (dots and +tag ignored) or canonical_email_hash',
    tags,
    auth: 'admin',
    scope: 'admin:write:canonical_email_blocks',
    body: z.object({ email: z.string().trim().min(3).max(320).optional(), canonical_email_hash: z.string().trim().max(64).optional() }),
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => toCanonicalEmailBlock(await blockCanonicalEmail(app, viewer!, body)),
  }),
  removeRoute(CE, 'canonical_email_blocks', 'admin:write:canonical_email_blocks', 'Lift a canonical e-mail block'),
];

export const adminBlockRoutes: AnyRoute[] = [...domainBlocks, ...domainAllows, ...emailDomainBlocks, ...ipBlocks, ...canonicalEmailBlocks];
