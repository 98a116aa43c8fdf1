import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import type { Config } from '../config.js';

/**
 * Where a Web Push subscription may send: the push services of browsers and phones are public
 * HTTPS servers. An endpoint is a URL a client chose, so it must never reach the instance's own
 * network (SSRF): only `https:` to a public host name or address — checked when the subscription
 * is made, and again on every delivery against the addresses the name resolves to (so a name that
 * later points inside cannot be used). Outside production, `http://127.0.0.1` is also accepted,
 * for the tests' local receiver and development.
 */
const internal4 = new BlockList();
const internal6 = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  internal4.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  internal6.addSubnet(net, bits, 'ipv6');
}

/** True for an address inside the instance's network (private, loopback, link-local, mapped…). */
export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return internal4.check(address, 'ipv4');
  // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is that IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return internal4.check(mapped[1]!, 'ipv4');
  if (/^::ffff:/i.test(address)) return true;
  return internal6.check(address, 'ipv6');
}

function allowsLoopback(config: Config): boolean {
  return config.env !== 'production';
}

/** Why an endpoint is refused, or null when a subscription may use it. */
export function endpointProblem(endpoint: string, config: Config): string | null {
  if (endpoint.length > 2000) return 'is too long';
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return 'is not a URL';
  }
  if (url.username || url.password) return 'must not carry credentials';
  if (url.protocol === 'http:' && url.hostname === '127.0.0.1' && allowsLoopback(config)) return null;
  if (url.protocol !== 'https:') return 'must be an https:// URL';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) return isInternalAddress(host) ? 'must be a public address' : null;
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal') || !host.includes('.')) return 'must be a public host name';
  return null;
}

/** A DNS lookup that refuses names resolving to internal addresses (for every delivery). */
const publicLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
    if (err) return callback(err, '', 0);
    const list = addresses.filter((a) => !isInternalAddress(a.address));
    if (list.length === 0 || list.length !== addresses.length) {
      return callback(Object.assign(new Error(`push endpoint ${hostname} resolves to an internal address`), { code: 'EPUSHINTERNAL' }), '', 0);
    }
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
    callback(null, list[0]!.address, list[0]!.family);
  });
};

export interface PushRequest {
  endpoint: string;
  method: string;
  headers: Record<string, string | number>;
  body: Buffer | null;
}

/**
 * Sends one encrypted push message and answers the push service's status code. No redirects are
 * followed; the request gives up after `timeoutMs`.
 */
export function sendPushRequest(request: PushRequest, config: Config, timeoutMs = 10_000): Promise<number> {
  const problem = endpointProblem(request.endpoint, config);
  if (problem) return Promise.reject(new Error(`push endpoint refused: ${problem}`));
  const url = new URL(request.endpoint);
  const loopback = url.protocol === 'http:';
  const transport = loopback ? http : https;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      { method: request.method, headers: request.headers, timeout: timeoutMs, ...(loopback ? {} : { lookup: publicLookup }) },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('push endpoint timed out')));
    req.on('error', reject);
    req.end(request.body ?? undefined);
  });
}
