import { AppError, invalid } from '../errors.js';
import type { StatusKind, Visibility } from '../posts/posts.table.js';
import { pollExpired } from './poll-entity.js';
import { POLL_LIMITS, type PollInput } from './polls.js';

/**
 * Whether a post may carry this poll: Mastodon's `PollValidator` rules (2 to 4 distinct, non-blank
 * options of at most 50 characters, 5 minutes to a month), no media with a poll (Mastodon's rule
 * too), and — Medired's — no polls in private messages (their text is sealed at rest and a poll's
 * options would not be) nor in articles.
 */
export function checkPollInput(poll: PollInput, post: { kind: StatusKind; visibility: Visibility; mediaCount: number }): void {
  if (post.kind === 'article') throw invalid('Articles cannot have polls', 'poll', 'polls.notInArticles');
  if (post.visibility === 'direct') throw invalid('Private messages cannot have polls', 'poll', 'polls.notInMessages');
  if (post.mediaCount > 0) throw invalid('Validation failed: Media attachments cannot be combined with a poll', 'media_ids', 'polls.withMedia');
  const options = poll.options.map((o) => o.trim());
  if (options.length < 2) throw invalid('Validation failed: Polls must have more than one item', 'poll[options]', 'polls.tooFewOptions');
  if (options.length > POLL_LIMITS.maxOptions) {
    throw invalid(`Validation failed: Polls cannot have more than ${POLL_LIMITS.maxOptions} items`, 'poll[options]', 'polls.tooManyOptions', { max: POLL_LIMITS.maxOptions });
  }
  if (options.some((o) => o === '')) throw invalid('Validation failed: Poll options cannot be blank', 'poll[options]', 'polls.optionBlank');
  if (options.some((o) => [...o].length > POLL_LIMITS.maxCharactersPerOption)) {
    throw invalid(`Validation failed: Poll options cannot be longer than ${POLL_LIMITS.maxCharactersPerOption} characters`, 'poll[options]', 'polls.optionTooLong', { max: POLL_LIMITS.maxCharactersPerOption });
  }
  if (new Set(options).size !== options.length) throw invalid('Validation failed: Poll options cannot contain duplicate items', 'poll[options]', 'polls.duplicateOptions');
  if (poll.expires_in < POLL_LIMITS.minExpirationSeconds) {
    throw invalid('Validation failed: Poll duration is too short', 'poll[expires_in]', 'polls.durationTooShort', { minutes: POLL_LIMITS.minExpirationSeconds / 60 });
  }
  if (poll.expires_in > POLL_LIMITS.maxExpirationSeconds) {
    throw invalid('Validation failed: Poll duration is too long', 'poll[expires_in]', 'polls.durationTooLong', { days: Math.floor(POLL_LIMITS.maxExpirationSeconds / 86_400) });
  }
}

/** What the vote rules need to know about a poll and the voter's earlier choices. */
export interface PollVoteFacts {
  accountId: string;
  options: string[];
  multiple: boolean;
  expiresAt: Date;
  /** Choices the voter made before (empty when they never voted). */
  ownVotes: number[];
}

/**
 * Why `voterId` may not cast `choices` in the poll (422, Mastodon's `VoteValidator`), or null:
 * not after it ended, not in one's own poll, only existing options, one option unless multiple,
 * and only once (a multiple-choice poll takes all its choices in one vote, as Mastodon's apps send them).
 */
export function voteRefusal(poll: PollVoteFacts, voterId: string, choices: number[], now = new Date()): AppError | null {
  if (pollExpired({ expires_at: poll.expiresAt.toISOString() }, now)) return invalid('Validation failed: The poll has already ended', 'choices', 'polls.expired');
  if (poll.accountId === voterId) return invalid('Validation failed: You cannot vote in your own polls', 'choices', 'polls.ownPoll');
  if (poll.ownVotes.length > 0) return invalid('Validation failed: You have already voted on this poll', 'choices', 'polls.alreadyVoted');
  if (choices.length === 0) return invalid('Validation failed: Choose at least one option', 'choices', 'polls.noChoice');
  if (choices.some((c) => c >= poll.options.length)) return invalid('Validation failed: The chosen vote option does not exist', 'choices', 'polls.invalidChoice');
  if (!poll.multiple && choices.length > 1) return invalid('Validation failed: Only one option can be chosen in this poll', 'choices', 'polls.oneChoice');
  if (new Set(choices).size !== choices.length) return invalid('Validation failed: The same option was chosen twice', 'choices', 'polls.invalidChoice');
  return null;
}

/** A poll on an edit: only the same poll again (apps resend it), never a changed one. */
export function assertPollUnchanged(current: { options: string[]; multiple: boolean } | null, sent: PollInput): void {
  const same = current && current.multiple === (sent.multiple ?? false) && current.options.join('\u0000') === sent.options.map((o) => o.trim()).join('\u0000');
  if (!same) throw new AppError('validation_failed', 'Polls cannot be changed by editing', { key: 'polls.noEdit' });
}
