import { AppError } from '../errors.js';
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
    if (path.length > MAX_INPUT_DEPTH) throw tooDeep();
    assign(out, path, value);
  }
  return out;
}

/**
 * How deeply input may nest (JSON arrays and objects, `a[b][c]` form keys). Mastodon's own
 * parameters nest at most three levels; a limit keeps every later walk over the input (validation,
 * the unstorable-character check) shallow, so a hostile body cannot exhaust the stack.
 */
export const MAX_INPUT_DEPTH = 16;

const tooDeep = () =>
  new AppError('bad_request', `The request nests values more than ${MAX_INPUT_DEPTH} levels deep`, { key: 'errors.input.tooDeep', params: { max: MAX_INPUT_DEPTH } });

/**
 * True when the JSON text nests arrays or objects deeper than `max`: one pass over the text,
 * skipping strings, before anything recursive looks at the parsed value.
 */
export function jsonNestsDeeperThan(text: string, max: number = MAX_INPUT_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92 /* \\ */) i++;
      else if (ch === 34 /* " */) inString = false;
    } else if (ch === 34) inString = true;
    else if (ch === 91 || ch === 123 /* [ { */) {
      if (++depth > max) return true;
    } else if (ch === 93 || ch === 125 /* ] } */) depth--;
  }
  return false;
}

/** Refuses JSON text that nests deeper than the input limit (400 with a clear message). */
export function assertJsonDepth(text: string): void {
  if (jsonNestsDeeperThan(text)) throw tooDeep();
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

/** NUL bytes (PostgreSQL text cannot hold them) and UTF-16 surrogates without their pair (no UTF-8 form). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The message for a value refused because it holds characters no text column can store. */
export const UNSTORABLE_MESSAGE = 'must not contain NUL bytes or unpaired surrogate characters';

/**
 * The dotted path of the first string (value or key) in `input` that holds a character the
 * database cannot store, or null when there is none. `where` names the top level (`path`,
 * `query`, `body`) when the offending value is the input itself.
 */
export function unstorableField(input: unknown, where: string, path: string[] = []): string | null {
  if (typeof input === 'string') return UNSTORABLE.test(input) ? path.join('.') || where : null;
  if (Array.isArray(input)) {
    for (const [i, item] of input.entries()) {
      const found = unstorableField(item, where, [...path, String(i)]);
      if (found) return found;
    }
    return null;
  }
  if (input && typeof input === 'object' && !(input instanceof Blob)) {
    for (const [key, value] of Object.entries(input)) {
      if (UNSTORABLE.test(key)) return [...path, key.replace(UNSTORABLE, '?')].join('.');
      const found = unstorableField(value, where, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

/** `path`, or the name of the query parameter, when a part of `url` holds an unstorable character. */
export function unstorableUrlPart(url: URL): string | null {
  for (const segment of url.pathname.split('/')) {
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      // malformed escapes stay as they are (the router does the same)
    }
    if (unstorableField(decoded, 'path')) return 'path';
  }
  for (const [key, value] of url.searchParams) {
    if (unstorableField(key, 'query') || unstorableField(value, 'query')) return unstorableField(key, 'query') ? 'query' : key;
  }
  return null;
}
