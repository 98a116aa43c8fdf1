import type { Db } from '../db/connect.js';
import { notify } from '../notifications/notify.js';
import { isShownUnderPseudonym } from './content-targets.js';
import { findReportReporter } from './reports.repository.js';
import type { ModerationActionType } from './moderation.table.js';

/** The notification a reporter gets when their report is handled (a Medired type; payload in `medired`). */
export const REPORT_OUTCOME_NOTIFICATION = 'medired.report';

/**
 * What the reporter is told followed their report: only the kind of action, never the reason,
 * the moderator or anything else about the reported account.
 */
export type ReportOutcome =
  | 'resolved'
  | 'dismissed'
  | 'content_hidden'
  | 'content_labelled'
  | 'content_removed'
  | 'marked_sensitive'
  | 'account_warned'
  | 'account_limited'
  | 'account_suspended';

export const REPORT_OUTCOMES: readonly ReportOutcome[] = ['resolved', 'dismissed', 'content_hidden', 'content_labelled', 'content_removed', 'marked_sensitive', 'account_warned', 'account_limited', 'account_suspended'];

/** The outcome a moderation action taken on a report means for the reporter (lifting a limit is not one). */
export const REPORT_OUTCOME_OF_ACTION: Readonly<Record<ModerationActionType, ReportOutcome | null>> = {
  dismiss: 'dismissed',
  hide: 'content_hidden',
  label: 'content_labelled',
  remove: 'content_removed',
  sensitive: 'marked_sensitive',
  warn: 'account_warned',
  limit: 'account_limited',
  suspend: 'account_suspended',
  unlimit: null,
  unsuspend: null,
};

/**
 * What the reporter may be told. About content shown under a pseudonym, an action on the account
 * behind it is told as `resolved`: "the account was limited" would tell the reporter that the
 * person behind the pseudonym is an account whose limit they can then look for.
 */
export function outcomeForReporter(outcome: ReportOutcome, pseudonymousTarget: boolean): ReportOutcome {
  return pseudonymousTarget && outcome.startsWith('account_') ? 'resolved' : outcome;
}

/**
 * Tells the person who filed `reportId` that it was handled and how. The notice comes from the
 * instance (no `from` account), so it names neither the moderator nor, to anyone else, the reporter.
 */
export async function notifyReporter(db: Db, reportId: string, outcome: ReportOutcome | null): Promise<void> {
  if (!outcome) return;
  const report = await findReportReporter(db, reportId);
  if (!report) return;
  const told = outcomeForReporter(outcome, await isShownUnderPseudonym(db, report.target_type, report.target_id));
  await notify(db, { accountId: report.account_id, type: REPORT_OUTCOME_NOTIFICATION, payload: { report_id: reportId, category: report.category, outcome: told } });
}
