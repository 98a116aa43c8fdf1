import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { forbidden } from '../errors.js';
import { loadActor, notSilencedForViewer, type QuestionRow } from './consulta-access.js';
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
  const me = viewer?.accountId ?? '0';
  let q = app.db
    .selectFrom('consulta_questions as q')
    .innerJoin('accounts as asker', 'asker.id', 'q.account_id')
    .selectAll('q')
    .select(['asker.suspended_at as asker_suspended_at', 'asker.country as asker_country'])
    .where((eb) => eb.or([eb('q.account_id', '=', me), eb.and([eb('q.hidden_at', 'is', null), eb('asker.suspended_at', 'is', null)])]))
    .where((eb) => eb.or([eb('q.pseudonym', 'is not', null), notSilencedForViewer(viewer, 'q.account_id')]));
  if (query.specialty) q = q.where('q.specialty', '=', query.specialty);
  if (query.tag) q = q.where(sql<boolean>`q.tags @> array[${query.tag}]::text[]`);
  if (query.sort === 'unanswered') q = q.where('q.answers_count', '=', 0);
  const fetch = query.limit + 1;
  let rows: QuestionRow[];
  if (query.sort === 'helpful') {
    if (query.cursor) {
      const [score, id] = query.cursor.split('.') as [string, string];
      q = q.where(sql<boolean>`(q.helpful_total, q.id) < (${Number(score)}, ${id}::bigint)`);
    }
    rows = await q.orderBy('q.helpful_total', 'desc').orderBy('q.id', 'desc').limit(fetch).execute();
  } else {
    if (query.max_id) q = q.where('q.id', '<', query.max_id);
    rows = await q.orderBy('q.id', 'desc').limit(fetch).execute();
  }
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
