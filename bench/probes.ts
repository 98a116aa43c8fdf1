import type { Author } from './world.js';

/**
 * Fan-out and delivery, measured from outside as a person sees it: post, then poll followers'
 * home timelines over HTTP until the post is there. Works the same whether home is read on
 * demand (pull: the post is there at once) or filled by background jobs (push).
 */
const token = (accountId: string) => `bench-token-${accountId}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Posts a public status as `accountId`; returns its id. */
export async function postStatus(baseUrl: string, accountId: string, text: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/statuses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token(accountId)}`, 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ status: text, visibility: 'public' }),
  });
  const body = (await res.json()) as { id?: string };
  if (!res.ok || !body.id) throw new Error(`POST /api/v1/statuses as ${accountId}: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
  return body.id;
}

/** Whether `statusId` is on the first home page of `accountId` (asked for statuses from it onwards). */
async function homeHas(baseUrl: string, accountId: string, statusId: string): Promise<boolean> {
  const since = (BigInt(statusId) - 1n).toString();
  const res = await fetch(`${baseUrl}/api/v1/timelines/home?since_id=${since}&limit=40`, {
    headers: { authorization: `Bearer ${token(accountId)}`, accept: 'application/json' },
  });
  if (!res.ok) {
    await res.arrayBuffer();
    return false;
  }
  const page = (await res.json()) as { id: string }[];
  return page.some((s) => s.id === statusId);
}

/** Milliseconds from `since` until the status is on the follower's home, or null after `timeoutMs`. */
async function waitInHome(baseUrl: string, followerId: string, statusId: string, since: number, timeoutMs: number, pollMs: number): Promise<number | null> {
  while (performance.now() - since < timeoutMs) {
    if (await homeHas(baseUrl, followerId, statusId)) return performance.now() - since;
    await sleep(pollMs);
  }
  return null;
}

export interface FanOutResult {
  /** Feed entries the burst had to create: the authors' follower counts summed. */
  entries: number;
  /** From the burst until the last sampled follower saw its post (null when some never did). */
  seconds: number | null;
  entriesPerSecond: number | null;
  sampled: number;
  missed: number;
}

/**
 * A burst: every author posts at once; then each author's sampled followers (spread over its
 * follower ids) are polled until the post is on their home. Entries per second = all the authors'
 * followers / time until the last sample saw its post (an estimate: the unsampled followers are
 * assumed reached by then).
 */
export async function measureFanOut(baseUrl: string, authors: Author[], timeoutMs = 120_000): Promise<FanOutResult> {
  const started = performance.now();
  const reached = await Promise.all(
    authors.map(async (a, i) => {
      const id = await postStatus(baseUrl, a.id, `Ráfaga de difusión ${i} ${Date.now()}: revisa tu tensión arterial #salud`);
      return Promise.all(a.sampleFollowers.map((f) => waitInHome(baseUrl, f, id, started, timeoutMs, 100)));
    }),
  );
  const all = reached.flat();
  const missed = all.filter((ms) => ms === null).length;
  const entries = authors.reduce((sum, a) => sum + a.followers, 0);
  const seconds = missed ? null : Math.max(...(all as number[])) / 1000;
  return { entries, seconds, entriesPerSecond: seconds ? entries / seconds : null, sampled: all.length, missed };
}

export interface DeliveryResult {
  probes: number;
  /** Delay from the probe's POST to each sampled follower's home showing it, in ms, sorted. */
  delays: number[];
  missed: number;
}

/**
 * Probes while something else writes: every `intervalMs` a probe author posts and its sampled
 * followers poll their home until the post appears (or `timeoutMs` passes).
 */
export async function measureDelivery(baseUrl: string, authors: Author[], seconds: number, intervalMs = 500, timeoutMs = 30_000): Promise<DeliveryResult> {
  const until = performance.now() + seconds * 1000;
  const probes: Promise<(number | null)[]>[] = [];
  for (let k = 0; performance.now() < until; k++) {
    const author = authors[k % authors.length]!;
    const started = performance.now();
    probes.push(
      postStatus(baseUrl, author.id, `Sonda de entrega ${k} ${Date.now()}: camina 30 minutos al día`).then((id) =>
        Promise.all(author.sampleFollowers.map((f) => waitInHome(baseUrl, f, id, started, timeoutMs, 50))),
      ),
    );
    await sleep(intervalMs);
  }
  const all = (await Promise.all(probes)).flat();
  const delays = all.filter((ms): ms is number => ms !== null).sort((a, b) => a - b);
  return { probes: probes.length, delays, missed: all.length - delays.length };
}

/** The p-th percentile of sorted values (0 when empty). */
export function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0;
}
