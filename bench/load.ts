import { Worker } from 'node:worker_threads';

export interface RequestTemplate {
  method: 'GET' | 'POST';
  path: string;
  /** Bearer token (API clients). */
  token?: string;
  /** Cookie header (web pages signed in with a session). */
  cookie?: string;
  /** JSON body; `{n}` is replaced by the request's sequence number. */
  body?: string;
}

export interface LoadJob {
  baseUrl: string;
  /** Request lists; clients are spread evenly over them and each is reported on its own. */
  groups: RequestTemplate[][];
  concurrency: number;
  seconds: number;
  maxRequests: number;
  /**
   * When set, requests start on a fixed schedule (this many per second, over all clients) instead
   * of as fast as the clients can go: a background writer at a known rate.
   */
  ratePerSecond?: number;
}

export interface LoadResult {
  requests: number;
  /** Answers with a 2xx status. */
  ok: number;
  statuses: Record<string, number>;
  seconds: number;
  /** Successful requests per second. */
  perSecond: number;
  /** Latency percentiles in milliseconds. */
  p50: number;
  p99: number;
}

/** Runs one measurement with concurrent HTTP clients in a worker thread; one result per group. */
export function runLoad(job: LoadJob): Promise<LoadResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./load-worker.ts', import.meta.url), { workerData: job, execArgv: ['--import', 'tsx'] });
    worker.once('message', (result: LoadResult[]) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

/** Share of answers that were not 2xx (network errors included). */
export function failureShare(r: LoadResult): number {
  return r.requests ? (r.requests - r.ok) / r.requests : 1;
}
