import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { AdminBlockKind, AuditAction } from '../audit/audit-actions.js';
import type { Viewer } from '../auth/viewer.js';
import type { Db } from '../db/connect.js';
import { isUniqueViolation } from '../db/errors.js';
import { invalid, notFound } from '../errors.js';
import {
  canonicalEmailBlocksByHash,
  deleteBlock,
  emailDomainBlockUses,
  findBlock,
  insertCanonicalEmailBlock,
  insertDomainAllow,
  insertDomainBlock,
  insertEmailDomainBlock,
  insertIpBlock,
  ipBlocksHolding,
  normaliseNetwork,
  updateDomainBlock,
  updateIpBlock,
  type CanonicalEmailBlockRow,
  type DomainAllowRow,
  type DomainBlockRow,
  type EmailDomainBlockRow,
  type IpBlockRow,
} from './admin-blocks.repository.js';
import { ipGateChanged } from './ip-access.js';

/**
 * Mastodon's server-wide blocks, kept by administrators: domains (for federation, which Medired
 * does not do yet: kept and listed), e-mail domains, address ranges and canonical e-mail
 * addresses (enforced at sign-up, `sign-up-blocks.ts`; `no_access` ranges on every request,
 * `ip-access.ts`). Every change is in the audit log.
 */

const DOMAIN = /^(?=.{1,255}$)([a-z0-9*]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** A domain as stored: lower case, no scheme, path or trailing dot; 422 when it is not one. */
export function normaliseDomain(raw: string, ownHost: string): string {
  const domain = raw.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/.*$/, '').replace(/\.$/, '');
  if (!DOMAIN.test(domain)) throw invalid('Domain is not a valid domain name', 'domain');
  if (domain === ownHost) throw invalid('Domain is this server\'s own', 'domain');
  return domain;
}

const digestOf = (domain: string) => createHash('sha256').update(domain).digest('hex');

/** Mastodon's canonical form of an address: lower case, and in the local part no dots nor `+tag`. */
export function canonicalEmail(email: string): string {
  const [local = '', domain = ''] = email.trim().toLowerCase().split('@', 2);
  return `${local.replaceAll('.', '').split('+', 1)[0]}@${domain}`;
}

export const canonicalEmailHash = (email: string) => createHash('sha256').update(canonicalEmail(email)).digest('hex');

const taken = (err: unknown): never => {
  throw isUniqueViolation(err) ? invalid('This has already been blocked or allowed', 'domain') : err;
};

async function audit(app: AppContext, viewer: Viewer, action: AuditAction, targetType: string, targetId: string, data: Record<string, unknown>): Promise<void> {
  await recordAudit(app.db, { actorAccountId: viewer.accountId, action, targetType, targetId, data });
}

// ---- entities ----

export function toDomainBlock(r: DomainBlockRow) {
  return {
    id: r.id,
    domain: r.domain,
    digest: digestOf(r.domain),
    created_at: r.created_at.toISOString(),
    severity: r.severity,
    reject_media: r.reject_media,
    reject_reports: r.reject_reports,
    private_comment: r.private_comment,
    public_comment: r.public_comment,
    obfuscate: r.obfuscate,
  };
}

/** Mastodon's public DomainBlock: the domain half hidden when `obfuscate` is set. */
export function toPublicDomainBlock(r: DomainBlockRow) {
  // Mastodon's obfuscation: the middle half of the name hidden, dots kept.
  const visible = Math.floor(r.domain.length / 4);
  const shown = r.obfuscate ? [...r.domain].map((ch, i) => (i > visible && i < r.domain.length - visible && ch !== '.' ? '*' : ch)).join('') : r.domain;
  return { domain: shown, digest: digestOf(r.domain), severity: r.severity === 'suspend' ? 'suspend' : 'silence', ...(r.public_comment ? { comment: r.public_comment } : {}) };
}

export const toDomainAllow = (r: DomainAllowRow) => ({ id: r.id, domain: r.domain, created_at: r.created_at.toISOString() });

const DAY_MS = 86_400_000;

