/**
 * Mastodon's Poll entity (https://docs.joinmastodon.org/entities/Poll/). A status entity's cached
 * base keeps the viewer-independent `PollBase` (its tallies change the status row's version, see
 * `polls.repository.ts`); `toMastodonPoll` adds what depends on the moment and the viewer:
 * `expired`, the viewer's `voted` and `own_votes`, and — as Mastodon does — per-option counts
 * hidden (null) while a `hide_totals` poll is still running.
 */
export interface MastodonPoll {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: { title: string; votes_count: number | null }[];
  emojis: never[];
  voted?: boolean;
  own_votes?: number[];
}

/** What the entity cache keeps of a poll. */
export interface PollBase {
  id: string;
  expires_at: string;
  multiple: boolean;
  hide_totals: boolean;
  votes_count: number;
  voters_count: number;
  options: string[];
  tallies: number[];
}

/** The poll columns as the status entity query returns them (JSON). */
export interface PollEntityFields {
  id: string;
  expires_at: string;
  multiple: boolean;
  hide_totals: boolean;
  votes_count: number;
  voters_count: number;
  options: string[];
  tallies: number[];
}

export function toPollBase(row: PollEntityFields): PollBase {
  return { ...row, id: String(row.id), expires_at: new Date(row.expires_at).toISOString() };
}

/** True once the poll's end has passed (no job needed to read it). */
export function pollExpired(poll: Pick<PollBase, 'expires_at'>, now = new Date()): boolean {
  return new Date(poll.expires_at).getTime() <= now.getTime();
}

/**
 * The entity for one viewer. The author counts as having voted (Mastodon's `Poll#voted?`), so
 * their apps show results rather than a ballot; `voted`/`own_votes` are absent for visitors.
 */
export function toMastodonPoll(base: PollBase, viewer: { signedIn: boolean; isAuthor: boolean; ownVotes: number[] | null }, now = new Date()): MastodonPoll {
  const expired = pollExpired(base, now);
  const showTotals = expired || !base.hide_totals;
  const ownVotes = viewer.ownVotes ?? [];
  return {
    id: base.id,
    expires_at: base.expires_at,
    expired,
    multiple: base.multiple,
    votes_count: base.votes_count,
    voters_count: base.voters_count,
    options: base.options.map((title, i) => ({ title, votes_count: showTotals ? (base.tallies[i] ?? 0) : null })),
    emojis: [],
    ...(viewer.signedIn ? { voted: viewer.isAuthor || ownVotes.length > 0, own_votes: ownVotes } : {}),
  };
}
