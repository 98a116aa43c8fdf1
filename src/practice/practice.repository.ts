import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { PracticeOwnerFacts } from './practice.policy.js';
import type { PracticeInfoTable } from './practice.table.js';
import type { Practice } from './practice.js';

export type PracticeRow = Selectable<PracticeInfoTable>;

export function rowToPractice(row: PracticeRow): Practice {
  return {
    addresses: row.addresses,
    openingHours: row.opening_hours,
    phone: row.phone,
    website: row.website,
    languages: row.languages,
    insurers: row.insurers,
    acceptsOnlineRequests: row.accepts_online_requests,
    updatedAt: row.updated_at,
  };
}

export function findPracticeRow(db: Db, accountId: string): Promise<PracticeRow | undefined> {
  return db.selectFrom('practice_info').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/** The columns of an account the practice rules depend on. */
export function findPracticeOwner(db: Db, accountId: string): Promise<PracticeOwnerFacts | undefined> {
  return db.selectFrom('accounts').select(['kind', 'suspended_at']).where('id', '=', accountId).executeTakeFirst();
}

/** Writes the whole practice of an account (the service merges a partial update first). */
export async function upsertPractice(db: Db, accountId: string, p: Practice): Promise<PracticeRow> {
  const values = {
    addresses: JSON.stringify(p.addresses),
    opening_hours: JSON.stringify(p.openingHours),
    phone: p.phone,
    website: p.website,
    languages: p.languages,
    insurers: p.insurers,
    accepts_online_requests: p.acceptsOnlineRequests,
    updated_at: new Date(),
  };
  return db
    .insertInto('practice_info')
    .values({ account_id: accountId, ...values })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(values))
    .returningAll()
    .executeTakeFirstOrThrow();
}
