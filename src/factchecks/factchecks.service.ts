import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import { loadActor, questionForViewer } from '../consultas/consulta-access.js';
import { isVerifiedProfessional } from '../consultas/consultas.policy.js';
import { isUniqueViolation } from '../db/errors.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { hasStaffPower } from '../auth/staff-power.js';
import { HELPFUL_RATINGS_TO_SHOW, type FactCheckInput, type FactCheckTarget } from './factchecks.js';
import {
  deleteFactCheckById,
  findAnswerAuthor,
  findFactCheckAuthor,
  findFactCheckById,
  findFactChecksWithCounts,
  findFactCheckTarget,
  findRatingsByAccount,
  findVisibleStatusAuthor,
  insertFactCheck,
  upsertFactCheckRating,
  type FactCheckWithCountsRow,
} from './factchecks.repository.js';

/**
 * Fact-check notes. A verified professional attaches a note with 1–5 sources to a status or a
 * consulta answer; other verified professionals rate it. A note is public once at least
 * HELPFUL_RATINGS_TO_SHOW of them (not its author, and still verified) rated it helpful and
 * helpful ratings outnumber unhelpful ones; until then only verified professionals (who rate it)
 * and staff see it. Counts are computed from the ratings when read, so they are always exact.
 */
export interface FactCheckEntity {
  id: string;
  target: { type: FactCheckTarget; id: string };
  note: string;
  sources: string[];
  account: MastodonAccount;
  created_at: string;
  helpful_count: number;
  unhelpful_count: number;
  /** Shown to everyone. */
  visible: boolean;
  /** The viewer's own rating. */
  my_rating: 'helpful' | 'unhelpful' | null;
}

async function canReview(app: AppContext, viewer: Viewer | null): Promise<boolean> {
  if (!viewer) return false;
  if (hasStaffPower(viewer)) return true;
  return isVerifiedProfessional(await loadActor(app.db, viewer.accountId));
}

/** The author of a target the viewer may see; not found otherwise. */
async function targetAuthor(app: AppContext, viewer: Viewer | null, type: FactCheckTarget, id: string): Promise<string> {
  if (type === 'status') {
    const row = await findVisibleStatusAuthor(app.db, id, viewer);
    if (!row) throw notFound('Status');
    return row.account_id;
  }
  const answer = await findAnswerAuthor(app.db, id);
  if (!answer) throw notFound('Answer');
  await questionForViewer(app.db, viewer, answer.question_id);
  if (answer.hidden_at && !hasStaffPower(viewer) && viewer?.accountId !== answer.account_id) throw notFound('Answer');
  return answer.account_id;
}

/** A verified professional writes a note about someone else's status or answer (one per target). */
export async function createFactCheck(app: AppContext, viewer: Viewer, input: FactCheckInput): Promise<string> {
  if (!isVerifiedProfessional(await loadActor(app.db, viewer.accountId))) throw forbidden('Only verified health professionals can write fact-check notes');
  const author = await targetAuthor(app, viewer, input.target_type, input.target_id);
  if (author === viewer.accountId) throw forbidden('You cannot fact-check your own content');
  try {
    const row = await insertFactCheck(app.db, {
      account_id: viewer.accountId,
      status_id: input.target_type === 'status' ? input.target_id : null,
      answer_id: input.target_type === 'consulta_answer' ? input.target_id : null,
      body: input.note,
      sources: input.sources,
    });
    return row.id;
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('You have already written a note about this');
    throw err;
  }
}

/** Another verified professional rates a note helpful or not; rating again changes the rating. */
export async function rateFactCheck(app: AppContext, viewer: Viewer, id: string, helpful: boolean): Promise<void> {
  if (!isVerifiedProfessional(await loadActor(app.db, viewer.accountId))) throw forbidden('Only verified health professionals can rate fact-check notes');
  const note = await findFactCheckById(app.db, id);
  if (!note) throw notFound('Fact-check note');
  await targetAuthor(app, viewer, note.status_id ? 'status' : 'consulta_answer', (note.status_id ?? note.answer_id)!);
  if (note.account_id === viewer.accountId) throw forbidden('You cannot rate your own note');
  await upsertFactCheckRating(app.db, id, viewer.accountId, helpful);
}

