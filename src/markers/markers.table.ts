import type { Generated } from 'kysely';

/** The saved read position of one account in one timeline (Mastodon's markers). */
export interface MarkersTable {
  account_id: string;
  timeline: 'home' | 'notifications';
  last_read_id: string;
  version: Generated<number>;
  updated_at: Generated<Date>;
}
