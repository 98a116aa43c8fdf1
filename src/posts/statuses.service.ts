import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { isForeignKeyViolation } from '../db/errors.js';
import { AppError, forbidden, invalid, notFound } from '../errors.js';
import { attachMedia, checkCover } from '../media/media-claims.js';
import { notify } from '../notifications/notify.js';
import { assertMayPostLinks } from '../moderation/anti-abuse.js';
import { checkContent } from './content-rules.js';
import { assertPollUnchanged, checkPollInput } from '../polls/polls.policy.js';
import { findPollOfStatus } from '../polls/polls.repository.js';
import { createPoll } from '../polls/polls.service.js';
import type { CreateStatusInput, EditStatusInput } from './posts.js';
import { findVisibleStatus, type StatusRow } from './posts.repository.js';
import { composeContent } from './status-compose.js';
import { assertEditKeepsAudience } from './edit-audience.js';
import { scheduleEditNotices } from './edit-notices.js';
import { countsAsReply, recordNewStatus } from './status-counters.js';
import { enqueueFanOut, statusPublished } from '../timelines/home-feed.js';
import type { StatusEvent } from '../streaming/status-stream-events.js';
import { publishStreamEvent } from '../streaming/stream-events.js';
import { bumpStatusCounter } from './status-counters.repository.js';
import { claimIdempotencyKey, DuplicateRequest, existingStatusFor, settleIdempotencyKey } from './idempotency.js';
import { replaceStatusMentions, replaceStatusTags } from './status-links.repository.js';
import { applyStatusEdit, findMediaIdsOfStatus, insertStatus, insertStatusEdit } from './status-publishing.repository.js';
import { deliverDirectMessage, openConversationFor, planDirectMessage, storeDirectMessage, type DirectPlan } from '../messages/message-delivery.js';
import { sealMessageText, withOpenedText } from '../messages/sealed-text.js';
import { sealAttachmentDescriptions } from '../messages/message-storage.repository.js';

/** Notifies newly mentioned accounts (and the author replied to) with Mastodon's `mention`. */
async function notifyMentions(app: AppContext, authorId: string, statusId: string, accountIds: string[]): Promise<void> {
  for (const accountId of new Set(accountIds)) {
    await notify(app.db, { accountId, type: 'mention', fromAccountId: authorId, statusId });
  }
}

/** The status being replied to, which the author must be able to see (else 404). */
async function replyTarget(app: AppContext, viewer: Viewer, id: string): Promise<StatusRow> {
  const parent = await findVisibleStatus(app.db, id, viewer);
  if (!parent) throw notFound('Status');
  if (!parent.reblog_of_id) return parent;
  const original = await findVisibleStatus(app.db, parent.reblog_of_id, viewer);
  if (!original) throw notFound('Status');
  return original;
}

/**
 * Publishes a post or article and returns its id. Costs the same whatever the author's number
 * of followers: nothing is fanned out (home timelines are read on demand). A repeated
 * `Idempotency-Key` within an hour returns the first status instead of creating another.
 */
