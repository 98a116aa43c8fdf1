import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { unreadCount } from '../notifications/notifications.repository.js';
import { unreadMessages } from '../messages/conversations.service.js';
import { careRequestNavFacts } from '../care-requests/care-requests.repository.js';

/** Badges above this show as "99+". */
export const NAV_BADGE_CAP = 99;

/** The unread counts the navigation shows to a signed-in reader; one entry per badge. */
export interface NavCounts {
  /** Unread notifications, counted up to `NAV_BADGE_CAP + 1`. */
  notifications: number;
  /** Unread conversations (not muted) and pending message requests. */
  messages?: number;
  /** New care requests received; for professionals and organisations, and whoever sent one. */
  careRequests?: number;
  /** Professionals and organisations get the link to their promotions (no count). */
  promotions?: true;
  /** Set for professionals and organisations: the navigation links their statistics. */
  analytics?: true;
}

/**
 * Counts for the navigation badges of every signed-in page: one capped query on the partial
 * index of unread notifications. The same rows the notifications list shows (`unreadCount`).
 */
export async function navCounts(app: AppContext, viewer: Viewer): Promise<NavCounts> {
  const [notifications, messages, care] = await Promise.all([unreadCount(app.db, viewer, NAV_BADGE_CAP + 1), unreadMessages(app, viewer), careRequestNavFacts(app.db, viewer.accountId, NAV_BADGE_CAP + 1)]);
  return { notifications, messages: messages.conversations + messages.requests, ...(care.practitioner || care.hasSent ? { careRequests: care.newCount } : {}), ...(care.practitioner ? { promotions: true as const, analytics: true as const } : {}) };
}

/** What a badge prints: the number, or "99+" above the cap. */
export function badgeText(count: number): string {
  return count > NAV_BADGE_CAP ? `${NAV_BADGE_CAP}+` : String(count);
}
