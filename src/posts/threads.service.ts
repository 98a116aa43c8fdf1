import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { findStatusFacts } from './status-facts.repository.js';
import { readerOf } from '../auth/reader.js';
import { findMutedAmong } from '../relations/relations.repository.js';
import { loadStatuses, type MastodonStatus } from './status-views.js';
import { applyFilters } from '../filters/filter-matching.js';
import { withOpenedText } from '../messages/sealed-text.js';
import { findAncestorIds, findDescendantLinks, findStatusEdits } from './threads.repository.js';

/** How far up a thread ancestors are followed, and how many descendants are read at most. */
const MAX_ANCESTORS = 40;
const MAX_DEPTH = 60;
const MAX_DESCENDANTS = 2000;

/**
 * Mastodon's Context: the chain of statuses this one replies to (oldest first) and the replies
 * below it in thread order (depth first, older branches first). Each side is one recursive
 * query; what the viewer may not see is left out by `loadStatuses`.
 */
export async function statusContext(app: AppContext, id: string, viewer: Viewer | null): Promise<{ ancestors: MastodonStatus[]; descendants: MastodonStatus[] }> {
  const facts = await findStatusFacts(app.db, [id], viewer);
  if (!facts.some((f) => f.id === id && f.in_page)) throw notFound('Status');
  const [up, down] = await Promise.all([findAncestorIds(app.db, id, MAX_ANCESTORS), findDescendantLinks(app.db, id, MAX_DEPTH, MAX_DESCENDANTS)]);
  const children = new Map<string, string[]>();
  for (const r of down) children.set(r.in_reply_to_id, [...(children.get(r.in_reply_to_id) ?? []), r.id]);
  const ordered: string[] = [];
  const stack = [...(children.get(id) ?? [])].reverse();
  while (stack.length) {
    const next = stack.pop()!;
    ordered.push(next);
    stack.push(...[...(children.get(next) ?? [])].reverse());
  }
  // One hydration for both sides (a status is never its own ancestor and descendant).
  const loaded = await loadStatuses(app, [...up, ...ordered], viewer);
  // As in Mastodon, the replies and parents of accounts the reader mutes are left out.
  const reader = readerOf(viewer);
  const muted = reader ? await findMutedAmong(app.db, reader.accountId, loaded.map((s) => s.account.id)) : new Set<string>();
  const shown = await applyFilters(app, viewer, 'thread', loaded.filter((s) => !muted.has(s.account.id)));
  const above = new Set(up);
  return { ancestors: shown.filter((s) => above.has(s.id)), descendants: shown.filter((s) => !above.has(s.id)) };
}

/** Mastodon's StatusEdit entity. */
export interface StatusEdit {
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  created_at: string;
  account: MastodonStatus['account'];
  poll: null;
  media_attachments: MastodonStatus['media_attachments'];
  emojis: never[];
  medired: { title: string };
}

/** Every version of a status, oldest first, the current one last (Mastodon's history). */
export async function statusHistory(app: AppContext, id: string, viewer: Viewer | null): Promise<StatusEdit[]> {
  const [status] = await loadStatuses(app, [id], viewer);
  if (!status) throw notFound('Status');
  const edits = (await findStatusEdits(app.db, id)).map((e) => withOpenedText(app.sealer, e, e.status_id));
  const earlier: StatusEdit[] = edits.map((e) => ({
    content: e.content_html,
    spoiler_text: e.spoiler_text,
    sensitive: e.sensitive,
    created_at: e.created_at.toISOString(),
    account: status.account,
    poll: null,
    media_attachments: [],
    emojis: [],
    medired: { title: e.title },
  }));
  return [
    ...earlier,
    {
      content: status.medired.body_html,
      spoiler_text: status.spoiler_text,
      sensitive: status.sensitive,
      created_at: status.edited_at ?? status.created_at,
      account: status.account,
      poll: null,
      media_attachments: status.media_attachments,
      emojis: [],
      medired: { title: status.medired.title },
    },
  ];
}
