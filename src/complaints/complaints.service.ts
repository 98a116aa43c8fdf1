import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Viewer } from '../auth/viewer.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import { findMember } from '../messages/conversations.repository.js';
import { startConversation } from '../messages/send-message.service.js';
import { notify } from '../notifications/notify.js';
import { findPersonalData } from '../text/personal-data.js';
import { complaintTextOf, entryTextOf, sealComplaintText, sealEntryText } from './complaint-sealing.js';
import type { ComplaintEntryInput, ComplaintInput, ComplaintReasonInput } from './complaints.js';
import {
  closeDecision,
  COMPLAINTS_PER_DAY,
  entryDecision,
  isParty,
  moveDecision,
  openDecision,
  readAccess,
  removeDecision,
  resolveDecision,
  type ModerationDecision,
  type OpenDecision,
  type ReadAccess,
  type ThreadDecision,
} from './complaints.policy.js';
import {
  countComplaintsFiledSince,
  countEntries,
  findAccountLocale,
  findBlockFacts,
  findComplaint,
  findComplaintPage,
  findComplaintUnderWay,
  findEntryPage,
  findTargetFacts,
  insertComplaint,
  insertEntry,
  markFirstResponse,
  updateComplaint,
  updateEntry,
  type ComplaintEntryRow,
  type ComplaintListFilter,
  type ComplaintRow,
  type IdPage,
} from './complaints.repository.js';

export type { ComplaintEntryRow, ComplaintRow } from './complaints.repository.js';

/** Turns a refusal of the policy into the error the entrances answer with. */
function assertOpen(decision: OpenDecision): void {
  switch (decision) {
    case 'allowed':
      return;
    case 'not_signed_in':
      throw new AppError('unauthorized', 'This action needs you to be signed in');
    case 'self':
      throw forbidden('You cannot file a complaint about yourself', 'complaints.error.self');
    case 'not_complainable':
      throw forbidden('Complaints are about professionals and organisations', 'complaints.error.notComplainable');
    case 'unblock_first':
      throw forbidden('You block this account: unblock it first to file a complaint about it', 'complaints.error.unblockFirst');
    case 'private_refused':
      throw forbidden('You cannot send a private complaint to this account; you can file it as a public one', 'complaints.error.privateRefused');
    case 'already_open':
      throw conflict('You already have a complaint under way about this account: continue it instead', 'complaints.error.alreadyOpen');
    case 'daily_limit':
      throw new AppError('rate_limited', `You can file ${COMPLAINTS_PER_DAY} complaints a day; you can file another one tomorrow`, { key: 'complaints.error.dailyLimit' });
  }
}

function assertThread(decision: ThreadDecision): void {
  switch (decision) {
    case 'allowed':
      return;
    case 'not_party':
      throw forbidden('Only the complainant and the account the complaint is about can do this', 'complaints.error.notParty');
    case 'only_target':
      throw forbidden('Only the account the complaint is about moves it to a private conversation', 'complaints.error.onlyTarget');
    case 'only_complainant':
      throw forbidden('Only the person who filed the complaint marks it resolved', 'complaints.error.onlyComplainant');
    case 'finished':
      throw conflict('This complaint is no longer under way', 'complaints.error.finished');
    case 'blocked':
      throw forbidden('You cannot write in this complaint', 'complaints.error.blocked');
  }
}

function assertModeration(decision: ModerationDecision): void {
  if (decision === 'not_staff') throw forbidden('Only moderators can remove or close a complaint', 'complaints.error.onlyModerators');
  if (decision === 'already') throw conflict('This has already been done', 'complaints.error.alreadyDone');
}

/** Refuses public text naming a phone, e-mail or ID number until the author confirms it. */
function assertNoPersonalData(text: string, confirmed: boolean | undefined): void {
  if (confirmed) return;
  const found = findPersonalData(text);
  if (found.length === 0) return;
  throw new AppError('validation_failed', 'The text contains personal data (a phone number, an e-mail address or an ID number); confirm with confirm_personal_data=true to publish it anyway', {
    key: 'complaints.error.personalData',
    details: [{ field: 'text', message: `contains personal data: ${found.map((f) => f.kind).join(', ')}`, key: 'complaints.error.personalData' }],
  });
}

