import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { findVisibleStatuses, type StatusRow } from './posts.repository.js';
import { toMastodonStatus, type MastodonStatus } from './status-entity.js';
import { loadStatusRelations } from './status-relations.js';

export type { MastodonStatus } from './status-entity.js';

/**
 * Hydrates statuses into Mastodon Status entities in a constant number of queries, whatever the
 * number of ids: the visible rows, the originals of reblogs, then authors, media, mentions,
 * tags, applications and the viewer's favourite/reblog flags in one query each. Keeps the order
 * of `ids` and silently drops what the viewer may not see (including reblogs of invisible
 * statuses), by the rules of `visibility.ts`.
 */
export async function loadStatuses(app: AppContext, ids: string[], viewer: Viewer | null): Promise<MastodonStatus[]> {
  if (ids.length === 0) return [];
  const rows = await findVisibleStatuses(app.db, ids, viewer);
  if (rows.length === 0) return [];
  const originalIds = rows.flatMap((r) => (r.reblog_of_id ? [r.reblog_of_id] : []));
  const originals = await findVisibleStatuses(app.db, originalIds, viewer);
  const all = new Map<string, StatusRow>([...originals, ...rows].map((r) => [r.id, r]));
  const rel = await loadStatusRelations(app.db, [...all.values()], viewer);

  const built = new Map<string, MastodonStatus | null>();
  const build = (id: string): MastodonStatus | null => {
    if (built.has(id)) return built.get(id)!;
    const row = all.get(id);
    let entity: MastodonStatus | null = null;
    if (row) {
      const reblog = row.reblog_of_id ? build(row.reblog_of_id) : null;
      entity = row.reblog_of_id && !reblog ? null : toMastodonStatus(row, rel, app.config, reblog);
    }
    built.set(id, entity);
    return entity;
  };
  const visible = new Set(rows.map((r) => r.id));
  return ids.flatMap((id) => {
    const entity = visible.has(id) ? build(id) : null;
    return entity ? [entity] : [];
  });
}

/** One status as the viewer sees it; 404 when it does not exist or the viewer may not see it. */
export async function getVisibleStatus(app: AppContext, id: string, viewer: Viewer | null): Promise<MastodonStatus> {
  const [status] = await loadStatuses(app, [id], viewer);
  if (!status) throw notFound('Status');
  return status;
}
