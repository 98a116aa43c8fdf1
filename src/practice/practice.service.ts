import type { AppContext } from '../app-context.js';
import { getVisibleAccount } from '../accounts/accounts.service.js';
import type { Viewer } from '../auth/viewer.js';
import { medianTimeToFirstAnswer } from '../care-requests/response-time.js';
import { forbidden, notFound } from '../errors.js';
import { editPracticeDecision, hasPractice } from './practice.policy.js';
import { findPracticeOwner, findPracticeRow, rowToPractice, upsertPractice } from './practice.repository.js';
import { EMPTY_PRACTICE, type Practice, type PracticeInput } from './practice.js';

/** The practice of an account (empty when it filled in nothing; always empty for patients). */
export async function practiceOf(app: AppContext, accountId: string): Promise<Practice> {
  const row = await findPracticeRow(app.db, accountId);
  return row ? rowToPractice(row) : EMPTY_PRACTICE;
}

/** Whether `accountId` is a professional or organisation accepting online care requests now. */
export async function acceptsOnlineRequests(app: AppContext, accountId: string): Promise<boolean> {
  const row = await findPracticeRow(app.db, accountId);
  return row?.accepts_online_requests ?? false;
}

/** A professional or organisation edits its practice: the fields sent replace the stored ones. */
export async function updatePractice(app: AppContext, viewer: Viewer, input: PracticeInput): Promise<Practice> {
  if (editPracticeDecision(await findPracticeOwner(app.db, viewer.accountId)) !== 'allowed') {
    throw forbidden('Only professionals and organisations have practice information', 'practice.error.onlyPractitioners');
  }
  const current = await practiceOf(app, viewer.accountId);
  const next: Practice = {
    addresses: input.addresses ?? current.addresses,
    openingHours: input.opening_hours ?? current.openingHours,
    phone: input.phone ?? current.phone,
    website: input.website ?? current.website,
    languages: input.languages ?? current.languages,
    insurers: input.insurers ?? current.insurers,
    acceptsOnlineRequests: input.accepts_online_requests ?? current.acceptsOnlineRequests,
    updatedAt: null,
  };
  return rowToPractice(await upsertPractice(app.db, viewer.accountId, next));
}

export interface PracticeEntity {
  account_id: string;
  addresses: Practice['addresses'];
  opening_hours: Practice['openingHours'];
  phone: string | null;
  website: string | null;
  languages: string[];
  insurers: string | null;
  accepts_online_requests: boolean;
  /** Median time to first answer of care requests (last 180 days), when there are enough. */
  median_first_answer_seconds: number | null;
  updated_at: string | null;
}

export async function toPracticeEntity(app: AppContext, accountId: string, p: Practice): Promise<PracticeEntity> {
  const median = await medianTimeToFirstAnswer(app.db, accountId);
  return {
    account_id: accountId,
    addresses: p.addresses,
    opening_hours: p.openingHours,
    phone: p.phone || null,
    website: p.website || null,
    languages: p.languages,
    insurers: p.insurers || null,
    accepts_online_requests: p.acceptsOnlineRequests,
    median_first_answer_seconds: median?.medianSeconds ?? null,
    updated_at: p.updatedAt?.toISOString() ?? null,
  };
}

/** The practice of a visible account, for the API (404 unknown or a patient, 410 suspended). */
export async function getAccountPractice(app: AppContext, accountId: string, viewer: Viewer | null): Promise<PracticeEntity> {
  const account = await getVisibleAccount(app.db, accountId, viewer);
  // A patient has no practice: there is nothing at this address.
  if (!hasPractice(account)) throw notFound('Practice', 'practice.error.onlyPractitioners');
  return toPracticeEntity(app, account.id, await practiceOf(app, account.id));
}