/** A complaint as its reader may see it, with its text opened. */
export interface ComplaintView {
  row: ComplaintRow;
  access: ReadAccess;
  subject: string;
  body: string;
}

/** 404 for a complaint the viewer may not read (it exists only for its parties and staff). */
async function readable(app: AppContext, viewer: Viewer | null, id: string): Promise<ComplaintView> {
  const row = await findComplaint(app.db, id);
  if (!row) throw notFound('Complaint', 'complaints.error.notFound');
  const access = readAccess(viewer, row);
  if (access === 'none') throw notFound('Complaint', 'complaints.error.notFound');
  const text = complaintTextOf(app.sealer, row);
  return { row, access, ...text };
}

/**
 * A complaint for its reader. Staff reading a private complaint they are not a party of is
 * written to the audit log (who read which complaint), as a reported private message is.
 */
export async function getComplaint(app: AppContext, viewer: Viewer | null, id: string): Promise<ComplaintView> {
  const view = await readable(app, viewer, id);
  if (view.access === 'staff' && view.row.visibility === 'private' && viewer) {
    await recordAudit(app.db, { actorAccountId: viewer.accountId, action: 'complaint.read_private', targetType: 'complaint', targetId: id, targetAccountId: view.row.target_id });
  }
  return view;
}

/** A signed-in account opens a complaint about a professional or an organisation; the target is notified. */
export async function openComplaint(app: AppContext, viewer: Viewer, input: ComplaintInput): Promise<ComplaintRow> {
  const target = await findTargetFacts(app.db, input.account_id);
  const blocks = target ? await findBlockFacts(app.db, viewer.accountId, target.id) : { complainantBlocksTarget: false, targetBlocksComplainant: false };
  const [underWay, filedLastDay] = target ? await Promise.all([findComplaintUnderWay(app.db, viewer.accountId, target.id), countComplaintsFiledSince(app.db, viewer.accountId, new Date(Date.now() - 86_400_000))]) : [undefined, 0];
  // RATE_LIMIT_FACTOR scales this limit like every other (0 switches limits off, as in most tests).
  const factor = app.config.rateLimitFactor;
  assertOpen(openDecision(viewer, target, input.visibility, blocks, Boolean(underWay), factor === 0 ? 0 : Math.floor(filedLastDay / factor)));
  if (input.visibility === 'public') assertNoPersonalData(`${input.subject}\n${input.text}`, input.confirm_personal_data);
  const isPrivate = input.visibility === 'private';
  let row: ComplaintRow;
  try {
    row = await app.db.transaction().execute(async (trx) => {
      const inserted = await insertComplaint(trx, {
        complainant_id: viewer.accountId,
        target_id: input.account_id,
        visibility: input.visibility,
        subject: isPrivate ? '' : input.subject,
        body: isPrivate ? '' : input.text,
        // The id is the sealed value's place: sealed once the row exists, in the same transaction.
        sealed: isPrivate ? Buffer.alloc(1) : null,
      });
      if (!isPrivate) return inserted;
      return updateComplaint(trx, inserted.id, { sealed: sealComplaintText(app.sealer, inserted.id, { subject: input.subject, body: input.text }) });
    });
  } catch (err) {
    // Two posts at once: the unique index keeps one complaint under way per pair.
    if (/complaints_one_open_per_pair_idx/.test(String((err as Error).message))) assertOpen('already_open');
    throw err;
  }
  await notify(app.db, { accountId: row.target_id, type: 'medired.complaint', fromAccountId: viewer.accountId, payload: { complaint_id: row.id } });
  return row;
}

