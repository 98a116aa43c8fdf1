import type { AccountKind } from '../accounts/accounts.table.js';

/**
 * Who reads which statistics, and what counts as a view: the one home of these rules, asked by
 * the service before it loads anything, by the page to decide what to show and by the counting.
 */

/** What the dashboard rule needs to know about the account whose statistics are asked for. */
export interface AnalyticsOwnerFacts {
  id: string;
  kind: AccountKind;
  suspended_at: Date | null;
}

export type AnalyticsDecision = 'allowed' | 'not_practitioner' | 'not_owner';

/**
 * Statistics are for professionals and organisations (patients have none), each about its own
 * account only. Staff power opens nobody's statistics: they are a private view of an account's
 * audience and nothing in moderation needs them, so there is no staff route to read them (and so
 * nothing to audit). A suspended account reads nothing (the route boundary refuses it first).
 */
export function viewAnalyticsDecision(viewerAccountId: string, owner: AnalyticsOwnerFacts | undefined): AnalyticsDecision {
  if (!owner || owner.kind === 'patient' || owner.suspended_at) return 'not_practitioner';
  if (owner.id !== viewerAccountId) return 'not_owner';
  return 'allowed';
}

/** Whether an account of this kind has a dashboard at all (for the navigation). */
export const hasAnalytics = (account: { kind: AccountKind }): boolean => account.kind !== 'patient';

/**
 * User agents that are programs rather than people: crawlers, link previews, monitors, HTTP
 * libraries and headless browsers. A missing user agent is a program too. Deliberately broad: a
 * view missed costs less than a robot counted as an audience.
 */
const BOT_PATTERN =
  /bot\b|bot\/|crawl|spider|slurp|scrap|fetch|preview|embed|monitor|uptime|pingdom|curl|wget|httpie|python-|python\/|aiohttp|requests\/|go-http|java\/|okhttp|axios|node-fetch|undici|libwww|perl|ruby|php\/|headless|lighthouse|phantom|facebookexternalhit|whatsapp|telegram|discord|slack|skype|pleroma|akkoma|misskey|http\.rb|feed|rss|archive|validator/i;

export function isLikelyBot(userAgent: string | undefined): boolean {
  const ua = userAgent?.trim() ?? '';
  return ua.length === 0 || BOT_PATTERN.test(ua);
}

/** What the counting rule needs to know about one request for a post or article. */
export interface ViewFacts {
  /** The signed-in reader, or null for a visitor. */
  viewerAccountId: string | null;
  authorId: string;
  authorKind: AccountKind;
  /** A private message is never a "view" of a publication. */
  isMessage: boolean;
  userAgent: string | undefined;
  /** A browser's prefetch or prerender (`Sec-Purpose`/`Purpose` headers) is not someone reading. */
  prefetch: boolean;
}

/**
 * A view counts when a person (not a program) opens a post or article of a professional or
 * organisation that is not their own. Whether it counts again the same day is the deduplication's
 * business (`view-counting.ts`).
 */
export function countsAsView(f: ViewFacts): boolean {
  if (f.isMessage || f.prefetch || !hasAnalytics({ kind: f.authorKind })) return false;
  if (f.viewerAccountId !== null && f.viewerAccountId === f.authorId) return false;
  return !isLikelyBot(f.userAgent);
}
