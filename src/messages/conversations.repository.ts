import { sql } from 'kysely';
import type { Db, Trx } from '../db/connect.js';
import type { AccountKind, VerificationStatus } from '../accounts/accounts.table.js';
import type { MemberState, MessagesFrom } from './messages.table.js';

/** The SQL of conversations and their members. */

export interface MemberRow {
  conversation_id: string;
  account_id: string;
  state: MemberState;
  unread: boolean;
  muted: boolean;
  cleared_up_to: string;
  last_read_status_id: string;
}

export interface ConversationRow {
  id: string;
  is_group: boolean;
  last_status_id: string | null;
  created_by: string | null;
}

/** Facts about a would-be recipient, seen from the sender. */
export interface RecipientRow {
  id: string;
  kind: AccountKind;
  messages_from: MessagesFrom | null;
  suspended: boolean;
  blocked: boolean;
  follows_sender: boolean;
}

export function findRecipientFacts(db: Db, senderId: string, ids: readonly string[]): Promise<RecipientRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('accounts as a')
    .select((eb) => [
      'a.id',
      'a.kind',
      'a.messages_from',
      sql<boolean>`a.suspended_at IS NOT NULL`.as('suspended'),
      eb
        .exists(
          eb
            .selectFrom('blocks as b')
            .select('b.account_id')
            .where((w) =>
              w.or([
                w.and([w('b.account_id', '=', senderId), w('b.target_account_id', '=', w.ref('a.id'))]),
                w.and([w('b.account_id', '=', w.ref('a.id')), w('b.target_account_id', '=', senderId)]),
              ]),
            ),
        )
        .as('blocked'),
      eb.exists(eb.selectFrom('follows as f').select('f.id').whereRef('f.follower_id', '=', 'a.id').where('f.followed_id', '=', senderId)).as('follows_sender'),
    ])
    .where('a.id', 'in', [...new Set(ids)])
    .execute() as Promise<RecipientRow[]>;
}

export function findSenderFacts(db: Db, accountId: string): Promise<{ kind: AccountKind; verification_status: VerificationStatus; silenced: boolean } | undefined> {
  return db
    .selectFrom('accounts')
    .select(['kind', 'verification_status', sql<boolean>`silenced_at IS NOT NULL`.as('silenced')])
    .where('id', '=', accountId)
    .executeTakeFirst();
}

/** The one-to-one conversation between two accounts, if they have one. */
export function findOneToOne(db: Db, a: string, b: string): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('conversations as c')
    .select('c.id')
    .where('c.is_group', '=', false)
    .where((eb) => eb.exists(eb.selectFrom('conversation_members as m').select('m.account_id').whereRef('m.conversation_id', '=', 'c.id').where('m.account_id', '=', a)))
    .where((eb) => eb.exists(eb.selectFrom('conversation_members as m').select('m.account_id').whereRef('m.conversation_id', '=', 'c.id').where('m.account_id', '=', b)))
    .orderBy('c.id')
    .limit(1)
    .executeTakeFirst();
}

export function findConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  return db.selectFrom('conversations').select(['id', 'is_group', 'last_status_id', 'created_by']).where('id', '=', id).executeTakeFirst();
}

export function findMembers(db: Db, conversationId: string): Promise<MemberRow[]> {
  return db
    .selectFrom('conversation_members')
    .select(['conversation_id', 'account_id', 'state', 'unread', 'muted', 'cleared_up_to', 'last_read_status_id'])
    .where('conversation_id', '=', conversationId)
    .orderBy('joined_at')
    .orderBy('account_id')
    .execute();
}

