import type { AppContext } from '../app-context.js';
import { loadStatuses } from '../posts/status-views.js';
import { applyFilters, filterJudge, withFiltered } from '../filters/filter-matching.js';
import type { FilterContext } from '../filters/filters.table.js';
import { listsAmongHolding, listTimelineIds } from '../lists/lists.repository.js';
import { tagFollowersAmong } from '../tags/tags.repository.js';
import { followersAmong, readersHidingAuthor } from '../relations/relations.repository.js';
import type { IdRange } from '../timelines/timeline-page.js';
import { publicTimelineIds, tagTimelineIds } from '../timelines/timelines.repository.js';
import { byAccount, type Delivery, type StreamEventKind, type Subscriptions } from './stream-events.js';
import type { Subscription } from './stream-connection.js';
import { findStatusAudience } from './stream.repository.js';
import type { StreamKey } from './streams.js';

/**
 * Statuses on the streams, decided by the rules of the timelines they stand for — never rules of
 * their own:
 * - `public`, `public:local` (and `:media`), `hashtag`, `hashtag:local`: the public and tag
 *   timeline queries for the one id, as an anonymous reader, once per event (and once per tag
 *   subscribed to); then, in one query for every reader, those who block or mute the author or
 *   are blocked by it are left out. Everyone gets the same entity, as in Mastodon.
 * - `user`: the readers connected here who are the author, follow it or follow one of the
 *   status's hashtags (one query each), then `loadStatuses` with the home rules, once per such
 *   reader (their own flags and rules).
 * - `list`: the subscribed lists holding the author, then the list timeline's query for the id.
 * Each reader's filters apply (home for `user` and `list`, public for the public streams).
 * - `direct`: direct statuses, to their author and mentioned accounts for whom `loadStatuses`
 *   shows it (the conversation model will replace this with `conversation` events).
 * Remote streams never receive anything: Medired has no federation yet.
 */

export interface StatusEvent {
  kind: 'status.created' | 'status.updated';
  statusId: string;
}

export interface StatusDeletedEvent {
  kind: 'status.deleted';
  statusId: string;
  accountId: string;
  visibility: string;
  mentionedIds: string[];
}

const PUBLIC_STREAMS = new Set(['public', 'public:media', 'public:local', 'public:local:media']);
const TAG_STREAMS = new Set(['hashtag', 'hashtag:local']);
const isPublic = (s: StreamKey) => PUBLIC_STREAMS.has(s.name) || TAG_STREAMS.has(s.name);

/** A timeline page that can hold exactly this id. */
function only(id: string): IdRange {
  const n = BigInt(id);
  return { below: String(n + 1n), above: String(n - 1n), ascending: false, limit: 1 };
}

async function publicDeliveries(app: AppContext, statusId: string, event: string, reached: Subscription[]): Promise<Delivery[]> {
  const [status] = await loadStatuses(app, [statusId], null);
  if (!status) return [];
  const onPublic = reached.some((s) => PUBLIC_STREAMS.has(s.stream.name))
    ? (await publicTimelineIds(app.db, null, only(statusId), { remoteOnly: false, onlyMedia: false })).length > 0
    : false;
  const carried = new Set(status.tags.map((t) => t.name.toLowerCase()));
  const tags = [...new Set(reached.flatMap((s) => (s.stream.tag && carried.has(s.stream.tag) ? [s.stream.tag] : [])))];
  const tagged = new Set<string>();
  for (const tag of tags) {
    const ids = await tagTimelineIds(app.db, null, only(statusId), { any: [tag], all: [], none: [], remoteOnly: false, onlyMedia: false });
    if (ids.length) tagged.add(tag);
  }
  const hasMedia = status.media_attachments.length > 0;
  const matches = (s: StreamKey) =>
    s.tag !== undefined ? tagged.has(s.tag) : onPublic && (!s.name.endsWith(':media') || hasMedia);
  const candidates = reached.filter((s) => matches(s.stream));
  const hiding = await readersHidingAuthor(app.db, status.account.id, [...byAccount(candidates).keys()]);
  const payload = JSON.stringify(status);
  const out: Delivery[] = [];
  // Each reader's own filters of the public context: hide leaves them out, warn adds `filtered`.
  for (const group of byAccount(candidates.filter((s) => !hiding.has(s.connection.viewer.accountId))).values()) {
    const verdict = (await filterJudge(app, group[0]!.connection.viewer, 'public'))(status);
    if (verdict.hide) continue;
    const own = verdict.filtered.length ? JSON.stringify(withFiltered(status, verdict.filtered)) : payload;
    out.push(...group.map((s) => ({ ...s, event, payload: own })));
  }
  return out;
}

/**
 * Per reader: the status as `loadStatuses` shows it to them (with the home rules for `user`), and
 * as their filters of `context` leave it (a hidden status is not sent; a warned one carries `filtered`).
 */
