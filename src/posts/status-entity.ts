import { profileUrl, type MastodonAccount } from '../accounts/accounts.serializer.js';
import type { Config } from '../config.js';
import { toMediaAttachment, type MastodonMediaAttachment } from '../media/media-entity.js';
import { escapeHtml } from '../text/markdown.js';
import { toMastodonPoll, toPollBase, type MastodonPoll, type PollBase } from '../polls/poll-entity.js';
import type { StatusEntityRow } from './status-entities.repository.js';
import type { StatusKind, Visibility } from './posts.table.js';
import type { MastodonFilterResult } from '../filters/filter-entity.js';

/** Medired's extension of the Status entity (the `medired` field). */
export interface MediredStatusExtension {
  kind: StatusKind;
  /** The article's title ('' for short posts). */
  title: string;
  reading_time_minutes: number | null;
  /** The article's cover image. */
  cover: MastodonMediaAttachment | null;
  /** The public page of the post or article. */
  url: string;
  /** A moderator's label on the status (e.g. a fact-check or "hidden"), or null. */
  moderation_label: string | null;
  /** A private message's conversation (`/api/v1/medired/conversations/:id`); only on direct statuses. */
  conversation_id?: string;
  /** Set only on a promoted post placed in a home timeline (`src/promotions/promotion-delivery.ts`). */
  promotion?: PromotedMark;
}

/** How a promoted status is labelled: apps show `label`, and open `click_url` (counted) to read it. */
export interface PromotedMark {
  id: string;
  /** "Promocionado" or "Promoted", in the reader's language. */
  label: string;
  /** Who pays for it (the promoting account's acct). */
  advertiser: string;
  /** Our tracked redirect to the post (counts the click, no third party involved). */
  click_url: string;
}

/**
 * Mastodon's Status entity (https://docs.joinmastodon.org/entities/Status/) plus `medired`.
 * For articles `content` is the rendered markdown body preceded by the title as an `<h2>`, so
 * Mastodon apps show the title too; `medired.title` carries it separately for Medired's UI
 * (which can use `medired.body_html` to render the body without the title).
 */
export interface MastodonStatus {
  id: string;
  uri: string;
  url: string | null;
  created_at: string;
  edited_at: string | null;
  account: MastodonAccount;
  content: string;
  /** The source text: only present in the response to a deletion (delete and redraft). */
  text?: string;
  visibility: Visibility;
  sensitive: boolean;
  spoiler_text: string;
  media_attachments: MastodonMediaAttachment[];
  application: { name: string; website: string | null } | null;
  mentions: { id: string; username: string; url: string; acct: string }[];
  tags: { name: string; url: string }[];
  emojis: never[];
  reblogs_count: number;
  favourites_count: number;
  replies_count: number;
  in_reply_to_id: string | null;
  in_reply_to_account_id: string | null;
  reblog: MastodonStatus | null;
  poll: MastodonPoll | null;
  card: null;
  language: string;
  favourited: boolean;
  reblogged: boolean;
  muted: boolean;
  bookmarked: boolean;
  pinned: boolean;
  /** The viewer's filters matching it (`filters/filter-matching.ts`); empty in the cached entity. */
  filtered: MastodonFilterResult[];
  medired: MediredStatusExtension & { body_html: string };
}

/** Public page of a status: Mastodon's `/@handle/:id`. */
export function statusUrl(config: Config, username: string, id: string): string {
  return `${profileUrl(config, username)}/${id}`;
}

/** Public page of a hashtag. */
export function tagUrl(config: Config, name: string): string {
  return `${config.publicUrl}/tags/${encodeURIComponent(name.toLowerCase())}`;
}

/** The part of a Status entity that is the same for every viewer: what the entity cache keeps. */
export type StatusBase = Omit<MastodonStatus, 'account' | 'reblog' | 'favourited' | 'reblogged' | 'bookmarked' | 'pinned' | 'poll'> & { poll: PollBase | null };

/**
 * Builds the viewer-independent part of the entity from its row. For a reblog the wrapper's
 * `url`, `content` and body are taken from the original when assembling (`assembleStatus`).
 */
export function toStatusBase(row: StatusEntityRow, authorUsername: string, config: Config): StatusBase {
  const url = statusUrl(config, authorUsername, row.id);
  const content = row.kind === 'article' ? `<h2>${escapeHtml(row.title)}</h2>${row.content_html}` : row.content_html;
  return {
    id: row.id,
    uri: `${config.publicUrl}/users/${authorUsername}/statuses/${row.id}${row.reblog_of_id ? '/activity' : ''}`,
    url,
    created_at: row.created_at.toISOString(),
    edited_at: row.edited_at ? row.edited_at.toISOString() : null,
    content: row.reblog_of_id ? '' : content,
    visibility: row.visibility,
    sensitive: row.sensitive,
    spoiler_text: row.spoiler_text,
    media_attachments: row.media.map((m) => toMediaAttachment(m, config)),
    application: row.application,
    mentions: row.mentions.map((m) => ({ id: m.id, username: m.username, acct: m.username, url: profileUrl(config, m.username) })),
    tags: row.tags.map((name) => ({ name, url: tagUrl(config, name) })),
    emojis: [],
    reblogs_count: row.reblogs_count,
    favourites_count: row.favourites_count,
    replies_count: row.replies_count,
    in_reply_to_id: row.in_reply_to_id,
    in_reply_to_account_id: row.in_reply_to_account_id,
    poll: row.poll ? toPollBase(row.poll) : null,
    card: null,
    language: row.language,
    muted: false,
    filtered: [],
    medired: {
      kind: row.kind,
      title: row.title,
      reading_time_minutes: row.reading_time_minutes,
      cover: row.cover ? toMediaAttachment(row.cover, config) : null,
      url,
      moderation_label: row.moderation_label,
      ...(row.conversation_id ? { conversation_id: row.conversation_id } : {}),
      body_html: row.reblog_of_id ? '' : row.content_html,
    },
  };
}

/** The viewer's flags on one status, from the facts query (`status-facts.repository.ts`). */
export interface ViewerFlags {
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  pinned: boolean;
  /** The viewer muted the status's thread. */
  muted: boolean;
  own_votes: number[] | null;
}

/**
 * The entity as one viewer sees it: the cached base, its author, the original of a reblog, the
 * viewer's flags and the poll as of now. `viewerId` is the signed-in reader's account (null for
 * a visitor).
 */
export function assembleStatus(base: StatusBase, account: MastodonAccount, reblog: MastodonStatus | null, flags: ViewerFlags, viewerId: string | null): MastodonStatus {
  const poll = base.poll ? toMastodonPoll(base.poll, { signedIn: viewerId !== null, isAuthor: viewerId === account.id, ownVotes: flags.own_votes }) : null;
  return {
    ...base,
    url: reblog ? reblog.url : base.url,
    account,
    reblog,
    poll,
    favourited: flags.favourited,
    reblogged: flags.reblogged,
    bookmarked: flags.bookmarked,
    pinned: flags.pinned,
    muted: flags.muted,
  };
}
