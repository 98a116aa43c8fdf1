/** Medired's own version (package.json's), as NodeInfo and the instance entity report it. */
export const MEDIRED_VERSION = '0.1.0';

/**
 * Version honesty. Clients switch features on by the Mastodon version a server claims (masto.js,
 * Mastodon.py, Tusky…), so the claim must never be higher than what Medired really answers. The
 * rule, written once here: Medired claims the highest Mastodon release R such that every
 * client-visible API family that Mastodon added up to R is served — checked against the route
 * table itself (a family is served when its representative route is declared), so the claim rises
 * by itself as families are built and falls if one is removed. `api_versions.mastodon` follows
 * from the same claim (Mastodon introduced it in 4.3.0 with the value 2; before, there was none,
 * which clients read as 0).
 */
interface ApiFamily {
  family: string;
  /** The Mastodon release that added it, `major.minor.patch`. */
  since: string;
  /** `METHOD path` of a route the family cannot be without (parameter patterns ignored). */
  route: string;
}

export const MASTODON_API_FAMILIES: readonly ApiFamily[] = [
  { family: 'statuses, timelines, accounts, notifications', since: '1.0.0', route: 'GET /api/v1/timelines/home' },
  { family: 'user domain blocks', since: '1.4.0', route: 'GET /api/v1/domain_blocks' },
  { family: 'pinned statuses', since: '1.6.0', route: 'POST /api/v1/statuses/:id/pin' },
  { family: 'custom emojis', since: '2.0.0', route: 'GET /api/v1/custom_emojis' },
  { family: 'lists', since: '2.1.0', route: 'GET /api/v1/lists' },
  { family: 'filters (v1)', since: '2.4.3', route: 'GET /api/v1/filters' },
  { family: 'follow suggestions', since: '2.4.3', route: 'GET /api/v1/suggestions' },
  { family: 'endorsements', since: '2.5.0', route: 'GET /api/v1/endorsements' },
  { family: 'conversations', since: '2.6.0', route: 'GET /api/v1/conversations' },
  { family: 'scheduled statuses', since: '2.7.0', route: 'GET /api/v1/scheduled_statuses' },
  { family: 'polls', since: '2.8.0', route: 'POST /api/v1/polls/:id/votes' },
  { family: 'markers', since: '3.0.0', route: 'GET /api/v1/markers' },
  { family: 'featured tags', since: '3.0.0', route: 'GET /api/v1/featured_tags' },
  { family: 'trending tags', since: '3.0.0', route: 'GET /api/v1/trends/tags' },
  { family: 'bookmarks', since: '3.1.0', route: 'GET /api/v1/bookmarks' },
  { family: 'announcements', since: '3.1.0', route: 'GET /api/v1/announcements' },
  { family: 'web push', since: '2.4.0', route: 'POST /api/v1/push/subscription' },
  { family: 'instance rules', since: '3.4.0', route: 'GET /api/v1/instance/rules' },
  { family: 'status edits', since: '3.5.0', route: 'GET /api/v1/statuses/:id/history' },
  { family: 'trending statuses and links', since: '3.5.0', route: 'GET /api/v1/trends/statuses' },
  { family: 'familiar followers', since: '3.5.0', route: 'GET /api/v1/accounts/familiar_followers' },
  { family: 'instance v2', since: '4.0.0', route: 'GET /api/v2/instance' },
  { family: 'filters v2', since: '4.0.0', route: 'GET /api/v2/filters' },
  { family: 'followed tags', since: '4.0.0', route: 'GET /api/v1/followed_tags' },
  { family: 'instance extended description', since: '4.0.0', route: 'GET /api/v1/instance/extended_description' },
  { family: 'instance languages', since: '4.2.0', route: 'GET /api/v1/instance/languages' },
  { family: 'grouped notifications', since: '4.3.0', route: 'GET /api/v2/notifications' },
  { family: 'notification policy', since: '4.3.0', route: 'GET /api/v2/notifications/policy' },
  { family: 'notification requests', since: '4.3.0', route: 'GET /api/v1/notifications/requests' },
  { family: 'notification policy changes', since: '4.3.0', route: 'PATCH /api/v2/notifications/policy' },
  { family: 'notification requests answered together', since: '4.3.0', route: 'POST /api/v1/notifications/requests/accept' },
  { family: 'notification requests merged', since: '4.3.0', route: 'GET /api/v1/notifications/requests/merged' },
  { family: 'statuses by ids', since: '4.3.0', route: 'GET /api/v1/statuses' },
  { family: 'accounts by ids', since: '4.3.0', route: 'GET /api/v1/accounts' },
  { family: 'link timelines', since: '4.3.0', route: 'GET /api/v1/timelines/link' },
];

/** The Mastodon releases the families name, and the api_versions value of each (none before 4.3). */
const API_VERSION_SINCE: readonly [release: string, apiVersion: number][] = [['4.3.0', 2]];

const normalise = (key: string) => key.replace(/\{(?:[^{}]|\{[^{}]*\})*\}/g, '').replace(/:[a-z_]+/gi, ':p');
const order = (v: string) => v.split('.').map(Number).reduce((n, part) => n * 1000 + part, 0);

export interface MastodonCompatibility {
  /** The Mastodon release claimed, e.g. `4.2.0`. */
  release: string;
  /** What `version` says: `<release> (compatible; Medired <version>)`. */
  version: string;
  /** `api_versions.mastodon`. */
  apiVersion: number;
  /** The families missing for the next release up (for the README and the report). */
  missing: string[];
}

/** Applies the rule above to a route table (`METHOD path` keys). */
export function mastodonCompatibility(routeKeys: Iterable<string>): MastodonCompatibility {
  const served = new Set([...routeKeys].map(normalise));
  const releases = [...new Set(MASTODON_API_FAMILIES.map((f) => f.since))].sort((a, b) => order(a) - order(b));
  let release = '1.0.0';
  let missing: string[] = [];
  for (const r of releases) {
    const lacking = MASTODON_API_FAMILIES.filter((f) => f.since === r && !served.has(normalise(f.route))).map((f) => f.family);
    if (lacking.length > 0) {
      missing = lacking;
      break;
    }
    release = r;
  }
  const apiVersion = API_VERSION_SINCE.filter(([r]) => order(r) <= order(release)).reduce((_, [, v]) => v, 0);
  return { release, version: `${release} (compatible; Medired ${MEDIRED_VERSION})`, apiVersion, missing };
}
