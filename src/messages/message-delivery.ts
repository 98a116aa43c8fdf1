import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import type { Trx } from '../db/connect.js';
import { AppError, forbidden, invalid, notFound } from '../errors.js';
import { notify } from '../notifications/notify.js';
import type { StatusRow } from '../posts/posts.repository.js';
import {
  findConversation,
  findMembers,
  findOneToOne,
  findRecipientFacts,
  findSenderFacts,
  insertConversation,
  insertMembers,
  lockMembers,
  recordNewMessage,
  setMemberState,
  type MemberRow,
} from './conversations.repository.js';
import { conversationChanged } from './conversation-events.js';
import { sealAttachmentDescriptions, setStatusSealedText } from './message-storage.repository.js';
import { firstMessageOutcome, MAX_CONVERSATION_PEOPLE, readsConversation } from './messages.policy.js';
import type { MemberState } from './messages.table.js';
import { sealMessageText, type MessageText } from './sealed-text.js';
import { recordCareRequestAnswer } from '../care-requests/care-requests.repository.js';

/**
 * How a private message (a `direct` status) reaches its conversation: `planDirectMessage` decides
 * before the posting transaction, by the rules of `messages.policy.ts`, which conversation it
 * goes to and who reads it; `storeDirectMessage` writes it inside the transaction (conversation,
 * members, sealed text); `deliverDirectMessage` notifies after the commit.
 */
export interface DirectPlan {
  /** The conversation, or null when the message starts a new one. */
  conversationId: string | null;
  isGroup: boolean;
  /** Members a new conversation starts with (the author first). */
  newMembers: { accountId: string; state: MemberState }[];
  /** The author's state changes to active (accepting a request by answering it, or writing again). */
  authorBecomesActive: boolean;
  /** Everyone besides the author who reads the message. */
  readers: string[];
  /** Readers for whom this message opens a message request. */
  newRequests: string[];
  /** Members whose side becomes active again (they agreed to receive it: a care request). */
  activateMembers: string[];
  /** Readers are told by another notification (a care request's own), not by `mention`. */
  announcedElsewhere: boolean;
}

export interface DirectTarget {
  parent: StatusRow | null;
  /** Accounts mentioned in the text (Mastodon clients address private messages so). */
  mentionedIds: string[];
  /** Medired's pages write into a conversation by its id, or to chosen people. */
  conversationId?: string | undefined;
  recipientIds?: string[] | undefined;
  /**
   * The recipients agreed beforehand to receive this message (a care request to a practice that
   * accepts online requests, `src/care-requests/`): it never lands in their message requests, and
   * the care request's notification announces it. Blocks and suspensions still refuse it.
   */
  agreedByRecipients?: boolean | undefined;
}

/** New conversations one account may start per hour (message requests included). */
const NEW_CONVERSATIONS_PER_HOUR = 20;

export async function planDirectMessage(app: AppContext, viewer: Viewer, target: DirectTarget): Promise<DirectPlan> {
  const me = viewer.accountId;
  const existingId = target.conversationId ?? (target.parent?.visibility === 'direct' ? target.parent.conversation_id : null);
  if (existingId) return planInConversation(app, me, existingId, await findMembers(app.db, existingId));

  const recipients = [...new Set(target.recipientIds ?? [...target.mentionedIds, ...(target.parent ? [target.parent.account_id] : [])])].filter((id) => id !== me);
  if (recipients.length === 0) throw invalid('A private message needs at least one recipient: mention them', 'status', 'messages.noRecipients');
  if (recipients.length > MAX_CONVERSATION_PEOPLE - 1) {
    throw invalid(`A conversation has at most ${MAX_CONVERSATION_PEOPLE} people`, 'status', 'messages.tooManyPeople', { max: MAX_CONVERSATION_PEOPLE });
  }
  const [sender, facts] = await Promise.all([findSenderFacts(app.db, me), findRecipientFacts(app.db, me, recipients)]);
  if (!sender || facts.length !== recipients.length) throw notFound('Account');
  const agreed = target.agreedByRecipients === true;
  const outcomes = new Map(
    facts.map((r) => {
      const outcome = firstMessageOutcome(
        { kind: sender.kind, verificationStatus: sender.verification_status, silenced: sender.silenced },
        { kind: r.kind, messagesFrom: r.messages_from, suspended: r.suspended, blocked: r.blocked, followsSender: r.follows_sender },
      );
      return [r.id, agreed && outcome === 'request' ? 'conversation' : outcome];
    }),
  );
  if ([...outcomes.values()].includes('refused')) {
    throw forbidden(recipients.length === 1 ? 'You cannot write to this account' : 'Some of these people cannot receive your messages', 'messages.cannotWrite');
  }
  if (recipients.length === 1) {
    const existing = await findOneToOne(app.db, me, recipients[0]!);
    if (existing) return planInConversation(app, me, existing.id, await findMembers(app.db, existing.id), { rejoin: true, agreed });
  }
  await limitNewConversations(app, me);
  const newRequests = recipients.filter((id) => outcomes.get(id) === 'request');
  return {
    conversationId: null,
    isGroup: recipients.length > 1,
    newMembers: [{ accountId: me, state: 'active' }, ...recipients.map((id) => ({ accountId: id, state: (outcomes.get(id) === 'request' ? 'request' : 'active') as MemberState }))],
    authorBecomesActive: false,
    readers: recipients,
    newRequests,
    activateMembers: [],
    announcedElsewhere: agreed,
  };
}