export function findMember(db: Db, conversationId: string, accountId: string): Promise<MemberRow | undefined> {
  return db
    .selectFrom('conversation_members')
    .select(['conversation_id', 'account_id', 'state', 'unread', 'muted', 'cleared_up_to', 'last_read_status_id'])
    .where('conversation_id', '=', conversationId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
}

/** Locks the member rows of a conversation (sending and changes of state serialise on them). */
export async function lockMembers(trx: Trx, conversationId: string): Promise<MemberRow[]> {
  return trx
    .selectFrom('conversation_members')
    .select(['conversation_id', 'account_id', 'state', 'unread', 'muted', 'cleared_up_to', 'last_read_status_id'])
    .where('conversation_id', '=', conversationId)
    .forUpdate()
    .execute();
}

export async function insertConversation(trx: Trx, createdBy: string, isGroup: boolean): Promise<string> {
  const row = await trx.insertInto('conversations').values({ created_by: createdBy, is_group: isGroup }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertMembers(trx: Trx, conversationId: string, members: { accountId: string; state: MemberState }[]): Promise<void> {
  if (members.length === 0) return;
  await trx
    .insertInto('conversation_members')
    .values(members.map((m) => ({ conversation_id: conversationId, account_id: m.accountId, state: m.state })))
    .onConflict((oc) => oc.columns(['conversation_id', 'account_id']).doNothing())
    .execute();
}

/** A new message: the conversation's latest, unread for every other reader, read for its author. */
export async function recordNewMessage(trx: Trx, conversationId: string, statusId: string, authorId: string, readerIds: readonly string[]): Promise<void> {
  await trx.updateTable('conversations').set({ last_status_id: statusId, last_activity_at: new Date() }).where('id', '=', conversationId).execute();
  if (readerIds.length) {
    await trx
      .updateTable('conversation_members')
      .set({ unread: true })
      .where('conversation_id', '=', conversationId)
      .where('account_id', 'in', [...readerIds])
      .where('state', 'in', ['active', 'request'])
      .execute();
  }
  await trx
    .updateTable('conversation_members')
    .set({ unread: false, last_read_status_id: statusId })
    .where('conversation_id', '=', conversationId)
    .where('account_id', '=', authorId)
    .execute();
}

/** After a message was deleted: the conversation's latest is the newest one left (or none). */
export async function refreshLastMessage(db: Db, conversationId: string): Promise<void> {
  await db
    .updateTable('conversations')
    .set({ last_status_id: sql`(SELECT max(s.id) FROM statuses s WHERE s.conversation_id = ${conversationId})` })
    .where('id', '=', conversationId)
    .execute();
}

export async function setMemberState(db: Db, conversationId: string, accountId: string, state: MemberState): Promise<void> {
  await db
    .updateTable('conversation_members')
    .set({ state, state_changed_at: new Date(), ...(state === 'declined' || state === 'left' ? { unread: false } : {}) })
    .where('conversation_id', '=', conversationId)
    .where('account_id', '=', accountId)
    .execute();
}

export async function setMemberMuted(db: Db, conversationId: string, accountId: string, muted: boolean): Promise<void> {
  await db.updateTable('conversation_members').set({ muted }).where('conversation_id', '=', conversationId).where('account_id', '=', accountId).execute();
}

/** Marks the conversation unread for the member (Mastodon's `unread`; what was read stays read). */
export async function markMemberUnread(db: Db, conversationId: string, accountId: string): Promise<void> {
  await db.updateTable('conversation_members').set({ unread: true }).where('conversation_id', '=', conversationId).where('account_id', '=', accountId).execute();
}

/** Marks the conversation read for the member, up to its latest message. */
export async function markMemberRead(db: Db, conversationId: string, accountId: string): Promise<void> {
  await db
    .updateTable('conversation_members')
    .set({ unread: false, last_read_status_id: sql`coalesce((SELECT c.last_status_id FROM conversations c WHERE c.id = ${conversationId}), 0)` })
    .where('conversation_id', '=', conversationId)
    .where('account_id', '=', accountId)
    .execute();
}

/** "Delete for me": every message so far is gone for the member; the conversation leaves their list until a new one. */
export async function clearForMember(db: Db, conversationId: string, accountId: string): Promise<void> {
  await db
    .updateTable('conversation_members')
    .set({ unread: false, cleared_up_to: sql`coalesce((SELECT c.last_status_id FROM conversations c WHERE c.id = ${conversationId}), 0)` })
    .where('conversation_id', '=', conversationId)
    .where('account_id', '=', accountId)
    .execute();
}

export interface ListedConversation {
  conversation_id: string;
  last_status_id: string;
  unread: boolean;
  muted: boolean;
  is_group: boolean;
  state: MemberState;
}

/**
 * A page of the member's conversations in `state` that have a message they still read, most
 * recently active first; keyset on the latest message's id (Mastodon paginates conversations so).
 */
export function listMemberConversations(
  db: Db,
  accountId: string,
  state: 'active' | 'request',
  page: { maxId?: string | undefined; sinceId?: string | undefined; minId?: string | undefined; limit: number },
): Promise<ListedConversation[]> {
  let q = db
    .selectFrom('conversation_members as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.conversation_id', sql<string>`c.last_status_id`.as('last_status_id'), 'm.unread', 'm.muted', 'c.is_group', 'm.state'])
    .where('m.account_id', '=', accountId)
    .where('m.state', '=', state)
    .where('c.last_status_id', 'is not', null)
    .whereRef('c.last_status_id', '>', 'm.cleared_up_to');
  if (page.maxId) q = q.where('c.last_status_id', '<', page.maxId);
  if (page.sinceId) q = q.where('c.last_status_id', '>', page.sinceId);
  if (page.minId) q = q.where('c.last_status_id', '>', page.minId);
  return q
    .orderBy('c.last_status_id', page.minId ? 'asc' : 'desc')
    .limit(page.limit)
    .execute()
    .then((rows) => (page.minId ? rows.reverse() : rows));
}

/** Other readers of each conversation (active or with a pending request), by conversation. */
export async function findOtherMembers(db: Db, conversationIds: readonly string[], accountId: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (conversationIds.length === 0) return out;
  const rows = await db
    .selectFrom('conversation_members')
    .select(['conversation_id', 'account_id'])
    .where('conversation_id', 'in', [...new Set(conversationIds)])
    .where('account_id', '<>', accountId)
    .where('state', 'in', ['active', 'request'])
    .orderBy('joined_at')
    .orderBy('account_id')
    .execute();
  for (const r of rows) out.set(r.conversation_id, [...(out.get(r.conversation_id) ?? []), r.account_id]);
  return out;
}

/** Unread conversations (not muted) and pending requests of an account, for the navigation. */
export async function countUnreadMessages(db: Db, accountId: string): Promise<{ conversations: number; requests: number }> {
  const row = await db
    .selectFrom('conversation_members as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select([
      sql<number>`count(*) FILTER (WHERE m.state = 'active' AND m.unread AND NOT m.muted)::int`.as('conversations'),
      sql<number>`count(*) FILTER (WHERE m.state = 'request')::int`.as('requests'),
    ])
    .where('m.account_id', '=', accountId)
    .where('m.state', 'in', ['active', 'request'])
    .whereRef('c.last_status_id', '>', 'm.cleared_up_to')
    .executeTakeFirstOrThrow();
  return row;
}

/** The ids of a conversation's messages the member reads, newest first, keyset on id. */
export function listConversationMessageIds(db: Db, conversationId: string, clearedUpTo: string, page: { maxId?: string | undefined; limit: number }): Promise<string[]> {
  let q = db.selectFrom('statuses').select('id').where('conversation_id', '=', conversationId).where('id', '>', clearedUpTo);
  if (page.maxId) q = q.where('id', '<', page.maxId);
  return q
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute()
    .then((rows) => rows.map((r) => r.id));
}

/** The conversation a status belongs to. */
export function findConversationOfStatus(db: Db, statusId: string): Promise<{ conversation_id: string | null } | undefined> {
  return db.selectFrom('statuses').select('conversation_id').where('id', '=', statusId).executeTakeFirst();
}

/** One conversation as the member's list shows it (whatever its state), or undefined. */
export function findListedConversation(db: Db, accountId: string, conversationId: string): Promise<ListedConversation | undefined> {
  return db
    .selectFrom('conversation_members as m')
    .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
    .select(['m.conversation_id', sql<string>`coalesce(c.last_status_id, 0)::text`.as('last_status_id'), 'm.unread', 'm.muted', 'c.is_group', 'm.state'])
    .where('m.account_id', '=', accountId)
    .where('m.conversation_id', '=', conversationId)
    .executeTakeFirst();
}
