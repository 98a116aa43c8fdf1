import { z } from 'zod';
import { invalid } from '../errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { zId, zList } from '../http/schemas.js';
import type { DayRange } from './metrics.repository.js';
import { DIMENSION_KEYS, MEASURE_KEYS, dimensions, measures, retention } from './metrics.service.js';

/** Mastodon's dashboard for moderators: POST `/api/v1/admin/measures`, `dimensions` and `retention`. */
const tags = ['admin'];
/** A date or datetime; the time is ignored, as in Mastodon. */
const zDay = z.string().regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date (YYYY-MM-DD)').transform((s) => s.slice(0, 10)).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a date (YYYY-MM-DD)');
const zTagParam = z.object({ id: zId }).optional();
const zDomainParam = z.object({ domain: z.string().max(255) }).optional();

function range(start: string, end: string, maxDays: number): DayRange {
  const days = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000;
  if (days < 0) throw invalid('end_at must not be before start_at', 'end_at');
  if (days > maxDays) throw invalid(`The period may be at most ${maxDays} days long`, 'end_at');
  return { start, end };
}

const measureRoute = defineRoute({
  method: 'post',
  path: '/api/v1/admin/measures',
  summary: 'Figures per day over a period: active_users, new_users, interactions, opened_reports, resolved_reports, tag_* and instance_* (zero: no remote servers)',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  body: z.object({
    keys: zList(z.enum(MEASURE_KEYS)).refine((k) => k.length > 0, 'name at least one measure'),
    start_at: zDay,
    end_at: zDay,
    tag_accounts: zTagParam,
    tag_uses: zTagParam,
    tag_servers: zTagParam,
    instance_accounts: zDomainParam,
    instance_media_attachments: zDomainParam,
    instance_reports: zDomainParam,
    instance_statuses: zDomainParam,
    instance_follows: zDomainParam,
    instance_followers: zDomainParam,
  }),
  errors: ['validation_failed'],
  handler: async ({ app, body }) =>
    measures(app, body.keys, range(body.start_at, body.end_at, 366), {
      tagIds: { tag_accounts: body.tag_accounts?.id, tag_uses: body.tag_uses?.id, tag_servers: body.tag_servers?.id },
    }),
});

const dimensionRoute = defineRoute({
  method: 'post',
  path: '/api/v1/admin/dimensions',
  summary: 'Breakdowns over a period: languages, sources, space_usage, software_versions, tag_languages, tag_servers; servers and instance_* are empty (no remote servers)',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  body: z.object({
    keys: zList(z.enum(DIMENSION_KEYS)).refine((k) => k.length > 0, 'name at least one dimension'),
    start_at: zDay.optional(),
    end_at: zDay.optional(),
    limit: z.coerce.number().int().min(1).default(10).transform((n) => Math.min(n, 100)),
    tag_servers: zTagParam,
    tag_languages: zTagParam,
    instance_accounts: zDomainParam,
    instance_languages: zDomainParam,
  }),
  errors: ['validation_failed'],
  handler: async ({ app, body }) => {
    const today = new Date().toISOString().slice(0, 10);
    const start = body.start_at ?? new Date(Date.now() - 29 * 86_400_000).toISOString().slice(0, 10);
    return dimensions(app, body.keys, range(start, body.end_at ?? today, 366), body.limit, { tag_servers: body.tag_servers?.id, tag_languages: body.tag_languages?.id });
  },
});

const retentionRoute = defineRoute({
  method: 'post',
  path: '/api/v1/admin/retention',
  summary: 'Retention: of the users who signed up in each day or month, how many used Medired in each later one',
  tags,
  auth: 'moderator',
  scope: 'admin:read',
  body: z.object({ start_at: zDay, end_at: zDay, frequency: z.string().max(10).default('day').transform((f) => (f === 'month' ? ('month' as const) : ('day' as const))) }),
  errors: ['validation_failed'],
  handler: async ({ app, body }) => retention(app, range(body.start_at, body.end_at, body.frequency === 'month' ? 3 * 366 : 366), body.frequency),
});

export const metricsRoutes: AnyRoute[] = [measureRoute, dimensionRoute, retentionRoute];
