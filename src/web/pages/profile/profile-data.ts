import type { AppContext } from '../../../app-context.js';
import { findAccountByUsername } from '../../../accounts/accounts.repository.js';
import { toMastodonAccount, type MastodonAccount } from '../../../accounts/accounts.serializer.js';
import { getVisibleAccount } from '../../../accounts/accounts.service.js';
import { relationships, type Relationship } from '../../../relations/relationships.js';
import type { AccountRow } from '../../../accounts/accounts.repository.js';
import type { Viewer } from '../../../auth/viewer.js';
import { notFound } from '../../../errors.js';

export interface ProfileData {
  row: AccountRow;
  account: MastodonAccount;
  /** The viewer's relationship with the account; null for visitors and for one's own profile. */
  relationship: Relationship | null;
  isOwner: boolean;
}

/** Loads a profile by its handle as the viewer may see it (404 unknown, 410 suspended). */
export async function loadProfile(app: AppContext, handle: string, viewer: Viewer | null): Promise<ProfileData> {
  const found = await findAccountByUsername(app.db, handle);
  if (!found) throw notFound('Account');
  const row = await getVisibleAccount(app.db, found.id, viewer);
  const isOwner = viewer?.accountId === row.id;
  const relationship = viewer && !isOwner ? ((await relationships(app.db, viewer.accountId, [row.id]))[0] ?? null) : null;
  return { row, account: toMastodonAccount(row, app.config), relationship, isOwner };
}

/** Web path parameter of a profile (`/@handle`), as a Hono route pattern. */
export const HANDLE = ':handle{@[A-Za-z0-9_]{1,30}}';

/** The handle without its @. */
export const handleOf = (param: string) => param.replace(/^@/, '');
