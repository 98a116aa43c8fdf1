import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** The pub/sub channel (under the prefix) that announces a new generation to every process. */
export const GENERATION_CHANNEL = 'infra.generation';

/**
 * The generation of everything this deployment keeps in Redis. Every cache and feed key carries
 * it (`<prefix><generation>:…`). While Redis is unreachable, invalidations and feed writes are
 * dropped; so the first process that reconnects after dropping one increments `<prefix>gen`,
 * announces it on `GENERATION_CHANNEL`, and from then on every process reads and writes fresh,
 * empty keys: whatever was written before the outage is treated as lost, never served stale
 * (the old keys expire on their own). Processes also re-read the generation whenever their own
 * connection (or subscriber connection) comes back, in case they missed the announcement.
 *
 * Until the generation is known (at start-up, and from a disconnect until the re-read), `current`
 * is null and the adapters behave as if Redis were away.
 */
export interface RedisGeneration {
  /** The generation to use now, or null when Redis should not be used. */
  current(): string | null;
  /**
   * Reports a failed (or skipped) Redis operation; `lostWrite` when it dropped an invalidation
   * or a feed change, which makes the next successful sync start a new generation. Logs once
   * per outage.
   */
  failed(err: unknown, lostWrite: boolean): void;
  /** A generation announced by another process. */
  announced(generation: string): void;
  /** Re-reads the generation (e.g. after the subscriber reconnected). */
  resync(): void;
  /** Called with each new generation, to clear what a process keeps of the old one. */
  onChange(listener: () => void): void;
  /** Resolves once a generation is known, or after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>;
  close(): void;
}

/** How often a process checks the generation anyway, in case it missed an announcement. */
const CHECK_MS = 10_000;

export function createRedisGeneration(
  redis: Redis,
  options: { prefix: string; log: Logger; announce: (generation: string) => Promise<void> },
): RedisGeneration {
  const { prefix, log } = options;
  const key = `${prefix}gen`;
  let generation: string | null = null;
  /** The highest generation announced while ours was unknown. */
  let announcedWhileUnknown = 0;
  let lostWrites = false;
  let down = false;
  let closed = false;
  let syncing = false;
  let retry: NodeJS.Timeout | null = null;
  const listeners: (() => void)[] = [];
  const waiters: (() => void)[] = [];

  const use = (next: string) => {
    const changed = next !== generation;
    generation = next;
    if (changed) for (const listener of listeners) listener();
    for (const wake of waiters.splice(0)) wake();
  };

  const noteDown = (err: unknown) => {
    if (down || closed) return;
    down = true;
    log.warn('Redis unavailable: caches miss, feeds read as absent, their writes are dropped', { err });
  };

  const sync = async (): Promise<void> => {
    if (syncing || closed) return;
    syncing = true;
    try {
      for (;;) {
        const startNew = lostWrites;
        lostWrites = false;
        let next: string;
        try {
          next = startNew ? String(await redis.incr(key)) : ((await redis.get(key)) ?? '0');
        } catch (err) {
          if (startNew) lostWrites = true;
          throw err;
        }
        // A write was dropped while we asked: it needs a generation of its own.
        if (lostWrites) continue;
        if (announcedWhileUnknown > Number(next)) next = String(announcedWhileUnknown);
        announcedWhileUnknown = 0;
        use(next);
        if (startNew) await options.announce(next);
        if (down) log.info('Redis available again', { generation: next, newGeneration: startNew });
        down = false;
        return;
      }
    } catch (err) {
      noteDown(err);
      // Still connected (a timeout, not a disconnect): try again shortly; otherwise `ready` will.
      if (redis.status === 'ready' && !retry && !closed) {
        retry = setTimeout(() => {
          retry = null;
          void sync();
        }, 1000);
        retry.unref();
      }
    } finally {
      syncing = false;
    }
    // A write was dropped after this sync had settled on a generation.
    if (lostWrites && generation === null && redis.status === 'ready' && !closed) setImmediate(() => void sync());
  };

  const check = setInterval(() => {
    if (redis.status === 'ready' && !syncing) void sync();
  }, CHECK_MS);
  check.unref();
  redis.on('ready', () => void sync());
  redis.on('close', () => {
    generation = null;
    announcedWhileUnknown = 0;
  });
  redis.on('error', (err: unknown) => noteDown(err));
  if (redis.status === 'ready') void sync();

  return {
    current: () => generation,
    failed(err, lostWrite) {
      noteDown(err);
      if (lostWrite) lostWrites = true;
      // Any failure stops using Redis until a sync succeeds again (a circuit breaker): a Redis
      // that hangs would otherwise cost every request a command timeout per operation.
      generation = null;
      if (redis.status === 'ready') void sync();
    },
    announced(next) {
      if (generation === null) announcedWhileUnknown = Math.max(announcedWhileUnknown, Number(next));
      else if (Number(next) > Number(generation)) use(next);
    },
    resync: () => void sync(),
    onChange: (listener) => void listeners.push(listener),
    ready: (timeoutMs) =>
      generation !== null
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiters.push(resolve);
            setTimeout(resolve, timeoutMs).unref();
          }),
    close() {
      closed = true;
      clearInterval(check);
      if (retry) clearTimeout(retry);
    },
  };
}
