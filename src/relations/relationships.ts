import type { Db } from '../db/connect.js';
import { endorsedAmong } from '../endorsements/endorsements.repository.js';
import { blockMuteFacts, followFacts } from './relations.repository.js';
import { notesAbout } from './account-notes.repository.js';

/** Mastodon's Relationship entity. */
export interface Relationship {
  id: string;
  following: boolean;
  showing_reblogs: boolean;
  notifying: boolean;
  languages: null;
  followed_by: boolean;
  blocking: boolean;
  blocked_by: boolean;
  muting: boolean;
  muting_notifications: boolean;
  /** The viewer asked to follow this locked account, which has not answered yet. */
  requested: boolean;
  /** This account asked to follow the (locked) viewer, who has not answered yet. */
  requested_by: boolean;
  domain_blocking: boolean;
  endorsed: boolean;
  /** The viewer's private note about the account ('' when none). */
  note: string;
}

/** Relationships between the viewer and each of `ids`, in the order given. */
export async function relationships(db: Db, viewerId: string, ids: string[]): Promise<Relationship[]> {
  if (ids.length === 0) return [];
  const [follows, blockMute, endorsed, notes] = await Promise.all([followFacts(db, viewerId, ids), blockMuteFacts(db, viewerId, ids), endorsedAmong(db, viewerId, ids), notesAbout(db, viewerId, ids)]);
  return ids.map((id) => ({
    id,
    following: follows.following.has(id),
    showing_reblogs: follows.following.has(id),
    notifying: false,
    languages: null,
    followed_by: follows.followedBy.has(id),
    blocking: blockMute.blocking.has(id),
    blocked_by: blockMute.blockedBy.has(id),
    muting: blockMute.muting.has(id),
    muting_notifications: blockMute.muting.get(id) ?? false,
    requested: follows.requested.has(id),
    requested_by: follows.requestedBy.has(id),
    domain_blocking: false,
    endorsed: endorsed.has(id),
    note: notes.get(id) ?? '',
  }));
}

/** The relationship with one account. */
export async function relationshipWith(db: Db, viewerId: string, id: string): Promise<Relationship> {
  return (await relationships(db, viewerId, [id]))[0]!;
}
