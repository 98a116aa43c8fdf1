/**
 * Turns form or query entries into a plain object the way Rails (and so Mastodon) reads them:
 * `a=1` → `{ a: '1' }`, `a[]=1&a[]=2` → `{ a: ['1','2'] }`, `poll[options][]=x` →
 * `{ poll: { options: ['x'] } }`, `a[b]=1` → `{ a: { b: '1' } }`. A key repeated without `[]`
 * keeps its last value, as Rails does.
 */
export function normalizeParams(entries: Iterable<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, value] of entries) {
    const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!match) {
      out[rawKey] = value;
      continue;
    }
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
    assign(out, path, value);
  }
  return out;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function assign(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = target;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    if (FORBIDDEN_KEYS.has(key)) return;
    const last = i === path.length - 1;
    const nextIsArray = path[i + 1] === '';
    if (last) {
      node[key] = value;
      return;
    }
    if (nextIsArray && i + 1 === path.length - 1) {
      const existing = node[key];
      node[key] = Array.isArray(existing) ? [...existing, value] : [value];
      return;
    }
    const child = node[key];
    if (!child || typeof child !== 'object' || Array.isArray(child)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
}
