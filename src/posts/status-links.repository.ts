import { sql } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { MentionableAccounts } from './content-html.js';


/** Existing, active local accounts among `usernames` (lower case) → their id and exact username. */
export async function findMentionable(db: Db, usernames: string[]): Promise<{ byName: MentionableAccounts; ids: Map<string, string> }> {
  if (usernames.length === 0) return { byName: new Map(), ids: new Map() };
  const rows = await db
    .selectFrom('accounts')
    .select(['id', 'username'])
    .where(sql<string>`lower(username)`, 'in', usernames.slice(0, 50))
    .where('suspended_at', 'is', null)
    .execute();
  return {
    byName: new Map(rows.map((r) => [r.username.toLowerCase(), r.username])),
    ids: new Map(rows.map((r) => [r.username.toLowerCase(), r.id])),
  };
}

/** Replaces the hashtags of a status (names already normalised), creating tags as needed. */
export async function replaceStatusTags(trx: Trx, statusId: string, names: string[]): Promise<void> {
  await trx.deleteFrom('status_tags').where('status_id', '=', statusId).execute();
  if (names.length === 0) return;
  await trx
    .insertInto('tags')
    .values(names.map((name) => ({ name })))
    .onConflict((oc) => oc.expression(sql`lower(name)`).doNothing())
    .execute();
  // A hashtag a moderator made unusable is not linked to new statuses (Mastodon's `usable`).
  const tags = await trx.selectFrom('tags').select('id').where(sql<string>`lower(name)`, 'in', names).where('usable', '=', true).execute();
  if (tags.length === 0) return;
  await trx
    .insertInto('status_tags')
    .values(tags.map((t) => ({ status_id: statusId, tag_id: t.id })))
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Replaces the mentioned accounts of a status; returns those that were not mentioned before. */
export async function replaceStatusMentions(trx: Trx, statusId: string, accountIds: string[]): Promise<string[]> {
  const before = await trx.selectFrom('mentions').select('account_id').where('status_id', '=', statusId).execute();
  const previous = new Set(before.map((r) => r.account_id));
  const next = new Set(accountIds);
  const removed = [...previous].filter((id) => !next.has(id));
  const added = [...next].filter((id) => !previous.has(id));
  if (removed.length) await trx.deleteFrom('mentions').where('status_id', '=', statusId).where('account_id', 'in', removed).execute();
  if (added.length) {
    await trx
      .insertInto('mentions')
      .values(added.map((account_id) => ({ status_id: statusId, account_id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return added;
}

/** The accounts a status mentions (its recipients beyond the author's followers). */
export async function findMentionedAccountIds(db: Db, statusId: string): Promise<string[]> {
  const rows = await db.selectFrom('mentions').select('account_id').where('status_id', '=', statusId).execute();
  return rows.map((r) => r.account_id);
}

/** Those of `accountIds` that follow `authorId`. */
export async function findFollowersAmong(db: Db, authorId: string, accountIds: readonly string[]): Promise<string[]> {
  if (accountIds.length === 0) return [];
  const rows = await db.selectFrom('follows').select('follower_id').where('followed_id', '=', authorId).where('follower_id', 'in', [...accountIds]).execute();
  return rows.map((r) => r.follower_id);
}
