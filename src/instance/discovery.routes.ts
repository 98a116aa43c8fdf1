import { z } from 'zod';
import { findAccountByUsername } from '../accounts/accounts.repository.js';
import { profileUrl } from '../accounts/accounts.serializer.js';
import { AppError } from '../errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { instanceStats } from './instance-stats.js';
import { MEDIRED_VERSION } from './version.js';

/**
 * The documents clients read before anything else (NodeInfo, host-meta, WebFinger). Medired does
 * not federate yet, so they say so: NodeInfo lists no protocol, and WebFinger names the profile
 * page only — no ActivityPub actor is advertised until one answers.
 */
const tags = ['instance'];
const NODEINFO_SCHEMAS = ['2.0', '2.1'] as const;

const nodeinfoIndex = defineRoute({
  method: 'get',
  path: '/.well-known/nodeinfo',
  summary: 'Where the NodeInfo documents are',
  tags,
  auth: 'none',
  handler: async ({ app }) => ({
    links: NODEINFO_SCHEMAS.map((version) => ({ rel: `http://nodeinfo.diaspora.software/ns/schema/${version}`, href: `${app.config.publicUrl}/nodeinfo/${version}` })),
  }),
});

function nodeinfo(version: (typeof NODEINFO_SCHEMAS)[number]) {
  return defineRoute({
    method: 'get',
    path: `/nodeinfo/${version}`,
    summary: `NodeInfo ${version}: software, usage and whether sign-up is open`,
    tags,
    auth: 'none',
    handler: async ({ app, c }) => {
      const stats = await instanceStats(app);
      c.header('Content-Type', `application/json; profile="http://nodeinfo.diaspora.software/ns/schema/${version}#"`);
      return c.body(
        JSON.stringify({
          version,
          software: { name: 'medired', version: MEDIRED_VERSION, ...(version === '2.1' ? { homepage: app.config.publicUrl } : {}) },
          protocols: [],
          services: { outbound: [], inbound: [] },
          usage: { users: { total: stats.users, activeMonth: stats.activeMonth }, localPosts: stats.statuses },
          openRegistrations: true,
          metadata: { nodeName: app.config.instanceName },
        }),
      );
    },
  });
}

const hostMeta = defineRoute({
  method: 'get',
  path: '/.well-known/host-meta',
  summary: 'host-meta (XRD): where WebFinger answers',
  tags,
  auth: 'none',
  handler: async ({ app, c }) => {
    c.header('Content-Type', 'application/xrd+xml; charset=utf-8');
    const template = `${app.config.publicUrl}/.well-known/webfinger?resource={uri}`.replace(/&/g, '&amp;').replace(/"/g, '&quot;');
    return c.body(`<?xml version="1.0" encoding="UTF-8"?>\n<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n  <Link rel="lrdd" template="${template}"/>\n</XRD>\n`);
  },
});

/** The username a WebFinger `resource` names on this instance: `acct:user@host` or the profile URL. */
function usernameOf(resource: string, publicUrl: string): string | null {
  const host = new URL(publicUrl).host.toLowerCase();
  const acct = /^(?:acct:)?@?([A-Za-z0-9_]{1,30})@([^@\s]+)$/.exec(resource);
  if (acct) return acct[2]!.toLowerCase() === host ? acct[1]! : null;
  for (const prefix of [`${publicUrl}/@`, `${publicUrl}/users/`]) {
    if (resource.startsWith(prefix)) {
      const name = resource.slice(prefix.length);
      return /^[A-Za-z0-9_]{1,30}$/.test(name) ? name : null;
    }
  }
  return null;
}

const webfinger = defineRoute({
  method: 'get',
  path: '/.well-known/webfinger',
  summary: 'WebFinger (RFC 7033) for local accounts: `acct:user@host` or a profile URL',
  tags,
  auth: 'none',
  query: z.object({ resource: z.string().min(1).max(500) }),
  handler: async ({ app, c, query }) => {
    const username = usernameOf(query.resource, app.config.publicUrl);
    const row = username ? await findAccountByUsername(app.db, username) : undefined;
    if (!row || row.suspended_at) throw new AppError('not_found', 'No such account on this instance');
    const host = new URL(app.config.publicUrl).host;
    const profile = profileUrl(app.config, row.username);
    c.header('Content-Type', 'application/jrd+json; charset=utf-8');
    return c.body(
      JSON.stringify({
        subject: `acct:${row.username}@${host}`,
        aliases: [profile],
        links: [{ rel: 'http://webfinger.net/rel/profile-page', type: 'text/html', href: profile }],
      }),
    );
  },
});

export const discoveryRoutes: AnyRoute[] = [nodeinfoIndex, nodeinfo('2.0'), nodeinfo('2.1'), hostMeta, webfinger];