/** Admin::EmailDomainBlock with its last week of refused sign-ups (`uses`; `accounts` distinct, the same here). */
export async function toEmailDomainBlocks(app: AppContext, rows: EmailDomainBlockRow[]) {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const days = Array.from({ length: 7 }, (_, i) => new Date(today - i * DAY_MS).toISOString().slice(0, 10));
  const uses = await emailDomainBlockUses(app.db, rows.map((r) => r.id), days.at(-1)!);
  const byKey = new Map(uses.map((u) => [`${u.block_id}:${u.day}`, u.uses]));
  return rows.map((r) => ({
    id: r.id,
    domain: r.domain,
    created_at: r.created_at.toISOString(),
    history: days.map((day) => {
      const n = String(byKey.get(`${r.id}:${day}`) ?? 0);
      return { day: String(Date.parse(`${day}T00:00:00Z`) / 1000), accounts: n, uses: n };
    }),
  }));
}

export const toIpBlock = (r: IpBlockRow) => ({
  id: r.id,
  ip: r.ip,
  severity: r.severity,
  comment: r.comment,
  created_at: r.created_at.toISOString(),
  expires_at: r.expires_at ? r.expires_at.toISOString() : null,
});

export const toCanonicalEmailBlock = (r: CanonicalEmailBlockRow) => ({ id: r.id, canonical_email_hash: r.canonical_email_hash });

// ---- domain blocks and allows ----

export interface DomainBlockInput {
  severity?: 'noop' | 'silence' | 'suspend' | undefined;
  reject_media?: boolean | undefined;
  reject_reports?: boolean | undefined;
  private_comment?: string | undefined;
  public_comment?: string | undefined;
  obfuscate?: boolean | undefined;
}

const definedOnly = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

export async function blockDomain(app: AppContext, viewer: Viewer, domain: string, input: DomainBlockInput): Promise<DomainBlockRow> {
  const name = normaliseDomain(domain, new URL(app.config.publicUrl).hostname);
  const row = await insertDomainBlock(app.db, { domain: name, ...definedOnly(input) }).catch(taken);
  await audit(app, viewer, 'admin.domain_block_create', 'domain_block', row.id, { domain: name, severity: row.severity });
  return row;
}

export async function changeDomainBlock(app: AppContext, viewer: Viewer, id: string, input: DomainBlockInput): Promise<DomainBlockRow> {
  const row = await updateDomainBlock(app.db, id, definedOnly(input));
  if (!row) throw notFound('Domain block');
  await audit(app, viewer, 'admin.domain_block_update', 'domain_block', id, { domain: row.domain, severity: row.severity });
  return row;
}

export async function allowDomain(app: AppContext, viewer: Viewer, domain: string): Promise<DomainAllowRow> {
  const name = normaliseDomain(domain, new URL(app.config.publicUrl).hostname);
  const row = await insertDomainAllow(app.db, name).catch(taken);
  await audit(app, viewer, 'admin.domain_allow_create', 'domain_allow', row.id, { domain: name });
  return row;
}

// ---- e-mail domains, address ranges, canonical e-mail addresses ----

export async function blockEmailDomain(app: AppContext, viewer: Viewer, domain: string): Promise<EmailDomainBlockRow> {
  const name = normaliseDomain(domain.replace(/^.*@/, ''), new URL(app.config.publicUrl).hostname);
  const row = await insertEmailDomainBlock(app.db, name).catch(taken);
  await audit(app, viewer, 'admin.email_domain_block_create', 'email_domain_block', row.id, { domain: name });
  return row;
}

export interface IpBlockInput {
  ip?: string | undefined;
  severity?: 'sign_up_requires_approval' | 'sign_up_block' | 'no_access' | undefined;
  comment?: string | undefined;
  /** Seconds from now; absent keeps it, null (or 0) means never. */
  expires_in?: number | null | undefined;
}

async function ipValues(app: AppContext, input: IpBlockInput) {
  // Medired has no queue of sign-ups waiting for approval: such a block could not be honoured.
  if (input.severity === 'sign_up_requires_approval') throw invalid('Medired has no sign-up approval queue: use sign_up_block or no_access', 'severity');
  const network = input.ip === undefined ? undefined : await normaliseNetwork(app.db, input.ip.trim());
  if (network === null) throw invalid('Ip is not an IP address or range', 'ip');
  return definedOnly({
    ip: network,
    severity: input.severity,
    comment: input.comment,
    expires_at: input.expires_in === undefined ? undefined : input.expires_in ? new Date(Date.now() + input.expires_in * 1000) : null,
  });
}

/** Refuses a `no_access` range that holds the administrator's own address (they would lock themselves out). */
async function assertNotSelf(db: Db, row: IpBlockRow, requestIp: string): Promise<void> {
  if (row.severity !== 'no_access' || !isIP(requestIp)) return;
  if ((await ipBlocksHolding(db, requestIp, 'no_access')).some((b) => b.id === row.id)) throw invalid('This range holds your own address: you would lose access', 'ip');
}

