import { Agent, request } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadJob, LoadResult } from './load.js';

/**
 * Runs in its own thread so that the HTTP clients do not share an event loop with the server
 * under test. Keeps `concurrency` requests in flight until `seconds` pass or `maxRequests` finish,
 * or, with `ratePerSecond`, starts requests on that fixed schedule.
 */
function send(agent: Agent, url: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Tally {
  latencies: number[];
  statuses: Record<string, number>;
}

function summarise(tally: Tally, seconds: number): LoadResult {
  const latencies = [...tally.latencies].sort((a, b) => a - b);
  const pct = (p: number) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]! : 0);
  const ok = Object.entries(tally.statuses)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, c]) => sum + c, 0);
  return { requests: latencies.length, ok, statuses: tally.statuses, seconds, perSecond: ok / seconds, p50: pct(0.5), p99: pct(0.99) };
}

/**
 * Client k works through group `k % groups.length`, so several groups (e.g. posts by a popular
 * and by a small account) are measured side by side in the same window, under the same load.
 */
async function run(job: LoadJob): Promise<LoadResult[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.concurrency });
  const tallies: Tally[] = job.groups.map(() => ({ latencies: [], statuses: {} }));
  let next = 0;
  const deadline = performance.now() + job.seconds * 1000;
  const started = performance.now();
  async function client(k: number): Promise<void> {
    const group = k % job.groups.length;
    const requests = job.groups[group]!;
    const tally = tallies[group]!;
    while (performance.now() < deadline && next < job.maxRequests) {
      const n = next++;
      if (job.ratePerSecond) {
        const due = started + (n * 1000) / job.ratePerSecond;
        const wait = due - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        if (performance.now() >= deadline) break;
      }
      const template = requests[n % requests.length]!;
      const headers: Record<string, string> = { accept: template.path.startsWith('/api/') ? 'application/json' : 'text/html' };
      if (template.token) headers.authorization = `Bearer ${template.token}`;
      if (template.cookie) headers.cookie = template.cookie;
      let body: string | undefined;
      if (template.body !== undefined) {
        headers['content-type'] = 'application/json';
        body = template.body.replaceAll('{n}', String(n));
        headers['content-length'] = String(Buffer.byteLength(body));
      }
      const t0 = performance.now();
      try {
        const status = await send(agent, new URL(job.baseUrl + template.path), template.method, headers, body);
        tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      } catch {
        tally.statuses.network_error = (tally.statuses.network_error ?? 0) + 1;
      }
      tally.latencies.push(performance.now() - t0);
    }
  }
  await Promise.all(Array.from({ length: job.concurrency }, (_, k) => client(k)));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return tallies.map((t) => summarise(t, elapsed));
}

parentPort!.postMessage(await run(workerData as LoadJob));
