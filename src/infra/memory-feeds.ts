import { isFeedId, planReplace } from './feed-entries.js';
import type { FeedStore } from './infra.js';
import { ttlMs } from './memory-cache.js';
import { createExpiringLru } from './lru.js';

interface MemoryFeed {
  /** Newest first. */
  ids: number[];
  /** null when complete. */
  floor: number | null;
}

/**
 * The embedded feed store: feeds in this process's memory, at most `maxFeeds` of them (10,000
 * by default; the least recently read is dropped first, and simply rebuilt from the database
 * when read again).
 */
export function createMemoryFeeds(options: { maxFeeds?: number } = {}): FeedStore {
  const feeds = createExpiringLru<MemoryFeed>(options.maxFeeds ?? 10_000);

  return {
    async replace(feed, ids, { cap, complete, ttlSeconds }) {
      const plan = planReplace(ids, cap, complete);
      if (!plan) return feeds.delete(feed);
      feeds.set(feed, { ids: plan.ids.map(Number), floor: plan.floor === null ? null : Number(plan.floor) }, Date.now() + ttlMs(ttlSeconds));
    },
    async add(names, ids, { cap }) {
      const added = ids.filter(isFeedId).map(Number);
      for (const name of names) {
        const feed = feeds.peek(name);
        if (!feed) continue;
        // Below the floor of an incomplete feed an id would sit after a gap: leave it to the database.
        const fresh = added.filter((id) => (feed.floor === null || id > feed.floor) && !feed.ids.includes(id));
        if (fresh.length === 0) continue;
        feed.ids = [...feed.ids, ...fresh].sort((a, b) => b - a);
        const max = Math.max(1, cap);
        if (feed.ids.length > max) {
          feed.ids.length = max;
          feed.floor = feed.ids[max - 1]!;
        }
      }
    },
    async remove(names, ids) {
      const gone = new Set(ids.map(Number));
      for (const name of names) {
        const feed = feeds.peek(name);
        if (feed) feed.ids = feed.ids.filter((id) => !gone.has(id));
      }
    },
    async drop(names) {
      for (const name of names) feeds.delete(name);
    },
    async read(name, range, ttlSeconds) {
      const feed = feeds.get(name);
      if (!feed) return { present: false, ids: [], oldestKept: null };
      feeds.expireAt(name, Date.now() + ttlMs(ttlSeconds));
      const below = range.below === undefined ? Infinity : Number(range.below);
      const above = range.above === undefined ? 0 : Number(range.above);
      const inRange = feed.ids.filter((id) => id < below && id > above);
      const ordered = range.ascending ? inRange.reverse() : inRange;
      return {
        present: true,
        ids: ordered.slice(0, Math.max(0, range.limit)).map(String),
        oldestKept: feed.floor === null ? null : String(feed.floor),
      };
    },
    async close() {
      feeds.clear();
    },
  };
}
