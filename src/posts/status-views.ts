import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { AppContext } from '../app-context.js';
import { readerOf } from '../auth/reader.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { findAccountEntityRows, findStatusEntityRows } from './status-entities.repository.js';
import { assembleStatus, toStatusBase, type MastodonStatus, type StatusBase } from './status-entity.js';
import { findStatusFacts, type StatusFacts } from './status-facts.repository.js';
import { openMessageRow } from '../messages/sealed-entity-rows.js';
import { privateMediaKey, signStatusMedia } from '../media/private-media-urls.js';

export type { MastodonStatus } from './status-entity.js';

/**
 * Hydrates statuses into Mastodon Status entities, in at most three queries whatever the number
 * of ids, and in one when their entities are cached:
 *
 * 1. `findStatusFacts`: which of the ids (and of the originals of reblogs among them) the viewer
 *    may see — by the rules of `visibility.ts`, and with `home` the home rules — with the
 *    versions of each row and its author's and the viewer's favourited/reblogged flags;
 * 2. the viewer-independent entities from the cache, keyed by id and version (`st:<id>:<xmin>`,
 *    `ac:<id>:<xmin>`): an edit, a counter change, a moderation label or a profile change makes
 *    a new version, so a cached entity is never stale and no write needs to invalidate it;
 * 3. only for what was not cached: the status rows with all they show, and the account rows,
 *    one query each, then cached.
 *
 * Keeps the order of `ids` and silently drops what the viewer may not see (including reblogs of
 * invisible statuses).
 */
export async function loadStatuses(app: AppContext, ids: string[], viewer: Viewer | null, options: { home?: boolean; reportedToStaff?: boolean } = {}): Promise<MastodonStatus[]> {
  if (ids.length === 0) return [];
  const facts = await findStatusFacts(app.db, ids, viewer, options);
  if (facts.length === 0) return [];
  const byId = new Map<string, StatusFacts>(facts.map((f) => [f.id, f]));
  const readerId = readerOf(viewer)?.accountId ?? null;
  const [bases, accounts] = await Promise.all([statusBases(app, facts), accountEntities(app, facts)]);

  const built = new Map<string, MastodonStatus | null>();
  const build = (id: string): MastodonStatus | null => {
    if (built.has(id)) return built.get(id)!;
    const fact = byId.get(id);
    const base = bases.get(id);
    const account = fact ? accounts.get(fact.account_id) : undefined;
    let entity: MastodonStatus | null = null;
    if (fact && base && account) {
      const reblog = fact.reblog_of_id ? build(fact.reblog_of_id) : null;
      entity = fact.reblog_of_id && !reblog ? null : assembleStatus(base, account, reblog, fact, readerId);
    }
    built.set(id, entity);
    return entity;
  };
  // Originals of reblogs come back from the facts query too: an id is shown only when it passed
  // the rules itself (`in_page`).
  const shown = new Set(facts.filter((f) => f.in_page).map((f) => f.id));
  const statuses = ids.flatMap((id) => {
    const entity = shown.has(id) ? build(id) : null;
    return entity ? [entity] : [];
  });
  // Attachments of private messages live in the private area: their addresses are signed for this reader.
  if (!readerId || !statuses.some((s) => s.visibility === 'direct')) return statuses;
  const key = await privateMediaKey(app);
  return statuses.map((s) => (s.visibility === 'direct' ? signStatusMedia(key, s, readerId, options.reportedToStaff ? 'reported' : 'member') : s));
}

/** A day: versioned entries never go stale, the expiry only frees what is no longer read. */
const ENTITY_TTL_SECONDS = 86_400;

/**
 * The shape of the cached entities: raise it whenever a field is added to or changed in the
 * Status or Account entity, so no process reads an entry of the previous shape from a shared cache.
 */
const ENTITY_SHAPE = 3;
const statusKey = (id: string, version: string) => `st${ENTITY_SHAPE}:${id}:${version}`;
const accountKey = (id: string, version: string) => `ac${ENTITY_SHAPE}:${id}:${version}`;

async function statusBases(app: AppContext, facts: StatusFacts[]): Promise<Map<string, StatusBase>> {
  const out = new Map<string, StatusBase>();
  const cached = await app.cache.getVersioned(facts.map((f) => statusKey(f.id, f.version)));
  const missing: string[] = [];
  facts.forEach((f, i) => {
    const value = cached[i];
    if (value) out.set(f.id, JSON.parse(value) as StatusBase);
    else missing.push(f.id);
  });
  if (missing.length === 0) return out;
  const rows = await findStatusEntityRows(app.db, missing);
  const fresh: [string, string][] = [];
  for (const row of rows) {
    const base = toStatusBase(openMessageRow(app.sealer, row), row.author_username, app.config);
    out.set(row.id, base);
    // Private messages are opened for each read and never cached: no plaintext outside the process.
    if (!row.sealed) fresh.push([statusKey(row.id, row.version), JSON.stringify(base)]);
  }
  // Inside a transaction a row's version is that of the unfinished transaction: not cached.
  if (fresh.length && !app.db.isTransaction) await app.cache.setVersioned(fresh, ENTITY_TTL_SECONDS);
  return out;
}

/** Account entities of the facts' authors, from the cache first. */
async function accountEntities(app: AppContext, facts: StatusFacts[]): Promise<Map<string, MastodonAccount>> {
  const out = new Map<string, MastodonAccount>();
  const wanted = [...new Map(facts.map((f) => [f.account_id, f.account_version])).entries()];
  const cached = await app.cache.getVersioned(wanted.map(([id, v]) => accountKey(id, v)));
  wanted.forEach(([id], i) => {
    const value = cached[i];
    if (value) out.set(id, JSON.parse(value) as MastodonAccount);
  });
  const missing = wanted.map(([id]) => id).filter((id) => !out.has(id));
  if (missing.length === 0) return out;
  const rows = await findAccountEntityRows(app.db, missing);
  const fresh: [string, string][] = [];
  for (const row of rows) {
    const entity = toMastodonAccount(row, app.config);
    out.set(row.id, entity);
    fresh.push([accountKey(row.id, row.version), JSON.stringify(entity)]);
  }
  if (fresh.length && !app.db.isTransaction) await app.cache.setVersioned(fresh, ENTITY_TTL_SECONDS);
  return out;
}

/** One status as the viewer sees it; 404 when it does not exist or the viewer may not see it. */
export async function getVisibleStatus(app: AppContext, id: string, viewer: Viewer | null): Promise<MastodonStatus> {
  const [status] = await loadStatuses(app, [id], viewer);
  if (!status) throw notFound('Status');
  return status;
}
