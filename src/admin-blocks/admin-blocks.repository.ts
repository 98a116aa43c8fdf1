import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { Database } from '../db/database.js';
import type {
  AdminDomainAllowsTable,
  AdminDomainBlocksTable,
  CanonicalEmailBlocksTable,
  EmailDomainBlocksTable,
  IpBlocksTable,
} from './admin-blocks.table.js';

/** The SQL of the server-wide blocks: five small tables, keyset-paginated on id. */

export type DomainBlockRow = Selectable<AdminDomainBlocksTable>;
export type DomainAllowRow = Selectable<AdminDomainAllowsTable>;
export type EmailDomainBlockRow = Selectable<EmailDomainBlocksTable>;
export type IpBlockRow = Selectable<IpBlocksTable>;
export type CanonicalEmailBlockRow = Selectable<CanonicalEmailBlocksTable>;

export interface IdPage {
  maxId?: string | undefined;
  sinceId?: string | undefined;
  minId?: string | undefined;
  limit: number;
}

type BlockTable = 'admin_domain_blocks' | 'admin_domain_allows' | 'email_domain_blocks' | 'ip_blocks' | 'canonical_email_blocks';
type RowOf<T extends BlockTable> = Selectable<Database[T]>;

/** One page of a block table, newest first (`min_id` pages forward, still returned newest first). */
export async function listBlocks<T extends BlockTable>(db: Db, table: T, page: IdPage): Promise<RowOf<T>[]> {
  const lower = page.minId ?? page.sinceId;
  const rows = await db
    .selectFrom(table as BlockTable)
    .selectAll()
    .$if(Boolean(page.maxId), (q) => q.where('id', '<', page.maxId!))
    .$if(Boolean(lower), (q) => q.where('id', '>', lower!))
    .orderBy('id', page.minId ? 'asc' : 'desc')
    .limit(page.limit)
    .execute();
  return (page.minId ? rows.reverse() : rows) as RowOf<T>[];
}

export async function findBlock<T extends BlockTable>(db: Db, table: T, id: string): Promise<RowOf<T> | undefined> {
  return (await db.selectFrom(table as BlockTable).selectAll().where('id', '=', id).executeTakeFirst()) as RowOf<T> | undefined;
}

/** Deletes one row; the deleted row, or undefined when there was none. */
export async function deleteBlock<T extends BlockTable>(db: Db, table: T, id: string): Promise<RowOf<T> | undefined> {
  return (await db.deleteFrom(table as BlockTable).where('id', '=', id).returningAll().executeTakeFirst()) as RowOf<T> | undefined;
}

export function insertDomainBlock(db: Db, values: Insertable<AdminDomainBlocksTable>): Promise<DomainBlockRow> {
  return db.insertInto('admin_domain_blocks').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateDomainBlock(db: Db, id: string, values: Updateable<AdminDomainBlocksTable>): Promise<DomainBlockRow | undefined> {
  return db.updateTable('admin_domain_blocks').set({ ...values, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** Every domain block, for the public list (`/api/v1/instance/domain_blocks`). */
export function allDomainBlocks(db: Db): Promise<DomainBlockRow[]> {
  return db.selectFrom('admin_domain_blocks').selectAll().orderBy('domain').execute();
}

export function insertDomainAllow(db: Db, domain: string): Promise<DomainAllowRow> {
  return db.insertInto('admin_domain_allows').values({ domain }).returningAll().executeTakeFirstOrThrow();
}

export function insertEmailDomainBlock(db: Db, domain: string): Promise<EmailDomainBlockRow> {
  return db.insertInto('email_domain_blocks').values({ domain }).returningAll().executeTakeFirstOrThrow();
}

/** The e-mail domain blocks covering `domain`: itself or any parent domain (`mail.example.com` → `example.com`). */
export function emailDomainBlocksCovering(db: Db, domain: string): Promise<EmailDomainBlockRow[]> {
  const parts = domain.toLowerCase().split('.');
  const candidates = parts.map((_, i) => parts.slice(i).join('.')).filter((d) => d.length > 0);
  return db.selectFrom('email_domain_blocks').selectAll().where(sql<boolean>`lower(domain) = any(${candidates}::text[])`).execute();
}

/** Counts a sign-up the block refused today. */
export async function countEmailDomainBlockUse(db: Db, blockId: string): Promise<void> {
  await db
    .insertInto('email_domain_block_uses')
    .values({ block_id: blockId, day: sql<string>`(now() AT TIME ZONE 'UTC')::date` as unknown as string, uses: 1 })
    .onConflict((oc) => oc.columns(['block_id', 'day']).doUpdateSet((eb) => ({ uses: sql<number>`${eb.ref('email_domain_block_uses.uses')} + 1` })))
    .execute();
}

/** Refused sign-ups per block and day since `since` (YYYY-MM-DD). */
export async function emailDomainBlockUses(db: Db, blockIds: readonly string[], since: string): Promise<{ block_id: string; day: string; uses: number }[]> {
  if (blockIds.length === 0) return [];
  return db
    .selectFrom('email_domain_block_uses')
    .select(['block_id', sql<string>`day::text`.as('day'), 'uses'])
    .where('block_id', 'in', [...blockIds])
    .where('day', '>=', since)
    .execute();
}

/** The normalised network of an address or range (`10.0.0.1/8` → `10.0.0.0/8`), or null when it is not one. */
export async function normaliseNetwork(db: Db, value: string): Promise<string | null> {
  try {
    const row = await sql<{ net: string }>`SELECT network(${value}::inet)::text AS net`.execute(db);
    return row.rows[0]?.net ?? null;
  } catch {
    return null;
  }
}

export function insertIpBlock(db: Db, values: Insertable<IpBlocksTable>): Promise<IpBlockRow> {
  return db.insertInto('ip_blocks').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateIpBlock(db: Db, id: string, values: Updateable<IpBlocksTable>): Promise<IpBlockRow | undefined> {
  return db.updateTable('ip_blocks').set({ ...values, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

/** The unexpired blocks of a severity whose range holds `ip`. */
export async function ipBlocksHolding(db: Db, ip: string, severity: IpBlockRow['severity']): Promise<IpBlockRow[]> {
  try {
    return await db
      .selectFrom('ip_blocks')
      .selectAll()
      .where('severity', '=', severity)
      .where(sql<boolean>`ip >>= ${ip}::inet`)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
      .execute();
  } catch {
    // Not an address (a test client, a unix socket): nothing can hold it.
    return [];
  }
}

/** Every unexpired `no_access` range, for the request gate's in-memory list. */
export function noAccessRanges(db: Db): Promise<{ ip: string }[]> {
  return db
    .selectFrom('ip_blocks')
    .select('ip')
    .where('severity', '=', 'no_access')
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', new Date())]))
    .execute();
}

export function insertCanonicalEmailBlock(db: Db, hash: string): Promise<CanonicalEmailBlockRow> {
  return db.insertInto('canonical_email_blocks').values({ canonical_email_hash: hash }).returningAll().executeTakeFirstOrThrow();
}

export function canonicalEmailBlocksByHash(db: Db, hash: string): Promise<CanonicalEmailBlockRow[]> {
  return db.selectFrom('canonical_email_blocks').selectAll().where('canonical_email_hash', '=', hash).execute();
}
