import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { readerOf } from '../auth/reader.js';
import { notFound } from '../errors.js';
import { isBlockedEitherWay } from '../relations/relations.repository.js';
import { blocksApplyTo, isAsker, maySeeQuestion } from './consultas.policy.js';
import { findActorRow, findQuestion, type QuestionRow } from './consultas.repository.js';

/** The account columns the rules depend on; not found for an unknown account. */
export async function loadActor(db: Db, accountId: string) {
  const row = await findActorRow(db, accountId);
  if (!row) throw notFound('Account');
  return row;
}

/**
 * The question `id` if the viewer may see it (`maySeeQuestion` in the policy); not found
 * otherwise (a hidden question does not reveal that it exists). The block with the asker is
 * looked up only when blocks apply to the question.
 */
export async function questionForViewer(db: Db, asViewer: Viewer | null, id: string): Promise<QuestionRow> {
  const viewer = readerOf(asViewer);
  const q = await findQuestion(db, id);
  if (!q) throw notFound('Question');
  const blocked = viewer !== null && !isAsker(viewer, q) && blocksApplyTo(q) ? await isBlockedEitherWay(db, viewer.accountId, q.account_id) : false;
  if (!maySeeQuestion(viewer, q, blocked)) throw notFound('Question');
  return q;
}