export async function createStatus(
  app: AppContext,
  viewer: Viewer,
  input: CreateStatusInput,
  idempotencyKey?: string,
  messageTarget: { conversationId?: string; recipientIds?: string[]; agreedByRecipients?: boolean } = {},
): Promise<string> {
  const kind = input.kind;
  const text = input.status ?? '';
  const mediaIds = input.media_ids ?? [];
  checkContent({ kind, text, spoilerText: input.spoiler_text ?? '', title: input.title ?? '', mediaCount: mediaIds.length });
  await assertMayPostLinks(app.db, viewer.accountId, text);
  if (kind === 'note' && input.cover_media_id) throw new AppError('validation_failed', 'Only articles have a cover image', { key: 'posts.coverOnlyArticles' });
  if (idempotencyKey) {
    const existing = await existingStatusFor(app.db, viewer.accountId, idempotencyKey);
    if (existing) return existing;
  }
  const parent = input.in_reply_to_id ? await replyTarget(app, viewer, input.in_reply_to_id) : null;
  const content = await composeContent(app, kind, text);
  const visibility = messageTarget.conversationId || messageTarget.recipientIds ? 'direct' : (input.visibility ?? 'public');
  const implicit = parent && parent.account_id !== viewer.accountId ? [parent.account_id] : [];
  let mentioned = [...new Set([...content.mentionedIds, ...implicit])].filter((id) => id !== viewer.accountId);
  // A private message goes to its conversation's readers (and names them as its mentions), and
  // keeps no plaintext, no hashtags and no media of other kinds than its own.
  let plan: DirectPlan | null = null;
  // A reply to a private message stays in its conversation: it would name its members otherwise.
  if (parent?.visibility === 'direct' && visibility !== 'direct') {
    throw invalid('A reply to a private message is a private message: use visibility direct', 'visibility', 'messages.replyStaysPrivate');
  }
  if (visibility === 'direct') {
    if (kind === 'article') throw new AppError('validation_failed', 'Articles are public writing: they cannot be private messages', { key: 'messages.articleNotPrivate' });
    plan = await planDirectMessage(app, viewer, { parent, mentionedIds: mentioned, ...messageTarget });
    mentioned = plan.readers;
  }
  if (input.poll) checkPollInput(input.poll, { kind, visibility, mediaCount: mediaIds.length });
  const sealedText = { source: text, html: content.html, spoiler: input.spoiler_text ?? '' };

  let statusId: string;
  let trxConversation: string | null = null;
  try {
    statusId = await app.db.transaction().execute(async (trx) => {
      if (idempotencyKey) await claimIdempotencyKey(trx, viewer.accountId, idempotencyKey);
      const conversationId = plan ? await openConversationFor(trx, plan, viewer.accountId) : null;
      const row = await insertStatus(trx, {
        account_id: viewer.accountId,
        kind,
        in_reply_to_id: parent?.id ?? null,
        in_reply_to_account_id: parent?.account_id ?? null,
        reblog_of_id: null,
        title: kind === 'article' ? (input.title ?? '') : '',
        content_source: plan ? '' : text,
        content_html: plan ? '' : content.html,
        spoiler_text: plan ? '' : (input.spoiler_text ?? ''),
        conversation_id: conversationId,
        // As Mastodon: a content warning makes the media sensitive too.
        sensitive: input.sensitive === true || Boolean(input.spoiler_text),
        visibility,
        language: input.language ?? viewer.locale,
        cover_media_id: input.cover_media_id ?? null,
        reading_time_minutes: content.readingTimeMinutes,
        application_id: viewer.applicationId,
      });
      if (input.cover_media_id) await checkCover(trx, viewer.accountId, input.cover_media_id, app.sealer);
      await attachMedia(trx, viewer.accountId, row.id, mediaIds, plan ? { documents: true, storage: app.storage } : { openDescriptionsWith: app.sealer });
      if (plan && conversationId) {
        trxConversation = conversationId;
        await storeDirectMessage(app, trx, plan, conversationId, row.id, viewer.accountId, sealedText);
      } else await replaceStatusTags(trx, row.id, content.tags);
      await replaceStatusMentions(trx, row.id, mentioned);
      if (input.poll) await createPoll(trx, row.id, viewer.accountId, input.poll);
      await recordNewStatus(trx, viewer.accountId, visibility);
      if (parent && countsAsReply(visibility)) await bumpStatusCounter(trx, parent.id, 'replies_count', 1);
      if (idempotencyKey) await settleIdempotencyKey(trx, viewer.accountId, idempotencyKey, row.id);
      await enqueueFanOut(trx, row.id);
      return row.id;
    });
  } catch (err) {
    // The status replied to was deleted meanwhile.
    if (isForeignKeyViolation(err)) throw notFound('Status');
    if (err instanceof DuplicateRequest && idempotencyKey) {
      const existing = await existingStatusFor(app.db, viewer.accountId, idempotencyKey);
      if (existing) return existing;
      throw new AppError('conflict', 'A request with this Idempotency-Key is still being processed');
    }
    throw err;
  }
  await statusPublished(app, { id: statusId, accountId: viewer.accountId, visibility });
  await publishStreamEvent<StatusEvent>(app, { kind: 'status.created', statusId });
  if (plan && trxConversation) await deliverDirectMessage(app, plan, trxConversation, statusId, viewer.accountId);
  else if (!plan) await notifyMentions(app, viewer.accountId, statusId, mentioned);
  return statusId;
}

