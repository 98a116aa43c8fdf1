import type { AppContext } from '../app-context.js';
import { loadStatuses } from '../posts/status-views.js';
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
 * - `user`: the readers connected here who are the author or follow it (one query), then
 *   `loadStatuses` with the home rules, once per such reader (their own flags and rules).
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
  return candidates.filter((s) => !hiding.has(s.connection.viewer.accountId)).map((s) => ({ ...s, event, payload }));
}

/** Per reader: the status as `loadStatuses` shows it to them (with the home rules for `user`). */
async function perReader(app: AppContext, statusId: string, event: string, reached: Subscription[], home: boolean): Promise<Delivery[]> {
  const groups = [...byAccount(reached).values()];
  const loaded = await Promise.all(groups.map((g) => loadStatuses(app, [statusId], g[0]!.connection.viewer, { home })));
  return groups.flatMap((group, i) => {
    const status = loaded[i]![0];
    if (!status) return [];
    const payload = JSON.stringify(status);
    return group.map((s) => ({ ...s, event, payload }));
  });
}

async function deliverStatus(app: AppContext, statusId: string, event: string, subscriptions: Subscriptions): Promise<Delivery[]> {
  const audience = await findStatusAudience(app.db, statusId);
  if (!audience) return [];
  const out: Delivery[] = [];
  const publicSubs = audience.visibility === 'public' ? subscriptions.where(isPublic) : [];
  if (publicSubs.length) out.push(...(await publicDeliveries(app, statusId, event, publicSubs)));

  const userSubs = subscriptions.where((s) => s.name === 'user');
  if (userSubs.length && audience.visibility !== 'direct') {
    const followers = await followersAmong(app.db, audience.accountId, [...byAccount(userSubs).keys()]);
    const reached = userSubs.filter((s) => s.connection.viewer.accountId === audience.accountId || followers.has(s.connection.viewer.accountId));
    out.push(...(await perReader(app, statusId, event, reached, true)));
  }
  if (audience.visibility === 'direct') {
    const reached = subscriptions.ofAccounts([audience.accountId, ...audience.mentionedIds], (s) => s.name === 'direct');
    out.push(...(await perReader(app, statusId, event, reached, false)));
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
    }
    // Those who did not read the author (blocks, mutes) learn nothing of it, not even its end.
    const hiding = await readersHidingAuthor(app.db, event.accountId, [...byAccount(reached).keys()]);
    return reached.filter((s) => !hiding.has(s.connection.viewer.accountId)).map((s) => ({ ...s, event: 'delete', payload: event.statusId }));
  },
};