/** An answer in the thread, by the complainant or the target; the target's first one marks the complaint answered. */
export async function addEntry(app: AppContext, viewer: Viewer, id: string, input: ComplaintEntryInput): Promise<ComplaintEntryRow> {
  const view = await readable(app, viewer, id);
  const { row } = view;
  const blocks = await findBlockFacts(app.db, row.complainant_id, row.target_id);
  assertThread(entryDecision(viewer, row, blocks.complainantBlocksTarget || blocks.targetBlocksComplainant));
  if (row.visibility === 'public') assertNoPersonalData(input.text, input.confirm_personal_data);
  const isPrivate = row.visibility === 'private';
  const entry = await app.db.transaction().execute(async (trx) => {
    const inserted = await insertEntry(trx, { complaint_id: id, account_id: viewer.accountId, kind: 'reply', body: isPrivate ? '' : input.text, sealed: isPrivate ? Buffer.alloc(1) : null });
    if (viewer.accountId === row.target_id) await markFirstResponse(trx, id, inserted.created_at);
    return isPrivate ? updateEntry(trx, inserted.id, { sealed: sealEntryText(app.sealer, inserted.id, input.text) }) : inserted;
  });
  if (viewer.accountId === row.target_id) {
    await notify(app.db, { accountId: row.complainant_id, type: 'medired.complaint_answered', fromAccountId: viewer.accountId, payload: { complaint_id: id } });
  } else {
    await notify(app.db, { accountId: row.target_id, type: 'medired.complaint', fromAccountId: viewer.accountId, payload: { complaint_id: id, entry_id: entry.id } });
  }
  return entry;
}

const PRIVATE_OPENING: Record<'es' | 'en', (subject: string, url: string) => string> = {
  es: (subject, url) => `Hola. Seguimos en privado con tu reclamación «${subject}» (${url}). Cuéntanos aquí lo que necesites.`,
  en: (subject, url) => `Hello. We are continuing your complaint "${subject}" (${url}) in private. Tell us here whatever you need.`,
};

/**
 * The target moves a complaint to a private conversation with the complainant, with one click:
 * it opens (or reuses) their one-to-one conversation through the messages module, straight into
 * the complainant's conversations (they asked for the contact, so not as a message request), and
 * adds a public note to the thread. The complaint stays where it was, visible as before. Moving
 * counts as the target's first response. Doing it again reuses the same conversation.
 */
export async function moveToPrivate(app: AppContext, viewer: Viewer, id: string): Promise<{ conversationId: string }> {
  const view = await readable(app, viewer, id);
  const { row } = view;
  assertThread(moveDecision(viewer, row));
  if (row.conversation_id && (await findMember(app.db, row.conversation_id, row.complainant_id))) return { conversationId: row.conversation_id };
  const locale = await findAccountLocale(app.db, row.complainant_id);
  const text = PRIVATE_OPENING[locale](view.subject, complaintUrl(app, id));
  const { conversationId } = await startConversation(app, viewer, { account_ids: [row.complainant_id], status: text }, undefined, {
    // They asked for the contact: straight into their conversations (a one-to-one conversation they
    // left as a request or declined comes back), announced by the complaint's own notification.
    agreedByRecipients: true,
  });
  const now = new Date();
  await app.db.transaction().execute(async (trx) => {
    await updateComplaint(trx, id, { conversation_id: conversationId, moved_to_private_at: now });
    await insertEntry(trx, { complaint_id: id, account_id: viewer.accountId, kind: 'moved_to_private', body: '', sealed: null });
    await markFirstResponse(trx, id, now);
  });
  await notify(app.db, { accountId: row.complainant_id, type: 'medired.complaint_answered', fromAccountId: viewer.accountId, payload: { complaint_id: id, conversation_id: conversationId } });
  return { conversationId };
}

/** The complainant marks the complaint resolved. */
export async function resolveComplaint(app: AppContext, viewer: Viewer, id: string): Promise<ComplaintRow> {
  const { row } = await readable(app, viewer, id);
  assertThread(resolveDecision(viewer, row));
  return updateComplaint(app.db, id, { state: 'resolved', resolved_at: new Date() });
}

