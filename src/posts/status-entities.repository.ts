import { sql, type SqlBool } from 'kysely';
import { selectAccounts, type AccountRow } from '../accounts/accounts.repository.js';
import type { Db } from '../db/connect.js';
import { preparedQuery } from '../db/prepared.js';
import type { MediaEntityFields } from '../media/media-entity.js';
import type { PollEntityFields } from '../polls/poll-entity.js';
import { selectStatuses, type StatusRow } from './posts.repository.js';

/**
 * What the entity caches are filled from, when an entity is not cached: status rows with
 * everything their entity shows (attachments, cover, mentions, tags, application, poll) in one query,
 * and account rows in another, each with its version (`xmin`, see `status-facts.repository.ts`).
 * Neither checks visibility: they are only called for ids `findStatusFacts` let through.
 */
export interface StatusEntityRow extends StatusRow {
  version: string;
  /** Attachments; a private message's carry their description sealed (base64). */
  /** The author's username (for the entity's URLs; usernames never change). */
  author_username: string;
  media: (MediaEntityFields & { sealed_description?: string | null })[];
  cover: MediaEntityFields | null;
  mentions: { id: string; username: string }[];
  tags: string[];
  application: { name: string; website: string | null } | null;
  poll: PollEntityFields | null;
}

export interface AccountEntityRow extends AccountRow {
  version: string;
}

const mediaJson = (alias: string) =>
  sql`json_build_object('id', ${sql.ref(`${alias}.id`)}::text, 'kind', ${sql.ref(`${alias}.kind`)}, 'file_path', ${sql.ref(`${alias}.file_path`)},
    'preview_path', ${sql.ref(`${alias}.preview_path`)}, 'width', ${sql.ref(`${alias}.width`)}, 'height', ${sql.ref(`${alias}.height`)},
    'description', ${sql.ref(`${alias}.description`)}, 'sealed_description', encode(${sql.ref(`${alias}.sealed_description`)}, 'base64'),
    'meta', ${sql.ref(`${alias}.meta`)}, 'blurhash', ${sql.ref(`${alias}.blurhash`)}, 'processing', ${sql.ref(`${alias}.processing`)}, 'private', ${sql.ref(`${alias}.private`)})`;

const statusEntityRows = preparedQuery<{ ids: string[] }, StatusEntityRow>('status_entity_rows', (db, p) =>
  selectStatuses(db)
    .select([
      sql<string>`statuses.xmin::text`.as('version'),
      sql<string>`(SELECT u.username FROM accounts u WHERE u.id = statuses.account_id)`.as('author_username'),
      sql<MediaEntityFields[]>`coalesce((SELECT json_agg(${mediaJson('m')} ORDER BY m.id) FROM media_attachments m WHERE m.status_id = statuses.id), '[]'::json)`.as('media'),
      sql<MediaEntityFields | null>`(SELECT ${mediaJson('c')} FROM media_attachments c WHERE c.id = statuses.cover_media_id)`.as('cover'),
      sql<{ id: string; username: string }[]>`coalesce((SELECT json_agg(json_build_object('id', a.id::text, 'username', a.username) ORDER BY a.username)
        FROM mentions mt JOIN accounts a ON a.id = mt.account_id WHERE mt.status_id = statuses.id), '[]'::json)`.as('mentions'),
      sql<string[]>`coalesce((SELECT json_agg(t.name ORDER BY t.name) FROM status_tags st JOIN tags t ON t.id = st.tag_id WHERE st.status_id = statuses.id), '[]'::json)`.as('tags'),
      sql<{ name: string; website: string | null } | null>`(SELECT json_build_object('name', o.name, 'website', o.website) FROM oauth_applications o WHERE o.id = statuses.application_id)`.as(
        'application',
      ),
      sql<PollEntityFields | null>`(SELECT json_build_object('id', pl.id::text, 'expires_at', pl.expires_at, 'multiple', pl.multiple, 'hide_totals', pl.hide_totals,
        'votes_count', pl.votes_count, 'voters_count', pl.voters_count, 'options', to_json(pl.options), 'tallies', to_json(pl.cached_tallies))
        FROM polls pl WHERE pl.status_id = statuses.id)`.as('poll'),
    ])
    .where(sql<SqlBool>`statuses.id = any(${p.ids}::bigint[])`),
);

const accountEntityRows = preparedQuery<{ ids: string[] }, AccountEntityRow>('account_entity_rows', (db, p) =>
  selectAccounts(db)
    .select(sql<string>`accounts.xmin::text`.as('version'))
    .where(sql<SqlBool>`accounts.id = any(${p.ids}::bigint[])`),
);

export function findStatusEntityRows(db: Db, ids: readonly string[]): Promise<StatusEntityRow[]> {
  return ids.length ? statusEntityRows(db, { ids: [...new Set(ids)] }) : Promise.resolve([]);
}

export function findAccountEntityRows(db: Db, ids: readonly string[]): Promise<AccountEntityRow[]> {
  return ids.length ? accountEntityRows(db, { ids: [...new Set(ids)] }) : Promise.resolve([]);
}
