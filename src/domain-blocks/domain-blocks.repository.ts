import type { Db } from '../db/connect.js';

/** The SQL of an account's domain blocks. */

/** How many domains one account may block. */
const MAX_DOMAIN_BLOCKS = 10_000;

export async function insertDomainBlock(db: Db, accountId: string, domain: string): Promise<void> {
  const count = await db.selectFrom('account_domain_blocks').select((eb) => eb.fn.countAll<string>().as('n')).where('account_id', '=', accountId).executeTakeFirstOrThrow();
  if (Number(count.n) >= MAX_DOMAIN_BLOCKS) return;
  await db.insertInto('account_domain_blocks').values({ account_id: accountId, domain }).onConflict((oc) => oc.columns(['account_id', 'domain']).doNothing()).execute();
}

export async function deleteDomainBlock(db: Db, accountId: string, domain: string): Promise<void> {
  await db.deleteFrom('account_domain_blocks').where('account_id', '=', accountId).where('domain', '=', domain).execute();
}

export function domainBlockPage(db: Db, accountId: string, page: { maxId?: string | undefined; sinceId?: string | undefined; limit: number }) {
  return db
    .selectFrom('account_domain_blocks')
    .select(['id', 'domain'])
    .where('account_id', '=', accountId)
    .$if(page.maxId !== undefined, (q) => q.where('id', '<', page.maxId!))
    .$if(page.sinceId !== undefined, (q) => q.where('id', '>', page.sinceId!))
    .orderBy('id', 'desc')
    .limit(page.limit)
    .execute();
}
