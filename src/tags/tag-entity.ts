import type { AppContext } from '../app-context.js';
import { tagUrl } from '../posts/status-entity.js';
import { featuredTagIdsAmong, followedTagIds, tagDayUses, type TagRow } from './tags.repository.js';

/** Mastodon's Tag entity: `history` is the last week, newest day first; `following` and `featuring` for a signed-in reader. */
export interface MastodonTag {
  id: string;
  name: string;
  url: string;
  history: { day: string; uses: string; accounts: string }[];
  following?: boolean;
  /** Mastodon 4.4: the viewer features it on their profile. */
  featuring?: boolean;
}

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 7;

/** Tag entities for `tags` (in that order), their history and, with `viewerId`, whether the viewer follows each. */
export async function toMastodonTags(app: AppContext, tags: TagRow[], viewerId: string | null): Promise<MastodonTag[]> {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const since = new Date(today - (HISTORY_DAYS - 1) * DAY_MS);
  const ids = tags.map((t) => t.id).filter(Boolean);
  const none = Promise.resolve(new Set<string>());
  const [uses, followed, featured] = await Promise.all([
    tagDayUses(app.db, ids, since),
    viewerId ? followedTagIds(app.db, viewerId, ids) : none,
    viewerId ? featuredTagIdsAmong(app.db, viewerId, ids) : none,
  ]);
  const byKey = new Map(uses.map((u) => [`${u.tag_id}:${new Date(u.day).getTime()}`, u]));
  return tags.map((t) => ({
    id: t.id,
    name: t.name,
    url: tagUrl(app.config, t.name),
    history: Array.from({ length: HISTORY_DAYS }, (_, i) => {
      const day = today - i * DAY_MS;
      const u = byKey.get(`${t.id}:${day}`);
      return { day: String(day / 1000), uses: u?.uses ?? '0', accounts: u?.accounts ?? '0' };
    }),
    ...(viewerId ? { following: followed.has(t.id), featuring: featured.has(t.id) } : {}),
  }));
}