/**
 * Writing in an existing conversation: only its members who read it may; answering a request
 * accepts it. `rejoin`: writing to someone again from their profile brings a one-to-one
 * conversation back for the author even after they declined it.
 */
async function planInConversation(app: AppContext, me: string, conversationId: string, members: MemberRow[], options: { rejoin?: boolean; agreed?: boolean } = {}): Promise<DirectPlan> {
  const mine = members.find((m) => m.account_id === me);
  if (!mine) throw notFound('Conversation');
  if (!readsConversation(mine.state) && !(options.rejoin && mine.state === 'declined')) throw notFound('Conversation');
  // A recipient who agreed to receive the message reads it again, whatever their side's state.
  const activateMembers = options.agreed ? members.filter((m) => m.account_id !== me && m.state !== 'active').map((m) => m.account_id) : [];
  const others = members.filter((m) => m.account_id !== me && (readsConversation(m.state) || activateMembers.includes(m.account_id))).map((m) => m.account_id);
  // A block stands inside a conversation too: nobody writes to someone they block or who blocks
  // them; in a group the others still read, the blocked one does not (not even as unread).
  const blocked = new Set((await findRecipientFacts(app.db, me, others)).filter((r) => r.blocked).map((r) => r.id));
  const isGroup = (await findConversation(app.db, conversationId))?.is_group ?? members.length > 2;
  if (!isGroup && blocked.size > 0) throw forbidden('You cannot write to this account', 'messages.cannotWrite');
  const readers = others.filter((id) => !blocked.has(id));
  return { conversationId, isGroup, newMembers: [], authorBecomesActive: mine.state !== 'active', readers, newRequests: [], activateMembers, announcedElsewhere: options.agreed === true };
}

async function limitNewConversations(app: AppContext, accountId: string): Promise<void> {
  const factor = app.config.rateLimitFactor;
  if (factor === 0) return;
  const result = await app.rateLimiter.hit(`messages-new:acct:${accountId}`, Math.max(1, Math.round(NEW_CONVERSATIONS_PER_HOUR * factor)), 3600);
  if (!result.allowed) throw new AppError('rate_limited', 'You have started too many conversations in the last hour. Please wait and try again.', { key: 'messages.tooManyNew' });
}

/** Inside the posting transaction, before the status row: the conversation it belongs to. */
export async function openConversationFor(trx: Trx, plan: DirectPlan, authorId: string): Promise<string> {
  if (plan.conversationId) {
    // Serialises with leaving, declining and other messages of the conversation.
    await lockMembers(trx, plan.conversationId);
    if (plan.authorBecomesActive) await setMemberState(trx, plan.conversationId, authorId, 'active');
    for (const accountId of plan.activateMembers) await setMemberState(trx, plan.conversationId, accountId, 'active');
    return plan.conversationId;
  }
  const id = await insertConversation(trx, authorId, plan.isGroup);
  await insertMembers(trx, id, plan.newMembers);
  return id;
}

/** Inside the posting transaction, after the status row: its sealed text and the conversation's state. */
export async function storeDirectMessage(app: AppContext, trx: Trx, plan: DirectPlan, conversationId: string, statusId: string, authorId: string, text: MessageText): Promise<void> {
  await setStatusSealedText(trx, statusId, sealMessageText(app.sealer, statusId, text));
  await sealAttachmentDescriptions(trx, app.sealer, statusId);
  await recordNewMessage(trx, conversationId, statusId, authorId, plan.readers);
  // The one place every message passes (pages, the API, Mastodon's statuses): a target's first
  // message in the conversation of a care request answers it.
  await recordCareRequestAnswer(trx, conversationId, authorId);
}

/**
 * After the commit: readers who have the conversation (not muted) get Mastodon's `mention`
 * notification; a new message request is announced once; live updates go to every member.
 */
export async function deliverDirectMessage(app: AppContext, plan: DirectPlan, conversationId: string, statusId: string, authorId: string): Promise<void> {
  const members = await findMembers(app.db, conversationId);
  for (const m of members) {
    if (m.account_id === authorId || !plan.readers.includes(m.account_id)) continue;
    if (m.state === 'active' && !m.muted && !plan.announcedElsewhere) await notify(app.db, { accountId: m.account_id, type: 'mention', group: 'messages', fromAccountId: authorId, statusId });
    else if (m.state === 'request' && plan.newRequests.includes(m.account_id)) {
      await notify(app.db, { accountId: m.account_id, type: 'medired.message_request', fromAccountId: authorId, payload: { conversation_id: conversationId } });
    }
  }
  await conversationChanged(app, conversationId, [authorId, ...plan.readers]);
}
