import { BlockList, isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import type { HonoEnv } from '../http/hono-env.js';
import { clientIp } from '../http/rate-limit.js';
import { noAccessRanges } from './admin-blocks.repository.js';

/**
 * The request gate of Mastodon's `no_access` IP blocks: a request from a blocked range is refused
 * (403) before anything else is done for it. The ranges are held in memory, read again from the
 * database every ten seconds (one small query per process), and at once in the process where an
 * administrator changed them.
 */
const RELOAD_MS = 10_000;

interface Ranges {
  list: BlockList;
  empty: boolean;
  loadedAt: number;
}

const loaded = new WeakMap<AppContext, Ranges>();

async function rangesOf(app: AppContext): Promise<Ranges> {
  const known = loaded.get(app);
  if (known && Date.now() - known.loadedAt < RELOAD_MS) return known;
  const rows = await noAccessRanges(app.db);
  const list = new BlockList();
  for (const { ip } of rows) {
    const [address = '', prefix = ''] = ip.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    list.addSubnet(address, Number(prefix || (family === 'ipv6' ? 128 : 32)), family);
  }
  const ranges = { list, empty: rows.length === 0, loadedAt: Date.now() };
  loaded.set(app, ranges);
  return ranges;
}

/** After an administrator changed the IP blocks: this process reads them again on the next request. */
export async function ipGateChanged(app: AppContext): Promise<void> {
  loaded.delete(app);
}

/** Whether the address is in a `no_access` range now. */
export async function hasNoAccess(app: AppContext, ip: string): Promise<boolean> {
  const family = isIP(ip);
  if (!family) return false;
  const ranges = await rangesOf(app);
  return !ranges.empty && ranges.list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
}

export function ipAccessGate(app: AppContext): MiddlewareHandler<HonoEnv> {
  return async (c, next) => {
    if (await hasNoAccess(app, clientIp(c))) throw new AppError('forbidden', 'Access from your network is blocked on this server', { key: 'admin.ipBlocked' });
    await next();
  };
}
