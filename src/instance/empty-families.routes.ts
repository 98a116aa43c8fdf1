import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/route.js';

/**
 * Mastodon API families that have nothing to show on Medired, answered as Mastodon answers on a
 * server without them: no donation campaign is configured (204), no annual report is generated
 * (every year's state is `ineligible`), and with no federation there are no peers to search nor
 * accounts on other domains to count before a domain block.
 */

const donationCampaigns = defineRoute({
  method: 'get',
  path: '/api/v1/donation_campaigns',
  summary: 'The donation campaign to show (Mastodon 4.5): none is configured (204 No Content)',
  tags: ['instance'],
  auth: 'user',
  scope: 'read',
  query: z.object({ locale: z.string().max(20).optional(), seed: z.string().max(40).optional() }),
  handler: async ({ c }) => c.body(null, 204),
});

/** Mastodon's WrappedAnnualReports, empty: Medired generates no annual reports. */
const NO_REPORTS = { annual_reports: [], accounts: [], statuses: [] };
const yearParams = z.object({ id: z.string().regex(/^\d{4}$/, 'must be a year') });

const annualReports = defineRoute({
  method: 'get',
  path: '/api/v1/annual_reports',
  summary: 'Your annual reports (Mastodon 4.3): none, Medired does not generate them',
  tags: ['accounts'],
  auth: 'user',
  scope: 'read:accounts',
  handler: async () => NO_REPORTS,
});

const annualReport = defineRoute({
  method: 'get',
  path: '/api/v1/annual_reports/:id',
  summary: 'Your annual report of a year: none',
  tags: ['accounts'],
  auth: 'user',
  scope: 'read:accounts',
  params: yearParams,
  handler: async () => NO_REPORTS,
});

const annualReportState = defineRoute({
  method: 'get',
  path: '/api/v1/annual_reports/:id/state',
  summary: 'Whether a year\'s report can be generated (Mastodon 4.6): always ineligible',
  tags: ['accounts'],
  auth: 'user',
  scope: 'read:accounts',
  params: yearParams,
  handler: async () => ({ state: 'ineligible' }),
});

const annualReportRead = defineRoute({
  method: 'post',
  path: '/api/v1/annual_reports/:id/read',
  summary: 'Mark a year\'s report read: there is none, nothing changes',
  tags: ['accounts'],
  auth: 'user',
  scope: 'write:accounts',
  params: yearParams,
  handler: async () => ({}),
});

const annualReportGenerate = defineRoute({
  method: 'post',
  path: '/api/v1/annual_reports/:id/generate',
  summary: 'Generate a year\'s report: ineligible, nothing is generated (Mastodon answers 200)',
  tags: ['accounts'],
  auth: 'user',
  scope: 'write:accounts',
  params: yearParams,
  handler: async () => ({}),
});

const peerSearch = defineRoute({
  method: 'get',
  path: '/api/v1/peers/search',
  summary: 'Known servers whose domain matches `q`: none, Medired does not federate',
  tags: ['instance'],
  auth: 'optional',
  scope: 'read',
  query: z.object({ q: z.string().max(255).default('') }),
  handler: async () => [],
});

const domainBlockPreview = defineRoute({
  method: 'get',
  path: '/api/v1/domain_blocks/preview',
  summary: 'How many of your follows and followers a domain block would end (Mastodon 4.4): none, all accounts are local',
  tags: ['accounts'],
  auth: 'user',
  scope: 'read:blocks',
  query: z.object({ domain: z.string().trim().min(1).max(255) }),
  handler: async () => ({ following_count: 0, followers_count: 0 }),
});

export const emptyFamilyRoutes: AnyRoute[] = [donationCampaigns, annualReports, annualReportState, annualReportRead, annualReportGenerate, annualReport, peerSearch, domainBlockPreview];