/**
 * A moderator removes a complaint: it stays in the database, is hidden from the public and
 * shown to its parties as removed by moderation, with the reason. Audited.
 */
export async function removeComplaint(app: AppContext, viewer: Viewer, id: string, input: ComplaintReasonInput): Promise<ComplaintRow> {
  const row = await findComplaint(app.db, id);
  if (!row) throw notFound('Complaint', 'complaints.error.notFound');
  assertModeration(removeDecision(viewer, row));
  return app.db.transaction().execute(async (trx) => {
    const updated = await updateComplaint(trx, id, { removed_at: new Date(), removed_by: viewer.accountId, removal_reason: input.reason });
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'complaint.remove', targetType: 'complaint', targetId: id, targetAccountId: row.target_id, reason: input.reason, data: { complainant_id: row.complainant_id, visibility: row.visibility } });
    return updated;
  });
}

/** A moderator closes a complaint (its thread ends), with a reason the parties read. Audited. */
export async function closeComplaint(app: AppContext, viewer: Viewer, id: string, input: ComplaintReasonInput): Promise<ComplaintRow> {
  const row = await findComplaint(app.db, id);
  if (!row) throw notFound('Complaint', 'complaints.error.notFound');
  assertModeration(closeDecision(viewer, row));
  return app.db.transaction().execute(async (trx) => {
    const updated = await updateComplaint(trx, id, { state: 'closed', closed_at: new Date(), closed_by: viewer.accountId, close_reason: input.reason });
    await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'complaint.close', targetType: 'complaint', targetId: id, targetAccountId: row.target_id, reason: input.reason, data: { complainant_id: row.complainant_id, previous_state: row.state } });
    return updated;
  });
}

export interface Page<T> {
  items: T[];
  /** Newest-first cursors of the page, for the Link header. */
  cursors: string[];
  hasMore: boolean;
}

function pageOf<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  return { items, cursors: items.map((r) => r.id), hasMore: rows.length > limit };
}

/** A thread page (newest first), for a viewer who may read the complaint. */
export async function listEntries(app: AppContext, viewer: Viewer | null, id: string, page: IdPage): Promise<{ view: ComplaintView; page: Page<ComplaintEntryRow> }> {
  const view = await getComplaint(app, viewer, id);
  return { view, page: pageOf(await findEntryPage(app.db, id, page), page.limit) };
}

/** The viewer's complaints (`mine`), those about the viewer (`about_me`), or those about an account (public, plus the viewer's own). */
export async function listComplaints(app: AppContext, viewer: Viewer | null, which: { mine: true } | { aboutMe: true } | { about: string }, page: IdPage): Promise<Page<ComplaintRow>> {
  let filter: ComplaintListFilter;
  if ('mine' in which) filter = { complainantId: viewer!.accountId, everything: true };
  else if ('aboutMe' in which) filter = { targetId: viewer!.accountId, everything: true };
  else filter = { targetId: which.about, partyId: viewer && !viewer.suspended ? viewer.accountId : null };
  return pageOf(await findComplaintPage(app.db, filter, page), page.limit);
}

export function complaintUrl(app: AppContext, id: string): string {
  return `${app.config.publicUrl}/complaints/${id}`;
}

export interface ComplaintEntity {
  id: string;
  url: string;
  subject: string;
  text: string;
  visibility: ComplaintRow['visibility'];
  state: ComplaintRow['state'];
  created_at: string;
  first_response_at: string | null;
  resolved_at: string | null;
  closed_at: string | null;
  moved_to_private_at: string | null;
  removed: boolean;
  /** Moderators' reasons: for the parties and staff only. */
  removal_reason: string | null;
  close_reason: string | null;
  /** The private conversation the complaint continues in: for the parties only. */
  conversation_id: string | null;
  replies_count: number;
  complainant: MastodonAccount;
  target: MastodonAccount;
}

export interface ComplaintEntryEntity {
  id: string;
  complaint_id: string;
  kind: ComplaintEntryRow['kind'];
  text: string;
  hidden: boolean;
  created_at: string;
  account: MastodonAccount;
}

