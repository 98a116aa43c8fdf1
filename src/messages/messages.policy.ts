import type { AccountKind, VerificationStatus } from '../accounts/accounts.table.js';
import type { MemberState, MessagesFrom } from './messages.table.js';

/**
 * Who may write to whom, in private. The one home of these rules; the service
 * (`message-delivery.ts`, `conversations.service.ts`) loads the facts and enforces the outcome.
 *
 * - A conversation has at most 10 people (the author and 9 others).
 * - Nobody writes to an account that blocks them or that they block, nor to a suspended one.
 * - Whether a first message goes straight into someone's conversations or into their message
 *   requests depends on their setting (`messages_from`):
 *   `anyone`; `following` (accounts they follow); `verified` (verified professionals and
 *   organisations, and accounts they follow); `nobody` (every first message is a request).
 *   Without a setting, professionals and organisations take `anyone` (patients must be able to
 *   reach them) and patients `verified` (strangers cannot write to them directly).
 * - A sender limited by a moderator lands in requests unless the recipient follows them.
 * - Once the person accepted (or wrote in the conversation), messages flow both ways.
 */
export const MAX_CONVERSATION_PEOPLE = 10;

export function effectiveMessagesFrom(account: { kind: AccountKind; messages_from: MessagesFrom | null }): MessagesFrom {
  if (account.messages_from) return account.messages_from;
  return account.kind === 'patient' ? 'verified' : 'anyone';
}

export interface SenderFacts {
  kind: AccountKind;
  verificationStatus: VerificationStatus;
  silenced: boolean;
}

export interface RecipientFacts {
  kind: AccountKind;
  messagesFrom: MessagesFrom | null;
  suspended: boolean;
  /** A block in either direction between sender and recipient. */
  blocked: boolean;
  /** The recipient follows the sender. */
  followsSender: boolean;
}

export type FirstMessageOutcome = 'conversation' | 'request' | 'refused';

/** Where a first message from `sender` to `recipient` goes. */
export function firstMessageOutcome(sender: SenderFacts, recipient: RecipientFacts): FirstMessageOutcome {
  if (recipient.blocked || recipient.suspended) return 'refused';
  if (sender.silenced && !recipient.followsSender) return 'request';
  const verified = sender.kind !== 'patient' && sender.verificationStatus === 'verified';
  switch (effectiveMessagesFrom({ kind: recipient.kind, messages_from: recipient.messagesFrom })) {
    case 'anyone':
      return 'conversation';
    case 'following':
      return recipient.followsSender ? 'conversation' : 'request';
    case 'verified':
      return recipient.followsSender || verified ? 'conversation' : 'request';
    case 'nobody':
      return 'request';
  }
}

/** Members who read a conversation and receive its new messages. */
export function readsConversation(state: MemberState): boolean {
  return state === 'active' || state === 'request';
}

/** Whether a member may write in the conversation (a pending request is answered by accepting it). */
export function maySendIn(state: MemberState): boolean {
  return state === 'active';
}
