import { attachedMediaEntities } from '../attachments/attachments.service.js';
import type { MastodonMediaAttachment } from '../media/media-entity.js';
import type { AppContext } from '../app-context.js';
import { findAccountsByIds } from '../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../accounts/accounts.serializer.js';
import { labelOf, SPECIALTIES } from '../accounts/specialties.js';
import type { Viewer } from '../auth/viewer.js';
import { seesRealAsker } from './consultas.policy.js';
import type { QuestionRow } from './consultas.repository.js';
import type { AnswerRow } from './answers.service.js';
import { helpfulVotedBy } from './helpful-votes.service.js';

/**
 * Who is shown as the author. Under a pseudonym, `account` is null for everyone but the asker
 * and staff: the API never carries the asker's id, handle or avatar to anyone else.
 */
export interface ShownAuthor {
  pseudonym: string | null;
  account: MastodonAccount | null;
}

export interface QuestionEntity {
  id: string;
  url: string;
  title: string;
  content: string;
  specialty: string;
  specialty_label: { es: string | null; en: string | null };
  tags: string[];
  created_at: string;
  edited_at: string | null;
  answers_count: number;
  comments_count: number;
  helpful_total: number;
  accepted_answer_id: string | null;
  first_answered_at: string | null;
  time_to_first_answer_seconds: number | null;
  asker: ShownAuthor;
  /** The viewer asked it (they may edit it while unanswered, and accept an answer). */
  own: boolean;
  /** Set for the asker: the editable source. */
  source?: { title: string; body: string; tags: string[]; pseudonym: string | null; specialty: string };
}

export interface AnswerEntity {
  id: string;
  question_id: string;
  content: string;
  account: MastodonAccount;
  created_at: string;
  edited_at: string | null;
  helpful_count: number;
  /** The viewer voted it helpful. */
  helpful: boolean;
  accepted: boolean;
  response_seconds: number;
  /** Images and videos attached by the professional (Mastodon's MediaAttachment entities). */
  media_attachments: MastodonMediaAttachment[];
}

export interface CommentEntity {
  id: string;
  question_id: string;
  answer_id: string | null;
  content: string;
  created_at: string;
  author: ShownAuthor;
  /** Written by the person who asked. */
  by_asker: boolean;
}

async function accountsById(app: AppContext, ids: string[]): Promise<Map<string, MastodonAccount>> {
  const rows = await findAccountsByIds(app.db, ids);
  return new Map(rows.map((r) => [r.id, toMastodonAccount(r, app.config)]));
}

export function questionUrl(app: AppContext, id: string): string {
  return `${app.config.publicUrl}/consultas/${id}`;
}

/** Question entities, revealing the asker behind a pseudonym only to the asker and staff. */
export async function serializeQuestions(app: AppContext, viewer: Viewer | null, rows: QuestionRow[]): Promise<QuestionEntity[]> {
  const visibleAskers = rows.filter((q) => !q.pseudonym || seesRealAsker(viewer, q.account_id)).map((q) => q.account_id);
  const accounts = await accountsById(app, visibleAskers);
  return rows.map((q) => {
    const own = viewer?.accountId === q.account_id;
    const shown = !q.pseudonym || seesRealAsker(viewer, q.account_id);
    return {
      id: q.id,
      url: questionUrl(app, q.id),
      title: q.title,
      content: q.body_html,
      specialty: q.specialty,
      specialty_label: { es: labelOf(SPECIALTIES, q.specialty, 'es'), en: labelOf(SPECIALTIES, q.specialty, 'en') },
      tags: q.tags,
      created_at: q.created_at.toISOString(),
      edited_at: q.edited_at?.toISOString() ?? null,
      answers_count: q.answers_count,
      comments_count: q.comments_count,
      helpful_total: q.helpful_total,
      accepted_answer_id: q.accepted_answer_id,
      first_answered_at: q.first_answered_at?.toISOString() ?? null,
      time_to_first_answer_seconds: q.first_answered_at ? Math.max(0, Math.round((q.first_answered_at.getTime() - q.created_at.getTime()) / 1000)) : null,
      asker: { pseudonym: q.pseudonym, account: shown ? (accounts.get(q.account_id) ?? null) : null },
      own,
      ...(own ? { source: { title: q.title, body: q.body_source, tags: q.tags, pseudonym: q.pseudonym, specialty: q.specialty } } : {}),
    };
  });
}

export async function serializeAnswers(app: AppContext, viewer: Viewer | null, question: { accepted_answer_id: string | null }, rows: AnswerRow[]): Promise<AnswerEntity[]> {
  const [accounts, voted, media] = await Promise.all([
    accountsById(app, rows.map((a) => a.account_id)),
    helpfulVotedBy(app, viewer, rows.map((a) => a.id)),
    attachedMediaEntities(app, 'consulta_answer', rows.map((a) => a.id)),
  ]);
  return rows.flatMap((a) => {
    const account = accounts.get(a.account_id);
    if (!account) return [];
    return [
      {
        id: a.id,
        question_id: a.question_id,
        content: a.body_html,
        account,
        created_at: a.created_at.toISOString(),
        edited_at: a.edited_at?.toISOString() ?? null,
        helpful_count: a.helpful_count,
        helpful: voted.has(a.id),
        accepted: question.accepted_answer_id === a.id,
        response_seconds: a.response_seconds,
        media_attachments: media.get(a.id) ?? [],
      },
    ];
  });
}

type CommentRow = { id: string; question_id: string; answer_id: string | null; account_id: string; body_html: string; created_at: Date };

/** Comments; the asker's comments on a pseudonymous question carry the pseudonym, not the account. */
export async function serializeComments(
  app: AppContext,
  viewer: Viewer | null,
  question: { account_id: string; pseudonym: string | null },
  rows: CommentRow[],
): Promise<CommentEntity[]> {
  const revealAsker = !question.pseudonym || seesRealAsker(viewer, question.account_id);
  const ids = rows.filter((c) => c.account_id !== question.account_id || revealAsker).map((c) => c.account_id);
  const accounts = await accountsById(app, ids);
  return rows.map((c) => {
    const byAsker = c.account_id === question.account_id;
    const account = byAsker && !revealAsker ? null : (accounts.get(c.account_id) ?? null);
    return {
      id: c.id,
      question_id: c.question_id,
      answer_id: c.answer_id,
      content: c.body_html,
      created_at: c.created_at.toISOString(),
      author: { pseudonym: byAsker ? question.pseudonym : null, account },
      by_asker: byAsker,
    };
  });
}
