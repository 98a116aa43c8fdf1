import type { AppContext } from '../app-context.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Viewer } from '../auth/viewer.js';
import { loadStatuses, type MastodonStatus } from '../posts/status-views.js';
import type { ReportRow } from './reports.service.js';

/**
 * The statuses reports are about, as the staff member reviewing them sees them. Staff power does
 * not open private messages (`visibility.ts`); a message someone reported is the exception, and
 * each time one is shown to staff the read is written to the audit log (who, which message,
 * which report), so members can trust that nobody reads their conversations unseen.
 */
export async function loadReportedStatuses(app: AppContext, rows: ReportRow[], viewer: Viewer): Promise<Map<string, MastodonStatus>> {
  const ids = [...new Set(rows.flatMap((r) => r.status_ids))];
  const byId = new Map((await loadStatuses(app, ids, viewer)).map((s) => [s.id, s]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length === 0) return byId;
  const messages = (await loadStatuses(app, missing, viewer, { reportedToStaff: true })).filter((s) => s.visibility === 'direct');
  for (const message of messages) {
    byId.set(message.id, message);
    for (const report of rows.filter((r) => r.status_ids.includes(message.id))) {
      await recordAudit(app.db, {
        actorAccountId: viewer.accountId,
        action: 'message.read_reported',
        targetType: 'status',
        targetId: message.id,
        targetAccountId: message.account.id,
        data: { report_id: report.id, conversation_id: message.medired.conversation_id ?? null },
      });
    }
  }
  return byId;
}