async function perReader(app: AppContext, statusId: string, event: string, reached: Subscription[], home: boolean, context: FilterContext | null): Promise<Delivery[]> {
  const groups = [...byAccount(reached).values()];
  const loaded = await Promise.all(
    groups.map(async (g) => {
      const viewer = g[0]!.connection.viewer;
      const found = await loadStatuses(app, [statusId], viewer, { home });
      return context ? applyFilters(app, viewer, context, found) : found;
    }),
  );
  return groups.flatMap((group, i) => {
    const status = loaded[i]![0];
    if (!status) return [];
    const payload = JSON.stringify(status);
    return group.map((s) => ({ ...s, event, payload }));
  });
}

/**
 * `list` streams: the lists subscribed to that hold the author, then for each the list timeline's
 * own query for this one id, as its owner; the owner's home filters apply, as on the list timeline.
 */
async function listDeliveries(app: AppContext, statusId: string, authorId: string, event: string, listSubs: Subscription[]): Promise<Delivery[]> {
  const lists = await listsAmongHolding(app.db, [...new Set(listSubs.map((s) => s.stream.list!))], authorId);
  const out: Delivery[] = [];
  for (const list of lists) {
    const subs = listSubs.filter((s) => s.stream.list === list.id && s.connection.viewer.accountId === list.account_id);
    if (subs.length === 0) continue;
    if ((await listTimelineIds(app.db, subs[0]!.connection.viewer, list, only(statusId))).length === 0) continue;
    out.push(...(await perReader(app, statusId, event, subs, false, 'home')));
  }
  return out;
}

async function deliverStatus(app: AppContext, statusId: string, event: string, subscriptions: Subscriptions): Promise<Delivery[]> {
  const audience = await findStatusAudience(app.db, statusId);
  if (!audience) return [];
  const out: Delivery[] = [];
  const publicSubs = audience.visibility === 'public' ? subscriptions.where(isPublic) : [];
  if (publicSubs.length) out.push(...(await publicDeliveries(app, statusId, event, publicSubs)));

  const userSubs = subscriptions.where((s) => s.name === 'user');
  if (userSubs.length && audience.visibility !== 'direct') {
    const readers = [...byAccount(userSubs).keys()];
    // Followers of the author, and (for a public status) followers of one of its hashtags; the
    // home rules then decide for each.
    const [followers, tagFollowers] = await Promise.all([
      followersAmong(app.db, audience.accountId, readers),
      audience.visibility === 'public' ? tagFollowersAmong(app.db, statusId, readers) : Promise.resolve(new Set<string>()),
    ]);
    const reached = userSubs.filter((s) => s.connection.viewer.accountId === audience.accountId || followers.has(s.connection.viewer.accountId) || tagFollowers.has(s.connection.viewer.accountId));
    out.push(...(await perReader(app, statusId, event, reached, true, 'home')));
  }
  const listSubs = subscriptions.where((s) => s.name === 'list');
  if (listSubs.length && audience.visibility !== 'direct') out.push(...(await listDeliveries(app, statusId, audience.accountId, event, listSubs)));
  if (audience.visibility === 'direct') {
    const reached = subscriptions.ofAccounts([audience.accountId, ...audience.mentionedIds], (s) => s.name === 'direct');
    out.push(...(await perReader(app, statusId, event, reached, false, null)));
  }
  return out;
}

export const statusCreated: StreamEventKind<StatusEvent> = {
  kind: 'status.created',
  deliver: (app, event, subscriptions) => deliverStatus(app, event.statusId, 'update', subscriptions),
};

export const statusUpdated: StreamEventKind<StatusEvent> = {
  kind: 'status.updated',
  deliver: (app, event, subscriptions) => deliverStatus(app, event.statusId, 'status.update', subscriptions),
};

/**
 * A deleted status cannot be checked any more: its id goes where the status could have been
 * shown, except to readers hiding its author — the public streams for a public status, the `user` stream of its author and followers
 * unless it was direct, the `direct` stream of its author and mentioned accounts if it was.
 */
export const statusDeleted: StreamEventKind<StatusDeletedEvent> = {
  kind: 'status.deleted',
  async deliver(app, event, subscriptions) {
    const reached: Subscription[] = [];
    if (event.visibility === 'public') reached.push(...subscriptions.where(isPublic));
    if (event.visibility === 'direct') {
      reached.push(...subscriptions.ofAccounts([event.accountId, ...event.mentionedIds], (s) => s.name === 'direct'));
    } else {
      const userSubs = subscriptions.where((s) => s.name === 'user');
      const followers = await followersAmong(app.db, event.accountId, [...byAccount(userSubs).keys()]);
      reached.push(...userSubs.filter((s) => s.connection.viewer.accountId === event.accountId || followers.has(s.connection.viewer.accountId)));
      const listSubs = subscriptions.where((s) => s.name === 'list');
      if (listSubs.length) {
        const lists = await listsAmongHolding(app.db, [...new Set(listSubs.map((s) => s.stream.list!))], event.accountId);
        reached.push(...listSubs.filter((s) => lists.some((l) => l.id === s.stream.list && l.account_id === s.connection.viewer.accountId)));
      }
    }
    // Those who did not read the author (blocks, mutes) learn nothing of it, not even its end.
    const hiding = await readersHidingAuthor(app.db, event.accountId, [...byAccount(reached).keys()]);
    return reached.filter((s) => !hiding.has(s.connection.viewer.accountId)).map((s) => ({ ...s, event: 'delete', payload: event.statusId }));
  },
};