/** The author's own status, for editing (404 when invisible, 403 when someone else's). */
async function ownStatus(app: AppContext, viewer: Viewer, id: string): Promise<StatusRow> {
  const found = await findVisibleStatus(app.db, id, viewer);
  if (!found) throw notFound('Status');
  const row = withOpenedText(app.sealer, found);
  if (row.account_id !== viewer.accountId) throw forbidden('Only the author may edit this status', 'posts.onlyAuthorEdits');
  if (row.reblog_of_id) throw new AppError('validation_failed', 'A reblog cannot be edited', { key: 'posts.reblogNoEdit' });
  return row;
}

/**
 * Edits a status by its author, keeping the previous version in `status_edits` (Mastodon's
 * history) and setting `edited_at`. Visibility and reply target cannot change, as in Mastodon;
 * unlike Mastodon, an edit cannot add recipients to a followers-only or direct status
 * (`assertEditKeepsAudience`), so no one reads versions written before they were addressed.
 */
export async function editStatus(app: AppContext, viewer: Viewer, id: string, input: EditStatusInput): Promise<void> {
  const row = await ownStatus(app, viewer, id);
  const text = input.status ?? row.content_source;
  const title = row.kind === 'article' ? (input.title ?? row.title) : (input.title ?? '');
  const spoiler = input.spoiler_text ?? row.spoiler_text;
  const currentMedia = await findMediaIdsOfStatus(app.db, id);
  const mediaCount = input.media_ids ? new Set(input.media_ids).size : currentMedia.length;
  checkContent({ kind: row.kind, text, spoilerText: spoiler, title, mediaCount });
  if (input.poll) assertPollUnchanged((await findPollOfStatus(app.db, id)) ?? null, input.poll);
  await assertMayPostLinks(app.db, viewer.accountId, text);
  if (row.kind === 'note' && input.cover_media_id) throw new AppError('validation_failed', 'Only articles have a cover image', { key: 'posts.coverOnlyArticles' });
  const content = await composeContent(app, row.kind, text);
  const implicit = row.in_reply_to_account_id && row.in_reply_to_account_id !== viewer.accountId ? [row.in_reply_to_account_id] : [];
  const mentioned = [...new Set([...content.mentionedIds, ...implicit])].filter((a) => a !== viewer.accountId);
  // A private message keeps its conversation's readers (an edit naming anyone else is refused, as
  // for followers-only posts); its versions stay sealed.
  const sealed = row.visibility === 'direct';
  await assertEditKeepsAudience(app.db, row, mentioned);

  const added = await app.db.transaction().execute(async (trx) => {
    await insertStatusEdit(trx, {
      status_id: id,
      title: row.title,
      content_source: sealed ? '' : row.content_source,
      content_html: sealed ? '' : row.content_html,
      spoiler_text: sealed ? '' : row.spoiler_text,
      sealed: sealed ? row.sealed : null,
      sensitive: row.sensitive,
      created_at: row.edited_at ?? row.created_at,
    });
    if (input.cover_media_id) await checkCover(trx, viewer.accountId, input.cover_media_id, app.sealer);
    await applyStatusEdit(trx, id, {
      title,
      content_source: sealed ? '' : text,
      content_html: sealed ? '' : content.html,
      spoiler_text: sealed ? '' : spoiler,
      ...(sealed ? { sealed: sealMessageText(app.sealer, id, { source: text, html: content.html, spoiler }) } : {}),
      sensitive: (input.sensitive ?? row.sensitive) || spoiler !== '',
      language: input.language ?? row.language,
      reading_time_minutes: content.readingTimeMinutes,
      ...(input.cover_media_id ? { cover_media_id: input.cover_media_id } : {}),
      edited_at: new Date(),
    });
    if (input.media_ids) await attachMedia(trx, viewer.accountId, id, input.media_ids, sealed ? { documents: true, storage: app.storage } : { openDescriptionsWith: app.sealer });
    if (sealed) {
      await sealAttachmentDescriptions(trx, app.sealer, id);
      return [];
    }
    await replaceStatusTags(trx, id, content.tags);
    if (row.reblogs_count > 0) await scheduleEditNotices(trx, id);
    return replaceStatusMentions(trx, id, mentioned);
  });
  await publishStreamEvent<StatusEvent>(app, { kind: 'status.updated', statusId: id });
  await notifyMentions(app, viewer.accountId, id, added);
}
