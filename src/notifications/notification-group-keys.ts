import type { Db } from '../db/connect.js';
import { latestGroupKeyStartingWith } from './notifications.repository.js';

/** The types Mastodon groups (favourite, reblog and follow of the same target). */
export const GROUPABLE_NOTIFICATION_TYPES = ['favourite', 'reblog', 'follow', 'admin.sign_up'] as const;

/** A group spans at most this many hours from its first notification, as in Mastodon. */
const MAXIMUM_GROUP_SPAN_HOURS = 12;

export function isGroupable(type: string): boolean {
  return (GROUPABLE_NOTIFICATION_TYPES as readonly string[]).includes(type);
}

/** The key of a notification that is its own group. */
export function ungroupedKey(notificationId: string): string {
  return `ungrouped-${notificationId}`;
}

/**
 * The group key of a new notification, or null when its type is not grouped: `<type>-<status>-<hour>`
 * (`follow-<hour>` for follows), where the hour is the one the group started in; a notification
 * joins the recipient's latest group of the same kind and target while that group is younger
 * than twelve hours — Mastodon's rule, with the database instead of Redis remembering the hour.
 */
export async function groupKeyFor(db: Db, recipientId: string, type: string, statusId: string | null, at: Date = new Date()): Promise<string | null> {
  if (!isGroupable(type)) return null;
  const prefix = statusId ? `${type}-${statusId}-` : `${type}-`;
  const hour = Math.floor(at.getTime() / 3_600_000);
  const previous = await latestGroupKeyStartingWith(db, recipientId, prefix);
  const previousHour = previous ? Number(previous.slice(prefix.length)) : Number.NaN;
  const bucket = Number.isInteger(previousHour) && hour < previousHour + MAXIMUM_GROUP_SPAN_HOURS ? previousHour : hour;
  return `${prefix}${bucket}`;
}