/** The author or staff delete a note. */
export async function deleteFactCheck(app: AppContext, viewer: Viewer, id: string): Promise<void> {
  const note = await findFactCheckAuthor(app.db, id);
  if (!note) throw notFound('Fact-check note');
  if (note.account_id !== viewer.accountId && !hasStaffPower(viewer)) throw forbidden('Only its author can delete a note');
  await deleteFactCheckById(app.db, id);
}

export function isPubliclyVisible(helpful: number, unhelpful: number): boolean {
  return helpful >= HELPFUL_RATINGS_TO_SHOW && helpful > unhelpful;
}

async function serialize(app: AppContext, viewer: Viewer | null, rows: FactCheckWithCountsRow[]): Promise<FactCheckEntity[]> {
  const accounts = new Map((await findAccountsByIds(app.db, rows.map((r) => r.account_id))).map((a) => [a.id, toMastodonAccount(a, app.config)]));
  const mine = viewer && rows.length
    ? new Map(
        (await findRatingsByAccount(app.db, viewer.accountId, rows.map((r) => r.id))).map((r) => [r.fact_check_id, r.helpful]),
      )
    : new Map<string, boolean>();
  return rows.flatMap((r) => {
    const account = accounts.get(r.account_id);
    if (!account) return [];
    const helpful = Number(r.helpful_count);
    const unhelpful = Number(r.unhelpful_count);
    const rating = mine.get(r.id);
    return [
      {
        id: r.id,
        target: r.status_id ? { type: 'status' as const, id: r.status_id } : { type: 'consulta_answer' as const, id: r.answer_id! },
        note: r.body,
        sources: r.sources,
        account,
        created_at: r.created_at.toISOString(),
        helpful_count: helpful,
        unhelpful_count: unhelpful,
        visible: isPubliclyVisible(helpful, unhelpful),
        my_rating: rating === undefined ? null : rating ? 'helpful' : 'unhelpful',
      },
    ];
  });
}

/**
 * The notes about one target the viewer may see: the public ones for everyone; all of them for
 * verified professionals and staff (so they can rate), and one's own notes.
 */
export async function factChecksFor(app: AppContext, viewer: Viewer | null, type: FactCheckTarget, targetId: string): Promise<FactCheckEntity[]> {
  await targetAuthor(app, viewer, type, targetId);
  return factChecksForMany(app, viewer, type, [targetId]);
}

/** The same for several targets the caller already checked the viewer may see (e.g. the answers of a page). */
export async function factChecksForMany(app: AppContext, viewer: Viewer | null, type: FactCheckTarget, targetIds: string[]): Promise<FactCheckEntity[]> {
  if (targetIds.length === 0) return [];
  const column = type === 'status' ? 'f.status_id' : 'f.answer_id';
  const rows = await findFactChecksWithCounts(app.db, column, targetIds);
  const all = await serialize(app, viewer, rows);
  const reviewer = await canReview(app, viewer);
  return all.filter((n) => n.visible || reviewer || n.account.id === viewer?.accountId);
}

export async function getFactCheck(app: AppContext, viewer: Viewer | null, id: string): Promise<FactCheckEntity> {
  const note = await findFactCheckTarget(app.db, id);
  if (!note) throw notFound('Fact-check note');
  const type: FactCheckTarget = note.status_id ? 'status' : 'consulta_answer';
  const found = (await factChecksFor(app, viewer, type, (note.status_id ?? note.answer_id)!)).find((n) => n.id === id);
  if (!found) throw notFound('Fact-check note');
  return found;
}
