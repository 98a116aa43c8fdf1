import type { Db } from '../db/connect.js';
import { ALWAYS_ON_GROUP, SWITCHABLE_GROUPS, isSwitchableGroup, type NotificationGroup } from './notification-groups.js';

/** Which switchable groups are on for the account (every group is on unless switched off). */
export async function notificationPreferences(db: Db, accountId: string): Promise<Record<NotificationGroup, boolean>> {
  const rows = await db.selectFrom('notification_preferences').select(['notification_group', 'enabled']).where('account_id', '=', accountId).execute();
  const prefs = Object.fromEntries([...SWITCHABLE_GROUPS, ALWAYS_ON_GROUP].map((g) => [g, true])) as Record<NotificationGroup, boolean>;
  for (const r of rows) if (isSwitchableGroup(r.notification_group)) prefs[r.notification_group] = r.enabled;
  return prefs;
}

/** Whether the account switched `group` off (one primary-key probe; the always-on group never is). */
export async function isGroupDisabled(db: Db, accountId: string, group: NotificationGroup): Promise<boolean> {
  if (!isSwitchableGroup(group)) return false;
  const row = await db
    .selectFrom('notification_preferences')
    .select('enabled')
    .where('account_id', '=', accountId)
    .where('notification_group', '=', group)
    .executeTakeFirst();
  return row?.enabled === false;
}

/**
 * Saves the account's switches. Groups that cannot be switched (the always-on group, unknown
 * names) are ignored, so no request can turn off decisions about one's own account.
 */
export async function saveNotificationPreferences(db: Db, accountId: string, prefs: Partial<Record<string, boolean>>): Promise<void> {
  const rows = Object.entries(prefs).flatMap(([group, enabled]) =>
    isSwitchableGroup(group) && typeof enabled === 'boolean' ? [{ account_id: accountId, notification_group: group, enabled }] : [],
  );
  if (rows.length === 0) return;
  await db
    .insertInto('notification_preferences')
    .values(rows)
    .onConflict((oc) => oc.columns(['account_id', 'notification_group']).doUpdateSet((eb) => ({ enabled: eb.ref('excluded.enabled'), updated_at: new Date() })))
    .execute();
}
