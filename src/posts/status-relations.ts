import type { AccountRow } from '../accounts/accounts.repository.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import type { MediaRow } from '../media/media-entity.js';
import type { StatusRow } from './posts.repository.js';
import {
  findApplicationNames,
  findFavouritedAmong,
  findMediaOfStatuses,
  findMentionsOfStatuses,
  findRebloggedAmong,
  findTagsOfStatuses,
} from './status-relations.repository.js';

/** Everything a list of statuses refers to, loaded in a fixed number of queries. */
export interface StatusRelations {
  accounts: Map<string, AccountRow>;
  /** Attachments by status id, in upload order. */
  media: Map<string, MediaRow[]>;
  /** Media rows by id (covers of articles). */
  mediaById: Map<string, MediaRow>;
  mentions: Map<string, { id: string; username: string }[]>;
  tags: Map<string, string[]>;
  applications: Map<string, { name: string; website: string | null }>;
  favourited: Set<string>;
  reblogged: Set<string>;
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}

/** Loads authors, media, mentions, tags, applications and the viewer's flags for `rows`. */
export async function loadStatusRelations(db: Db, rows: StatusRow[], viewer: Viewer | null): Promise<StatusRelations> {
  const ids = rows.map((r) => r.id);
  const coverIds = rows.flatMap((r) => (r.cover_media_id ? [r.cover_media_id] : []));
  const appIds = [...new Set(rows.flatMap((r) => (r.application_id ? [r.application_id] : [])))];
  const [accounts, media, mentions, tags, applications, favourites, reblogs] = await Promise.all([
    findAccountsByIds(db, rows.map((r) => r.account_id)),
    findMediaOfStatuses(db, ids, coverIds),
    findMentionsOfStatuses(db, ids),
    findTagsOfStatuses(db, ids),
    appIds.length ? findApplicationNames(db, appIds) : Promise.resolve([]),
    viewer ? findFavouritedAmong(db, viewer.accountId, ids) : Promise.resolve([]),
    viewer ? findRebloggedAmong(db, viewer.accountId, ids) : Promise.resolve([]),
  ]);
  return {
    accounts: new Map(accounts.map((a) => [a.id, a])),
    media: groupBy(media.filter((m) => m.status_id !== null), (m) => m.status_id!),
    mediaById: new Map(media.map((m) => [m.id, m])),
    mentions: new Map([...groupBy(mentions, (m) => m.status_id)].map(([k, v]) => [k, v.map(({ id, username }) => ({ id, username }))])),
    tags: new Map([...groupBy(tags, (t) => t.status_id)].map(([k, v]) => [k, v.map((t) => t.name)])),
    applications: new Map(applications.map((a) => [a.id, { name: a.name, website: a.website }])),
    favourited: new Set(favourites.map((f) => f.status_id)),
    reblogged: new Set(reblogs.flatMap((r) => (r.reblog_of_id ? [r.reblog_of_id] : []))),
  };
}
