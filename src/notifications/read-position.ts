import type { Db } from '../db/connect.js';
import { saveMarker } from '../markers/markers.repository.js';
import { markNotificationsRead, newestNotificationId } from './notifications.repository.js';

/**
 * Marks the account's notifications read up to `upToId` (all when absent) and moves the
 * notifications marker there, so the per-notification read state, the unread count and
 * `GET /api/v1/markers` agree whichever entrance was used (web button, markers, Medired route).
 * Moving the marker back does not make notifications unread again.
 */
export async function markNotificationsReadUpTo(db: Db, accountId: string, upToId?: string): Promise<void> {
  const upTo = upToId ?? (await newestNotificationId(db, accountId));
  if (!upTo) return;
  await db.transaction().execute(async (trx) => {
    await markNotificationsRead(trx, accountId, upTo);
    await saveMarker(trx, accountId, 'notifications', upTo);
  });
}
