import type { AppContext } from '../../../app-context.js';
import type { Viewer } from '../../../auth/viewer.js';
import { loadStatuses, type MastodonStatus } from '../../../posts/status-views.js';

const MAX_ANCESTORS = 40;
const MAX_DESCENDANTS = 80;
const MAX_DEPTH = 6;

/**
 * The conversation around a status as the viewer may see it: the chain of posts it replies to
 * (oldest first) and the replies below it (each followed by its own replies, oldest first), bounded so a
 * huge thread costs a fixed number of queries. Visibility is applied by `loadStatuses`.
 */
export async function loadThread(app: AppContext, status: MastodonStatus, viewer: Viewer | null): Promise<{ ancestors: MastodonStatus[]; descendants: MastodonStatus[] }> {
  const ancestors: MastodonStatus[] = [];
  let parentId = status.in_reply_to_id;
  while (parentId && ancestors.length < MAX_ANCESTORS) {
    const [parent] = await loadStatuses(app, [parentId], viewer);
    if (!parent) break;
    ancestors.unshift(parent);
    parentId = parent.in_reply_to_id;
  }

  const descendants: MastodonStatus[] = [];
  let level = [status.id];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0 && descendants.length < MAX_DESCENDANTS; depth++) {
    const rows = await app.db
      .selectFrom('statuses')
      .select('id')
      .where('in_reply_to_id', 'in', level)
      .where('reblog_of_id', 'is', null)
      .orderBy('id', 'asc')
      .limit(MAX_DESCENDANTS - descendants.length)
      .execute();
    const visible = await loadStatuses(app, rows.map((r) => r.id), viewer);
    descendants.push(...visible);
    level = visible.map((s) => s.id);
  }
  return { ancestors, descendants: depthFirst(status.id, descendants) };
}

/** Replies in reading order: each reply followed by its own replies. */
function depthFirst(rootId: string, replies: MastodonStatus[]): MastodonStatus[] {
  const children = new Map<string, MastodonStatus[]>();
  for (const r of replies) {
    const list = children.get(r.in_reply_to_id ?? '') ?? [];
    list.push(r);
    children.set(r.in_reply_to_id ?? '', list);
  }
  const out: MastodonStatus[] = [];
  const walk = (id: string) => {
    for (const child of children.get(id) ?? []) {
      out.push(child);
      walk(child.id);
    }
  };
  walk(rootId);
  return out;
}
