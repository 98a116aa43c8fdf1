import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/** Which notification types a subscription wants pushed (Mastodon's `data[alerts]`). */
export type PushAlerts = Partial<Record<PushAlertType, boolean>>;

/** Mastodon's alert names: its notification types that reach apps through Web Push. */
export const PUSH_ALERT_TYPES = ['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update', 'admin.sign_up', 'admin.report'] as const;
export type PushAlertType = (typeof PUSH_ALERT_TYPES)[number];

export const PUSH_POLICIES = ['all', 'followed', 'follower', 'none'] as const;
export type PushPolicy = (typeof PUSH_POLICIES)[number];

/** One Web Push subscription of one access token. */
export interface PushSubscriptionsTable {
  id: GeneratedAlways<string>;
  access_token_id: string;
  account_id: string;
  endpoint: string;
  key_p256dh: string;
  key_auth: string;
  /** The subscription's access token, sealed with `app.sealer` (place `push:<access_token_id>`). */
  access_token_sealed: Buffer;
  alerts: ColumnType<PushAlerts, string, string>;
  policy: Generated<PushPolicy>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}