async function accountsOf(app: AppContext, ids: string[]): Promise<Map<string, MastodonAccount>> {
  return new Map((await findAccountsByIds(app.db, [...new Set(ids)])).map((a) => [a.id, toMastodonAccount(a, app.config)]));
}

/**
 * API entities of complaints, for `viewer`. Rows the viewer may not read are left out (lists
 * only hold readable ones); a private complaint's text is opened for its readers.
 */
export async function serializeComplaints(app: AppContext, viewer: Viewer | null, rows: ComplaintRow[]): Promise<ComplaintEntity[]> {
  const readableRows = rows.filter((r) => readAccess(viewer, r) !== 'none');
  const [accounts, counts] = await Promise.all([accountsOf(app, readableRows.flatMap((r) => [r.complainant_id, r.target_id])), countEntries(app.db, readableRows.map((r) => r.id))]);
  return readableRows.flatMap((r) => {
    const complainant = accounts.get(r.complainant_id);
    const target = accounts.get(r.target_id);
    if (!complainant || !target) return [];
    const access = readAccess(viewer, r);
    const insider = isParty(access) || access === 'staff';
    const text = complaintTextOf(app.sealer, r);
    return [
      {
        id: r.id,
        url: complaintUrl(app, r.id),
        subject: text.subject,
        text: text.body,
        visibility: r.visibility,
        state: r.state,
        created_at: r.created_at.toISOString(),
        first_response_at: r.first_response_at?.toISOString() ?? null,
        resolved_at: r.resolved_at?.toISOString() ?? null,
        closed_at: r.closed_at?.toISOString() ?? null,
        moved_to_private_at: r.moved_to_private_at?.toISOString() ?? null,
        removed: r.removed_at !== null,
        removal_reason: insider ? r.removal_reason : null,
        close_reason: r.close_reason,
        conversation_id: isParty(access) ? r.conversation_id : null,
        replies_count: counts.get(r.id) ?? 0,
        complainant,
        target,
      },
    ];
  });
}

/** API entities of thread entries; an entry moderators hid shows no text except to its author and staff. */
export async function serializeEntries(app: AppContext, view: ComplaintView, viewer: Viewer | null, rows: ComplaintEntryRow[]): Promise<ComplaintEntryEntity[]> {
  const accounts = await accountsOf(app, rows.map((r) => r.account_id));
  return rows.flatMap((r) => {
    const account = accounts.get(r.account_id);
    if (!account) return [];
    const showHidden = view.access === 'staff' || viewer?.accountId === r.account_id;
    return [
      {
        id: r.id,
        complaint_id: r.complaint_id,
        kind: r.kind,
        text: r.hidden_at && !showHidden ? '' : entryTextOf(app.sealer, r),
        hidden: r.hidden_at !== null,
        created_at: r.created_at.toISOString(),
        account,
      },
    ];
  });
}

/** A complaint's thread, oldest first (the page shows it as a conversation), at most `limit` entries. */
export async function threadOf(app: AppContext, view: ComplaintView, limit = 200): Promise<ComplaintEntryRow[]> {
  return (await findEntryPage(app.db, view.row.id, { limit })).slice(0, limit).reverse();
}

/** What the viewer may do with a complaint, by the same policy the actions enforce (for the page's buttons). */
export async function complaintActions(app: AppContext, viewer: Viewer | null, row: ComplaintRow): Promise<{ reply: boolean; moveToPrivate: boolean; resolve: boolean; remove: boolean; close: boolean }> {
  const blocks = await findBlockFacts(app.db, row.complainant_id, row.target_id);
  return {
    reply: entryDecision(viewer, row, blocks.complainantBlocksTarget || blocks.targetBlocksComplainant) === 'allowed',
    moveToPrivate: moveDecision(viewer, row) === 'allowed',
    resolve: resolveDecision(viewer, row) === 'allowed',
    remove: removeDecision(viewer, row) === 'allowed',
    close: closeDecision(viewer, row) === 'allowed',
  };
}
