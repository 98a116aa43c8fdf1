import type { Generated } from 'kysely';

/** One group of notification types an account switched off (or on again). */
export interface NotificationPreferencesTable {
  account_id: string;
  notification_group: string;
  enabled: boolean;
  updated_at: Generated<Date>;
}
