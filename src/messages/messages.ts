import { z } from 'zod';
import { zBool, zId, zList } from '../http/schemas.js';

/** Input of Medired's conversation endpoints (Mastodon's own take no body). */

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

export const MESSAGES_FROM = ['anyone', 'following', 'verified', 'nobody'] as const;

/** `POST /api/v1/medired/conversations`: start a conversation (or write in the one-to-one that exists) with a first message. */
export const startConversationInput = z.object({
  account_ids: zList(zId).refine((ids) => ids.length >= 1, 'needs at least one account'),
  status: z.string(),
  media_ids: z.preprocess(blankToUndefined, zList(zId).optional()),
  spoiler_text: z.preprocess(blankToUndefined, z.string().max(500, 'may be at most 500 characters').optional()),
  sensitive: z.preprocess(blankToUndefined, zBool.optional()),
  language: z.preprocess(blankToUndefined, z.enum(['es', 'en'], { message: 'must be es or en' }).optional()),
});
export type StartConversationInput = z.infer<typeof startConversationInput>;

/** `POST /api/v1/medired/conversations/:id/messages`. */
export const sendMessageInput = startConversationInput.omit({ account_ids: true });
export type SendMessageInput = z.infer<typeof sendMessageInput>;

/** `POST /api/v1/medired/conversations/:id/decline`. */
export const declineInput = z.object({ block: z.preprocess(blankToUndefined, zBool.optional()) });

/** `PUT /api/v1/medired/messaging_settings`. */
export const messagingSettingsInput = z.object({
  messages_from: z.enum(MESSAGES_FROM, { message: 'must be anyone, following, verified or nobody' }),
});
