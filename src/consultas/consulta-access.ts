import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { forbidden, notFound } from '../errors.js';
import { isBlockedEitherWay } from '../moderation/relations.service.js';
import { readerOf } from '../auth/reader.js';
import { hasStaffPower } from '../auth/staff-power.js';

/**
 * Who may see and do what in Consulta abierta. Services call these; routes and pages only
 * translate the outcome.
 *
 * - A question hidden by a moderator, or whose asker is suspended, is seen only by its asker and staff.
 * - Blocks (either way) and mutes hide an account's questions, answers and comments from the
 *   viewer, except the asker of a pseudonymous question: hiding it would reveal who asked.
 * - Only staff (with their second factor) and the asker see the account behind a pseudonym.
 */
export function seesRealAsker(asViewer: Viewer | null, askerId: string): boolean {
  const viewer = readerOf(asViewer);
  if (!viewer) return false;
  if (viewer.accountId === askerId) return true;
  return hasStaffPower(viewer);
}

/** The account columns rules depend on. */
export async function loadActor(db: Db, accountId: string) {
  const row = await db
    .selectFrom('accounts')
    .select(['id', 'kind', 'verification_status', 'specialty', 'country', 'city', 'suspended_at'])
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw notFound('Account');
  return row;
}

/** True for a verified professional: the only accounts that answer and write fact-checks. */
export function isVerifiedProfessional(actor: { kind: string; verification_status: string; suspended_at: Date | null }): boolean {
  return actor.kind === 'professional' && actor.verification_status === 'verified' && actor.suspended_at === null;
}

/**
 * SQL: true unless the viewer blocks or mutes `accountRef`, or is blocked by it. Used to leave
 * such accounts' content out of lists.
 */
export function notSilencedForViewer(viewer: Viewer | null, accountRef: string): RawBuilder<SqlBool> {
  if (!viewer) return sql<SqlBool>`true`;
  const me = viewer.accountId;
  const ref = sql.ref(accountRef);
  return sql<SqlBool>`not (exists (select 1 from blocks b where (b.account_id = ${me} and b.target_account_id = ${ref}) or (b.target_account_id = ${me} and b.account_id = ${ref}))
    or exists (select 1 from mutes m where m.account_id = ${me} and m.target_account_id = ${ref} and (m.expires_at is null or m.expires_at > now())))`;
}

export type QuestionRow = NonNullable<Awaited<ReturnType<typeof findQuestion>>>;

export function findQuestion(db: Db, id: string) {
  return db
    .selectFrom('consulta_questions as q')
    .innerJoin('accounts as asker', 'asker.id', 'q.account_id')
    .selectAll('q')
    .select(['asker.suspended_at as asker_suspended_at', 'asker.country as asker_country'])
    .where('q.id', '=', id)
    .executeTakeFirst();
}

/**
 * The question `id` if the viewer may see it; not found otherwise (a hidden question does not
 * reveal that it exists).
 */
export async function questionForViewer(db: Db, asViewer: Viewer | null, id: string): Promise<QuestionRow> {
  // A suspended account reads as an anonymous visitor.
  const viewer = readerOf(asViewer);
  const q = await findQuestion(db, id);
  if (!q) throw notFound('Question');
  const own = viewer?.accountId === q.account_id;
  if (own || hasStaffPower(viewer)) return q;
  if (q.hidden_at || q.asker_suspended_at) throw notFound('Question');
  if (viewer && !q.pseudonym && (await isBlockedEitherWay(db, viewer.accountId, q.account_id))) throw notFound('Question');
  return q;
}

/** Refuses taking part (answer, comment) in a question whose asker blocks the viewer or is blocked by them. */
export async function assertMayTakePart(db: Db, viewer: Viewer, askerId: string): Promise<void> {
  if (viewer.accountId !== askerId && (await isBlockedEitherWay(db, viewer.accountId, askerId))) {
    throw forbidden('You cannot take part in this consulta');
  }
}
