import { sql } from 'kysely';
import type { Db, Trx } from '../db/connect.js';

/** The SQL of polls and their votes. */

export interface PollRow {
  id: string;
  status_id: string;
  account_id: string;
  options: string[];
  multiple: boolean;
  expires_at: Date;
  notified_at: Date | null;
}

const pollColumns = ['id', 'status_id', 'account_id', 'options', 'multiple', 'expires_at', 'notified_at'] as const;

export async function insertPoll(
  trx: Trx,
  values: { statusId: string; accountId: string; options: string[]; multiple: boolean; hideTotals: boolean; expiresAt: Date },
): Promise<string> {
  const row = await trx
    .insertInto('polls')
    .values({
      status_id: values.statusId,
      account_id: values.accountId,
      options: values.options,
      cached_tallies: values.options.map(() => 0),
      multiple: values.multiple,
      hide_totals: values.hideTotals,
      expires_at: values.expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export function findPoll(db: Db, id: string): Promise<PollRow | undefined> {
  return db.selectFrom('polls').select(pollColumns).where('id', '=', id).executeTakeFirst();
}

export function findPollOfStatus(db: Db, statusId: string): Promise<PollRow | undefined> {
  return db.selectFrom('polls').select(pollColumns).where('status_id', '=', statusId).executeTakeFirst();
}

/**
 * Locks the poll row for the rest of the transaction (votes on one poll are counted one after
 * the other, so the tallies and the "already voted" check are exact), with the voter's earlier
 * choices.
 */
export async function lockPollForVote(trx: Trx, pollId: string, accountId: string): Promise<number[]> {
  await trx.selectFrom('polls').select('id').where('id', '=', pollId).forUpdate().execute();
  const rows = await trx.selectFrom('poll_votes').select('choice').where('poll_id', '=', pollId).where('account_id', '=', accountId).execute();
  return rows.map((r) => r.choice);
}

/** Records the choices and recounts the poll's tallies, votes and voters from its votes. */
export async function insertVotes(trx: Trx, pollId: string, accountId: string, choices: number[]): Promise<void> {
  await trx.insertInto('poll_votes').values(choices.map((choice) => ({ poll_id: pollId, account_id: accountId, choice }))).execute();
  await sql`
    UPDATE polls SET
      cached_tallies = (SELECT array_agg((SELECT count(*) FROM poll_votes v WHERE v.poll_id = polls.id AND v.choice = i - 1)::int ORDER BY i)
                        FROM generate_subscripts(polls.options, 1) AS i),
      votes_count = (SELECT count(*) FROM poll_votes v WHERE v.poll_id = polls.id),
      voters_count = (SELECT count(DISTINCT v.account_id) FROM poll_votes v WHERE v.poll_id = polls.id)
    WHERE id = ${pollId}`.execute(trx);
}

/**
 * Marks the poll's end as announced, once: true only for the call that did it (a repeated or
 * concurrent job finds it done), and only when it has really ended.
 */
export async function markPollNotified(db: Db, pollId: string): Promise<boolean> {
  const rows = await db
    .updateTable('polls')
    .set({ notified_at: new Date() })
    .where('id', '=', pollId)
    .where('notified_at', 'is', null)
    .where('expires_at', '<=', new Date())
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** The accounts that voted in the poll. */
export async function findVoterIds(db: Db, pollId: string): Promise<string[]> {
  const rows = await db.selectFrom('poll_votes').select('account_id').distinct().where('poll_id', '=', pollId).execute();
  return rows.map((r) => r.account_id);
}
