import { deleteStatus } from '../posts/status-deletion.service.js';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import { startConversation, sendMessage } from '../messages/send-message.service.js';
import { notify } from '../notifications/notify.js';
import { isBlockedEitherWay } from '../relations/relations.repository.js';
import type { CareRequestListQuery, CreateCareRequestInput } from './care-requests.js';
import { answerDecision, closeDecision, createDecision, MAX_REQUESTS_PER_DAY, type ActDecision, type CreateDecision } from './care-requests.policy.js';
import {
  closeRequestRow,
  countSentSince,
  findRequestForParty,
  findTargetFacts,
  hasOpenRequest,
  insertCareRequest,
  listRequestPage,
  type CareRequestRow,
} from './care-requests.repository.js';

export type { CareRequestRow } from './care-requests.repository.js';

/** Turns a refusal of the policy (`care-requests.policy.ts`) into the error the entrances answer with. */
function assertCreate(decision: CreateDecision): void {
  switch (decision) {
    case 'allowed':
      return;
    case 'suspended':
      throw forbidden('A suspended account cannot send requests', 'careRequests.error.suspended');
    case 'self':
      throw invalidTarget('You cannot send a request to yourself', 'careRequests.error.self');
    case 'unavailable':
      // The same answer whoever blocked whom (and for a suspended target): a block is not revealed.
      throw forbidden('You cannot send a request to this account', 'careRequests.error.unavailable');
    case 'not_accepting':
      throw forbidden('This account does not accept online requests', 'careRequests.error.notAccepting');
    case 'open_exists':
      throw conflict('You already have an open request with this account: write in its conversation, or close it first', 'careRequests.error.openExists');
    case 'daily_limit':
      throw new AppError('rate_limited', `You can send at most ${MAX_REQUESTS_PER_DAY} requests a day`, { key: 'careRequests.error.dailyLimit', params: { max: MAX_REQUESTS_PER_DAY } });
  }
}

function invalidTarget(message: string, key: 'careRequests.error.self') {
  return new AppError('validation_failed', message, { key, details: [{ field: 'account_id', message, key }] });
}

function assertAct(decision: ActDecision): void {
  switch (decision) {
    case 'allowed':
      return;
    case 'not_party':
      throw notFound('Care request');
    case 'not_target':
      throw forbidden('Only the recipient of a request answers it; write in its conversation instead', 'careRequests.error.onlyTarget');
    case 'closed':
      throw conflict('This request is closed', 'careRequests.error.closed');
  }
}

/**
 * Sends a care request: the rules first, then the text as the first message of the private
 * conversation with the target (sealed at rest there; active for the target, who agreed to
 * receive requests), then the request row (kind, slots, state) and the target's notification.
 */
export async function createCareRequest(app: AppContext, viewer: Viewer, input: CreateCareRequestInput): Promise<CareRequestRow> {
  const target = await findTargetFacts(app.db, input.account_id);
  const [blocked, openRequest, sentLastDay] = target
    ? await Promise.all([isBlockedEitherWay(app.db, viewer.accountId, target.id), hasOpenRequest(app.db, viewer.accountId, target.id), countSentSince(app.db, viewer.accountId, 24)])
    : [false, false, 0];
  assertCreate(createDecision({ id: viewer.accountId, suspended: viewer.suspended }, target, { blocked, openRequest, sentLastDay }));
  const { conversationId, statusId } = await startConversation(app, viewer, { account_ids: [input.account_id], status: input.text, language: viewer.locale }, undefined, { agreedByRecipients: true });
  let row: CareRequestRow;
  try {
    row = await insertCareRequest(app.db, { requester_id: viewer.accountId, target_id: input.account_id, kind: input.kind, slots: JSON.stringify(input.slots), conversation_id: conversationId, status_id: statusId });
  } catch (err) {
    // Two requests sent at the same moment: the one-open-request index keeps the first, and the
    // second one's message goes again, so the conversation holds only what a request stands for.
    await deleteStatus(app, viewer, statusId).catch((cleanup: unknown) => app.log.child('care-requests').warn('could not remove the message of a refused request', { err: cleanup }));
    if (isUniqueViolation(err)) assertCreate('open_exists');
    throw err;
  }
  await notify(app.db, { accountId: input.account_id, type: 'medired.care_request', fromAccountId: viewer.accountId, payload: { care_request_id: row.id, kind: row.kind } });
  return row;
}

/** A request the viewer is a party to; 404 for anyone else, staff included. */
export async function getCareRequest(app: AppContext, viewer: Viewer, id: string): Promise<CareRequestRow> {
  const row = await findRequestForParty(app.db, id, viewer.accountId);
  if (!row) throw notFound('Care request');
  return row;
}

/**
 * The target answers from its inbox: a message into the request's conversation. The answer is
 * recorded where every message is stored (`recordCareRequestAnswer`), so writing in the
 * conversation directly counts the same.
 */
export async function answerCareRequest(app: AppContext, viewer: Viewer, id: string, text: string): Promise<{ request: CareRequestRow; statusId: string }> {
  const row = await getCareRequest(app, viewer, id);
  assertAct(answerDecision(viewer.accountId, row));
  const statusId = await sendMessage(app, viewer, row.conversation_id, { status: text, language: viewer.locale });
  return { request: await getCareRequest(app, viewer, id), statusId };
}

/** Either party closes an open request; the conversation stays. */
export async function closeCareRequest(app: AppContext, viewer: Viewer, id: string): Promise<CareRequestRow> {
  const row = await getCareRequest(app, viewer, id);
  assertAct(closeDecision(viewer.accountId, row));
  const closed = await closeRequestRow(app.db, id, viewer.accountId);
  if (!closed) assertAct('closed');
  return closed!;
}

/** The viewer's inbox (requests to them), optionally of one state, newest first. */
export function listReceivedRequests(app: AppContext, viewer: Viewer, query: CareRequestListQuery): Promise<CareRequestRow[]> {
  return listRequestPage(app.db, 'target_id', viewer.accountId, query);
}

/** The requests the viewer sent, newest first. */
export function listSentRequests(app: AppContext, viewer: Viewer, query: CareRequestListQuery): Promise<CareRequestRow[]> {
  return listRequestPage(app.db, 'requester_id', viewer.accountId, query);
}
