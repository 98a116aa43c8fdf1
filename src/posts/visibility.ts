import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { readerOf } from '../auth/reader.js';
import { hasStaffPower } from '../auth/staff-power.js';
import type { Viewer } from '../auth/viewer.js';
import type { Database } from '../db/database.js';
import { blockedEitherWay, mutedBy } from '../relations/relations.repository.js';

/**
 * Who may see a status. One set of rules, used both for single statuses (`canViewStatus`) and, as
 * SQL, for every list (`visibleToViewer`), so timelines, threads and search can never disagree:
 *
 * - `public` and `unlisted`: everyone (unlisted is left out of public timelines, tags and search);
 * - `private` (followers-only): the author, the author's followers and mentioned accounts;
 * - `direct` (a private message): the members of its conversation who are in it (not left, not
 *   declined) and have not deleted it for themselves — the author included, staff included: staff
 *   power does not open private messages; moderators read a message only through a report
 *   about it (`moderation/reported-messages.ts`), and that read is audited;
 * - hidden by a moderator, or by a suspended author: only the author and staff (for a message:
 *   only the author, among the members);
 * - a block in either direction hides the status from the viewer;
 * - staff means staff power (`hasStaffPower`: the role and two-factor authentication);
 * - a suspended viewer reads as an anonymous visitor (`readerOf`), their own statuses included.
 */
export interface StatusAccessFacts {
  accountId: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  hiddenAt: Date | null;
  authorSuspended: boolean;
}

export interface ViewerFacts {
  followsAuthor: boolean;
  mentioned: boolean;
  blockedEitherWay: boolean;
  /** The viewer is in the status's conversation and still reads this message. */
  readsConversation: boolean;
}

/** The rule for one status, given facts the caller loaded. */
export function canViewStatus(status: StatusAccessFacts, viewer: Viewer | null, facts: ViewerFacts): boolean {
  const reader = readerOf(viewer);
  const isAuthor = reader !== null && reader.accountId === status.accountId;
  if (status.visibility === 'direct') {
    if (!facts.readsConversation) return false;
    return isAuthor || (!status.hiddenAt && !status.authorSuspended && !facts.blockedEitherWay);
  }
  if (isAuthor) return true;
  if (hasStaffPower(reader)) return true;
  if (status.hiddenAt || status.authorSuspended) return false;
  if (facts.blockedEitherWay) return false;
  switch (status.visibility) {
    case 'public':
    case 'unlisted':
      return true;
    case 'private':
      return facts.followsAuthor || facts.mentioned;
  }
}

export type StatusesEb = ExpressionBuilder<Database, 'statuses'>;

/**
 * The kinds of reader whose visibility SQL differs: prepared queries (`db/prepared.ts`) build one
 * text per kind, with a stand-in reader whose account id is the statement's `me` parameter.
 */
export type ReaderKind = 'anonymous' | 'member' | 'staff';

export function readerKind(viewer: Viewer | null): ReaderKind {
  const reader = readerOf(viewer);
  if (!reader) return 'anonymous';
  return hasStaffPower(reader) ? 'staff' : 'member';
}

/** A reader of `kind` whose account id is `me` (a statement placeholder), for building query text. */
export function standInReader(kind: ReaderKind, me: string): Viewer | null {
  if (kind === 'anonymous') return null;
  return {
    userId: '0', accountId: me, username: '', staffRole: kind === 'staff' ? 'moderator' : 'user', locale: 'es', scopes: [], via: 'token',
    tokenId: null, sessionId: null, csrfToken: null, applicationId: null, mfaPending: false, mfaEnabled: kind === 'staff', suspended: false,
  };
}

/**
 * SQL condition on `statuses` (aliased as `statuses`) true when `viewer` may see the row. Staff see
 * everything; use `visibleToViewer(eb, viewer, { asStaff: false })` for lists where staff should
 * see what members see (timelines).
 */
export function visibleToViewer(eb: StatusesEb, asViewer: Viewer | null, options: { asStaff?: boolean } = {}): Expression<SqlBool> {
  const asStaff = options.asStaff ?? false;
  const viewer = readerOf(asViewer);
  const readsConversation = (me: string) =>
    eb.exists(
      eb
        .selectFrom('conversation_members as cm')
        .select('cm.account_id')
        .whereRef('cm.conversation_id', '=', 'statuses.conversation_id')
        .where('cm.account_id', '=', me)
        .where('cm.state', 'in', ['active', 'request'])
        .whereRef('cm.cleared_up_to', '<', 'statuses.id'),
    );
  if (asStaff && hasStaffPower(viewer)) return eb.or([eb('statuses.visibility', '<>', 'direct'), readsConversation(viewer!.accountId)]);
  const authorActive = eb.not(
    eb.exists(eb.selectFrom('accounts as author').select('author.id').whereRef('author.id', '=', 'statuses.account_id').where('author.suspended_at', 'is not', null)),
  );
  if (!viewer) {
    return eb.and([eb('statuses.visibility', 'in', ['public', 'unlisted']), eb('statuses.hidden_at', 'is', null), authorActive]);
  }
  const me = viewer.accountId;
  const mentioned = eb.exists(eb.selectFrom('mentions').select('mentions.status_id').whereRef('mentions.status_id', '=', 'statuses.id').where('mentions.account_id', '=', me));
  const follower = eb.exists(
    eb.selectFrom('follows').select('follows.id').where('follows.follower_id', '=', me).whereRef('follows.followed_id', '=', 'statuses.account_id'),
  );
  const blocked = blockedEitherWay(me, 'statuses.account_id');
  const othersRules = [eb('statuses.hidden_at', 'is', null), authorActive, eb.not(blocked)];
  return eb.or([
    eb.and([eb('statuses.account_id', '=', me), eb('statuses.visibility', '<>', 'direct')]),
    eb.and([
      ...othersRules,
      eb.or([
        eb('statuses.visibility', 'in', ['public', 'unlisted']),
        eb.and([eb('statuses.visibility', '=', 'private'), eb.or([follower, mentioned])]),
      ]),
    ]),
    eb.and([
      eb('statuses.visibility', '=', 'direct'),
      readsConversation(me),
      eb.or([eb('statuses.account_id', '=', me), eb.and(othersRules)]),
    ]),
  ]);
}

/** SQL condition: the viewer has muted the status's author (timelines and search leave them out). */
export function mutedByViewer(eb: StatusesEb, viewer: Viewer | null): Expression<SqlBool> {
  if (!viewer) return sql<SqlBool>`false`;
  return mutedBy(viewer.accountId, 'statuses.account_id');
}

/**
 * SQL condition: the status's author is not limited (silenced) by a moderator, or the viewer is
 * them or follows them. Limited accounts stay out of public timelines, tags and search.
 */
export function notLimitedFor(eb: StatusesEb, asViewer: Viewer | null): Expression<SqlBool> {
  const viewer = readerOf(asViewer);
  const silenced = eb
    .selectFrom('accounts as author')
    .select('author.id')
    .whereRef('author.id', '=', 'statuses.account_id')
    .where('author.silenced_at', 'is not', null);
  if (!viewer) return eb.not(eb.exists(silenced));
  const me = viewer.accountId;
  return eb.or([
    eb('statuses.account_id', '=', me),
    eb.not(
      eb.exists(
        silenced.where((a) =>
          a.not(a.exists(a.selectFrom('follows').select('follows.id').where('follows.follower_id', '=', me).whereRef('follows.followed_id', '=', 'author.id'))),
        ),
      ),
    ),
  ]);
}
