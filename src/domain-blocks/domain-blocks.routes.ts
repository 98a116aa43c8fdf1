import { z } from 'zod';
import { invalid } from '../errors.js';
import { linkHeader } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { zId } from '../http/schemas.js';
import { deleteDomainBlock, domainBlockPage, insertDomainBlock } from './domain-blocks.repository.js';

/**
 * Mastodon's domain blocks of an account: stored and listed. Medired does not federate yet, so
 * every account is local and a domain block hides nothing (what Mastodon does on an instance
 * that knows no remote account); `domain_blocking` in relationships stays false.
 */

const tags = ['domain_blocks'];

/** A host name (IDN allowed), lower-cased, without scheme, path or port; a URL is reduced to its host. */
const zDomain = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(253, 'must be a domain name')
  .transform((s) => {
    const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`;
    try {
      return new URL(candidate).hostname.toLowerCase();
    } catch {
      return '';
    }
  })
  .refine((d) => /^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z0-9-]{2,63}$/.test(d) && !d.split('.').some((l) => l.startsWith('-') || l.endsWith('-')), 'must be a domain name');

const domainBody = z.object({ domain: zDomain });

const routes = [
  defineRoute({
    method: 'get',
    path: '/api/v1/domain_blocks',
    summary: 'The domains you block',
    tags,
    auth: 'user',
    scope: 'read:blocks',
    query: z.object({
      max_id: zId.optional(),
      since_id: zId.optional(),
      min_id: zId.optional(),
      limit: z.coerce.number({ message: 'must be a number' }).int().min(1).default(100).transform((n) => Math.min(n, 200)),
    }),
    handler: async ({ c, app, viewer, query }) => {
      const rows = await domainBlockPage(app.db, viewer!.accountId, { maxId: query.max_id, sinceId: query.since_id ?? query.min_id, limit: query.limit });
      const link = linkHeader(c.req.url, rows.map((r) => r.id));
      if (link) c.header('Link', link);
      return rows.map((r) => r.domain);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/api/v1/domain_blocks',
    summary: 'Block a domain (no account of another domain exists before federation, so it hides nothing yet)',
    tags,
    auth: 'user',
    scope: 'write:blocks',
    body: domainBody,
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => {
      if (body.domain === new URL(app.config.publicUrl).hostname.toLowerCase()) throw invalid('You cannot block your own domain', 'domain');
      await insertDomainBlock(app.db, viewer!.accountId, body.domain);
      return {};
    },
  }),
  defineRoute({
    method: 'delete',
    path: '/api/v1/domain_blocks',
    summary: 'Unblock a domain',
    tags,
    auth: 'user',
    scope: 'write:blocks',
    body: domainBody,
    errors: ['validation_failed'],
    handler: async ({ app, viewer, body }) => {
      await deleteDomainBlock(app.db, viewer!.accountId, body.domain);
      return {};
    },
  }),
];

export const domainBlockRoutes: AnyRoute[] = routes;
