import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { DirectoryQuery, ResourceInput } from './groups.js';
import type { GroupMembersTable, GroupResourcesTable, GroupsTable, MemberState } from './groups.table.js';

export type GroupRow = Selectable<GroupsTable>;
export type MemberRow = Selectable<GroupMembersTable>;
export type ResourceRow = Selectable<GroupResourcesTable>;

export function insertGroup(db: Db, values: Insertable<GroupsTable>): Promise<GroupRow> {
  return db.insertInto('groups').values(values).returningAll().executeTakeFirstOrThrow();
}

export function findGroupById(db: Db, id: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findGroupBySlug(db: Db, slug: string): Promise<GroupRow | undefined> {
  return db.selectFrom('groups').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: Db, slug: string): Promise<boolean> {
  return !!(await db.selectFrom('groups').select('id').where('slug', '=', slug).executeTakeFirst());
}

export function updateGroupRow(db: Db, id: string, values: Updateable<GroupsTable>): Promise<GroupRow> {
  return db.updateTable('groups').set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/**
 * One page of the directory (public and private groups alike: only name, description, rules and
 * tags are shown), by tag and by words of the name or description; biggest first within a page
 * is not stable, so the page is keyset on id, newest first.
 */
export function findDirectoryPage(db: Db, q: DirectoryQuery): Promise<GroupRow[]> {
  let query = db.selectFrom('groups').selectAll();
  if (q.tag) query = query.where(sql<boolean>`${q.tag} = any(tags)`);
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    query = query.where((eb) => eb.or([sql<boolean>`unaccent(name) ilike unaccent(${like})`, sql<boolean>`unaccent(description) ilike unaccent(${like})`]));
  }
  if (q.max_id) query = query.where('id', '<', q.max_id);
  return query.orderBy('id', 'desc').limit(q.limit + 1).execute();
}

/** The tags in use, most used first, for the directory's filter. */
export async function findDirectoryTags(db: Db, limit: number): Promise<string[]> {
  const rows = await sql<{ tag: string }>`select tag from (select unnest(tags) as tag from groups) t group by tag order by count(*) desc, tag limit ${limit}`.execute(db);
  return rows.rows.map((r) => r.tag);
}

/** Public URLs' paths of group covers, by media id. */
export async function findCoverPaths(db: Db, mediaIds: readonly string[]): Promise<Map<string, string>> {
  if (mediaIds.length === 0) return new Map();
  const rows = await db.selectFrom('media_attachments').select(['id', 'file_path']).where('id', 'in', mediaIds).execute();
  return new Map(rows.map((r) => [r.id, r.file_path]));
}

export function findGroupsOfOrganisation(db: Db, accountId: string): Promise<GroupRow[]> {
  return db.selectFrom('groups').selectAll().where('organisation_account_id', '=', accountId).orderBy('id', 'asc').limit(20).execute();
}

// ---- members ----

export function findMembership(db: Db, groupId: string, accountId: string): Promise<MemberRow | undefined> {
  return db.selectFrom('group_members').selectAll().where('group_id', '=', groupId).where('account_id', '=', accountId).executeTakeFirst();
}

export async function insertMembership(db: Db, values: Insertable<GroupMembersTable>): Promise<MemberRow> {
  return db.insertInto('group_members').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateMembership(db: Db, groupId: string, accountId: string, values: Updateable<GroupMembersTable>): Promise<MemberRow | undefined> {
  return db.updateTable('group_members').set(values).where('group_id', '=', groupId).where('account_id', '=', accountId).returningAll().executeTakeFirst();
}

export async function deleteMembership(db: Db, groupId: string, accountId: string): Promise<void> {
  await db.deleteFrom('group_members').where('group_id', '=', groupId).where('account_id', '=', accountId).execute();
}

/** Keeps `members_count` equal to the active members. */
export async function recountMembers(db: Db, groupId: string): Promise<void> {
  await db
    .updateTable('groups')
    .set({ members_count: sql<number>`(select count(*) from group_members m where m.group_id = ${groupId} and m.state = 'active')` })
    .where('id', '=', groupId)
    .execute();
}

/** Members in one state, owner and moderators first, then by when they joined (or asked). */
export function findMembers(db: Db, groupId: string, state: MemberState, limit: number): Promise<MemberRow[]> {
  return db
    .selectFrom('group_members')
    .selectAll()
    .where('group_id', '=', groupId)
    .where('state', '=', state)
    .orderBy(sql`case role when 'owner' then 0 when 'moderator' then 1 else 2 end`)
    .orderBy('created_at', 'asc')
    .limit(limit)
    .execute();
}

/** The active owner and moderators, who receive join requests and reports. */
export function findModeratorIds(db: Db, groupId: string): Promise<{ account_id: string }[]> {
  return db.selectFrom('group_members').select('account_id').where('group_id', '=', groupId).where('state', '=', 'active').where('role', 'in', ['owner', 'moderator']).execute();
}

export async function pseudonymTaken(db: Db, groupId: string, pseudonym: string, exceptAccountId: string): Promise<boolean> {
  const row = await db
    .selectFrom('group_members')
    .select('account_id')
    .where('group_id', '=', groupId)
    .where(sql<boolean>`lower(pseudonym) = lower(${pseudonym})`)
    .where('account_id', '<>', exceptAccountId)
    .executeTakeFirst();
  return !!row;
}

/** The groups an account is an active member of (for its own "my groups" list only). */
export function findGroupsOfMember(db: Db, accountId: string): Promise<GroupRow[]> {
  return db
    .selectFrom('groups as g')
    .innerJoin('group_members as m', 'm.group_id', 'g.id')
    .selectAll('g')
    .where('m.account_id', '=', accountId)
    .where('m.state', '=', 'active')
    .orderBy('g.name')
    .limit(100)
    .execute();
}

/** Memberships of one account in several groups (directory cards say "member" or "requested"). */
export function findMembershipsOf(db: Db, accountId: string, groupIds: readonly string[]): Promise<MemberRow[]> {
  if (groupIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_members').selectAll().where('account_id', '=', accountId).where('group_id', 'in', groupIds).execute();
}

/** Memberships of several accounts in one group (for expert badges and pseudonymous members). */
export function findMembershipsIn(db: Db, groupId: string, accountIds: readonly string[]): Promise<MemberRow[]> {
  if (accountIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('group_members').selectAll().where('group_id', '=', groupId).where('account_id', 'in', accountIds).execute();
}

/** A private group's notifications go from a person who is no longer an active member. */
export async function deleteGroupNotifications(db: Db, accountId: string, groupId: string): Promise<void> {
  await db
    .deleteFrom('notifications')
    .where('account_id', '=', accountId)
    .where('type', 'like', 'medired.group_%')
    .where(sql<boolean>`payload->>'group_id' = ${groupId}`)
    .execute();
}

// ---- resources ----

export function findResources(db: Db, groupId: string): Promise<ResourceRow[]> {
  return db.selectFrom('group_resources').selectAll().where('group_id', '=', groupId).orderBy('position').orderBy('id').limit(100).execute();
}

export function insertResource(db: Db, groupId: string, accountId: string, input: ResourceInput): Promise<ResourceRow> {
  return db.insertInto('group_resources').values({ group_id: groupId, created_by: accountId, title: input.title, url: input.url, note: input.note, position: input.position }).returningAll().executeTakeFirstOrThrow();
}

export function findResource(db: Db, id: string): Promise<ResourceRow | undefined> {
  return db.selectFrom('group_resources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function deleteResource(db: Db, id: string): Promise<void> {
  await db.deleteFrom('group_resources').where('id', '=', id).execute();
}

/** Whether `pseudonym` is the display name of a member of the group (any state), ignoring case. */
export async function pseudonymNamesAMember(db: Db, groupId: string, pseudonym: string): Promise<boolean> {
  const row = await db
    .selectFrom('group_members')
    .innerJoin('accounts', 'accounts.id', 'group_members.account_id')
    .select('accounts.id')
    .where('group_members.group_id', '=', groupId)
    .where(sql<boolean>`lower(btrim(accounts.display_name)) = lower(btrim(${pseudonym}))`)
    .executeTakeFirst();
  return !!row;
}