export async function blockIp(app: AppContext, viewer: Viewer, input: IpBlockInput & { ip: string; severity: NonNullable<IpBlockInput['severity']> }, requestIp: string): Promise<IpBlockRow> {
  const values = await ipValues(app, input);
  const row = await app.db
    .transaction()
    .execute(async (trx) => {
      const created = await insertIpBlock(trx, { ip: values.ip!, severity: values.severity as IpBlockRow['severity'], ...(values.comment !== undefined ? { comment: values.comment } : {}), expires_at: values.expires_at ?? null });
      await assertNotSelf(trx, created, requestIp);
      await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'admin.ip_block_create', targetType: 'ip_block', targetId: created.id, data: { ip: created.ip, severity: created.severity } });
      return created;
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? invalid('This range is already blocked', 'ip') : err;
    });
  await ipGateChanged(app);
  return row;
}

export async function changeIpBlock(app: AppContext, viewer: Viewer, id: string, input: IpBlockInput, requestIp: string): Promise<IpBlockRow> {
  const values = await ipValues(app, input);
  const row = await app.db
    .transaction()
    .execute(async (trx) => {
      const changed = await updateIpBlock(trx, id, values as Parameters<typeof updateIpBlock>[2]);
      if (!changed) throw notFound('IP block');
      await assertNotSelf(trx, changed, requestIp);
      await recordAudit(trx, { actorAccountId: viewer.accountId, action: 'admin.ip_block_update', targetType: 'ip_block', targetId: id, data: { ip: changed.ip, severity: changed.severity } });
      return changed;
    })
    .catch((err: unknown) => {
      throw isUniqueViolation(err) ? invalid('This range is already blocked', 'ip') : err;
    });
  await ipGateChanged(app);
  return row;
}

/** A canonical e-mail block from an address (hashed here) or from a hash given as is. */
export async function blockCanonicalEmail(app: AppContext, viewer: Viewer, input: { email?: string | undefined; canonical_email_hash?: string | undefined }): Promise<CanonicalEmailBlockRow> {
  const hash = input.email ? canonicalEmailHash(input.email) : input.canonical_email_hash?.toLowerCase();
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) throw invalid('Give an email or a canonical_email_hash (64 hexadecimal characters)', input.email === undefined ? 'canonical_email_hash' : 'email');
  const row = await insertCanonicalEmailBlock(app.db, hash).catch((err: unknown) => {
    throw isUniqueViolation(err) ? invalid('This address is already blocked', 'email') : err;
  });
  await audit(app, viewer, 'admin.canonical_email_block_create', 'canonical_email_block', row.id, {});
  return row;
}

/** The canonical e-mail blocks an address matches (Mastodon's `test`). */
export function canonicalEmailBlocksMatching(app: AppContext, email: string): Promise<CanonicalEmailBlockRow[]> {
  return canonicalEmailBlocksByHash(app.db, canonicalEmailHash(email));
}

// ---- reading and removing ----

type Kind = 'admin_domain_blocks' | 'admin_domain_allows' | 'email_domain_blocks' | 'ip_blocks' | 'canonical_email_blocks';
const KIND_OF: Record<Kind, AdminBlockKind> = {
  admin_domain_blocks: 'domain_block',
  admin_domain_allows: 'domain_allow',
  email_domain_blocks: 'email_domain_block',
  ip_blocks: 'ip_block',
  canonical_email_blocks: 'canonical_email_block',
};
const WHAT: Record<Kind, string> = {
  admin_domain_blocks: 'Domain block',
  admin_domain_allows: 'Domain allow',
  email_domain_blocks: 'E-mail domain block',
  ip_blocks: 'IP block',
  canonical_email_blocks: 'Canonical e-mail block',
};

export async function getBlock<T extends Kind>(app: AppContext, table: T, id: string) {
  const row = await findBlock(app.db, table, id);
  if (!row) throw notFound(WHAT[table]);
  return row;
}

export async function removeBlock(app: AppContext, viewer: Viewer, table: Kind, id: string): Promise<void> {
  const row = await deleteBlock(app.db, table, id);
  if (!row) throw notFound(WHAT[table]);
  await audit(app, viewer, `admin.${KIND_OF[table]}_remove`, KIND_OF[table], id, 'domain' in row ? { domain: row.domain } : 'ip' in row ? { ip: row.ip } : {});
  if (table === 'ip_blocks') await ipGateChanged(app);
}
