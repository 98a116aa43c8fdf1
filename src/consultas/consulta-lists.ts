import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden } from '../errors.js';
import { loadActor } from './consulta-access.js';
import { findQuestionPage, type QuestionRow } from './consultas.repository.js';
import type { ListQuery } from './consultas.js';

export interface QuestionPage {
  questions: QuestionRow[];
  /** Query parameters of the next (older / less helpful) page, or null on the last page. */
  next: Record<string, string> | null;
}

/**
 * The question lists, with keyset pagination: newest, unanswered (newest first) and most
 * helpful (by the helpful votes of their answers), each optionally by specialty and tag.
 * Hidden questions and those of suspended askers are left out (except the viewer's own), and
 * so are those of accounts the viewer blocks or mutes, unless asked under a pseudonym.
 */
export async function listQuestions(app: AppContext, viewer: Viewer | null, query: ListQuery): Promise<QuestionPage> {
  const rows = await findQuestionPage(app.db, viewer, query, query.limit + 1);
  const more = rows.length > query.limit;
  const questions = rows.slice(0, query.limit);
  const last = questions[questions.length - 1];
  let next: Record<string, string> | null = null;
  if (more && last) next = query.sort === 'helpful' ? { cursor: `${last.helpful_total}.${last.id}` } : { max_id: last.id };
  return { questions, next };
}

/** Unanswered questions of the viewer's specialty (professionals only), newest first. */
export async function listForProfessional(app: AppContext, viewer: Viewer, query: Pick<ListQuery, 'max_id' | 'limit'>): Promise<QuestionPage> {
  const actor = await loadActor(app.db, viewer.accountId);
  if (actor.kind !== 'professional') throw forbidden('This list is for health professionals');
  if (!actor.specialty) return { questions: [], next: null };
  const page = await listQuestions(app, viewer, { sort: 'unanswered', specialty: actor.specialty as ListQuery['specialty'], limit: query.limit, max_id: query.max_id, tag: undefined, cursor: undefined });
  return { ...page, questions: page.questions.filter((q) => q.account_id !== viewer.accountId) };
}
