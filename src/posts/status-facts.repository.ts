import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import { readerOf } from '../auth/reader.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import { preparedQuery } from '../db/prepared.js';
import { homeRules } from '../timelines/timelines.repository.js';
import { readerKind, standInReader, visibleToViewer, type ReaderKind } from './visibility.js';

/**
 * The one query a page of statuses needs when their entities are cached: for the ids (and the
 * originals of reblogs among them), those the viewer may see, each with its version and its
 * author's (the rows' `xmin`, which every update changes: the keys of the entity caches) and the
 * viewer's flags: favourited, reblogged, bookmarked, pinned, muted (the thread) and their votes in the status's poll. Visibility comes from `visibility.ts` and, for the home
 * feed, the home rules from `timelines/home-rules.ts`, so a cached entity is only ever served
 * to someone the rules let see it.
 *
 * It is a prepared statement per kind of reader (anonymous, member, staff) and purpose (any
 * list, or the home feed), its text compiled once.
 */
export interface StatusFacts {
  id: string;
  account_id: string;
  reblog_of_id: string | null;
  version: string;
  account_version: string;
  favourited: boolean;
  reblogged: boolean;
  bookmarked: boolean;
  pinned: boolean;
  /** The viewer muted the status's thread (Mastodon's conversation mute). */
  muted: boolean;
  /** The viewer's choices in the status's poll (null when none, or no poll). */
  own_votes: number[] | null;
  /** False for a row that is only the original of a reblog among the ids. */
  in_page: boolean;
}

type StatusesEb = ExpressionBuilder<Database, 'statuses'>;

interface FactParams extends Record<string, unknown> {
  ids: string[];
  me: string;
}

function factsQuery(kind: ReaderKind, home: boolean, reported = false) {
  return preparedQuery<FactParams, StatusFacts>(`status_facts_${kind}${home ? '_home' : ''}${reported ? '_reported' : ''}`, (db, p) => {
    const viewer = standInReader(kind, p.me);
    const flags = (eb: StatusesEb) => {
      if (!viewer) {
        return [sql<boolean>`false`.as('favourited'), sql<boolean>`false`.as('reblogged'), sql<boolean>`false`.as('bookmarked'), sql<boolean>`false`.as('pinned'), sql<boolean>`false`.as('muted'), sql<number[] | null>`null::json`.as('own_votes')];
      }
      return [
        eb
          .exists(eb.selectFrom('favourites').select('favourites.status_id').where('favourites.account_id', '=', p.me).whereRef('favourites.status_id', '=', 'statuses.id'))
          .as('favourited'),
        eb
          .exists(eb.selectFrom('statuses as mine').select('mine.id').where('mine.account_id', '=', p.me).whereRef('mine.reblog_of_id', '=', 'statuses.id'))
          .as('reblogged'),
        eb
          .exists(eb.selectFrom('bookmarks').select('bookmarks.id').where('bookmarks.account_id', '=', p.me).whereRef('bookmarks.status_id', '=', 'statuses.id'))
          .as('bookmarked'),
        eb
          .exists(eb.selectFrom('status_pins').select('status_pins.id').where('status_pins.account_id', '=', p.me).whereRef('status_pins.status_id', '=', 'statuses.id'))
          .as('pinned'),
        eb
          .exists(
            eb.selectFrom('conversation_mutes').select('conversation_mutes.thread_id').where('conversation_mutes.account_id', '=', p.me).whereRef('conversation_mutes.thread_id', '=', 'statuses.thread_id'),
          )
          .as('muted'),
        sql<number[] | null>`(SELECT json_agg(pv.choice ORDER BY pv.choice) FROM poll_votes pv JOIN polls pl ON pl.id = pv.poll_id
          WHERE pl.status_id = statuses.id AND pv.account_id = ${p.me})`.as('own_votes'),
      ];
    };
    const columns = (eb: StatusesEb, inPage: boolean) => [
      sql<boolean>`${sql.raw(inPage ? 'true' : 'false')}`.as('in_page'),
      'statuses.id' as const,
      'statuses.account_id' as const,
      'statuses.reblog_of_id' as const,
      sql<string>`statuses.xmin::text`.as('version'),
      sql<string>`author_row.xmin::text`.as('account_version'),
      ...flags(eb),
    ];
    const visible = (eb: StatusesEb): Expression<SqlBool> => {
      // Statuses a report is about, read by staff reviewing it: private messages included.
      if (reported) return sql<SqlBool>`true`;
      const rules = [visibleToViewer(eb, viewer, { asStaff: !home })];
      if (home && viewer) rules.push(homeRules(eb, p.me));
      return eb.and(rules);
    };
    const page = db
      .selectFrom('statuses')
      .innerJoin('accounts as author_row', 'author_row.id', 'statuses.account_id')
      .select((eb) => columns(eb as unknown as StatusesEb, true))
      .where(sql<SqlBool>`statuses.id = any(${p.ids}::bigint[])`)
      .where((eb) => visible(eb as unknown as StatusesEb));
    const originals = db
      .selectFrom('statuses')
      .innerJoin('accounts as author_row', 'author_row.id', 'statuses.account_id')
      .select((eb) => columns(eb as unknown as StatusesEb, false))
      .where('statuses.id', 'in', (eb) => eb.selectFrom('statuses as r').select('r.reblog_of_id').where(sql<SqlBool>`r.id = any(${p.ids}::bigint[])`).where('r.reblog_of_id', 'is not', null))
      .where((eb) => visibleToViewer(eb as unknown as StatusesEb, viewer, { asStaff: true }));
    return page.unionAll(originals);
  });
}

const QUERIES = {
  anonymous: factsQuery('anonymous', false),
  member: factsQuery('member', false),
  staff: factsQuery('staff', false),
  memberHome: factsQuery('member', true),
  staffReported: factsQuery('staff', false, true),
};

/**
 * Facts for `ids` as `viewer` may see them; with `home`, only what the home rules let into the
 * viewer's home (the viewer must then be signed in). Originals of reblogs come back too (rows
 * whose id is not among `ids`), under the plain visibility rule.
 */
export function findStatusFacts(db: Db, ids: readonly string[], asViewer: Viewer | null, options: { home?: boolean; reportedToStaff?: boolean } = {}): Promise<StatusFacts[]> {
  if (ids.length === 0) return Promise.resolve([]);
  const kind = readerKind(asViewer);
  const params = { ids: [...new Set(ids)], me: readerOf(asViewer)?.accountId ?? '0' };
  // Only for staff power (`moderation/reported-messages.ts` passes the ids of reports, and audits).
  if (options.reportedToStaff) return kind === 'staff' ? QUERIES.staffReported(db, params) : Promise.resolve([]);
  // Timelines show staff what members see: the home query is the same for both.
  if (options.home && kind !== 'anonymous') return QUERIES.memberHome(db, params);
  return QUERIES[kind](db, params);
}
