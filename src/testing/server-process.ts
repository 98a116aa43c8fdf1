import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A server under test in its own process, so that its RSS and CPU are its own and the load
 * generator never shares its event loop. Medired runs exactly as in production (`src/main.ts`,
 * job worker included); the plain `node:http` baseline runs `bench/plain-server.ts`.
 */
export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Resident set size of the server process in bytes (from /proc, Linux). */
  rss(): number;
  stop(): Promise<void>;
}

/** Variables the bench sets itself; inherited values would point the server elsewhere. */
const OWNED_ENV = ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'DATA_DIR', 'PORT', 'HOST', 'PUBLIC_URL', 'SEED_DEMO', 'NODE_ENV', 'LOG_LEVEL', 'RATE_LIMIT_FACTOR', 'MESSAGE_KEYS'];

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return kb ? Number(kb[1]) * 1024 : 0;
  } catch {
    return 0; // the process has exited
  }
}

async function waitUntilAnswering(url: string, child: ChildProcess, output: () => string, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode} before answering:\n${output()}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer ${url} within ${timeoutMs / 1000} s:\n${output()}`);
}

/** Starts `script` (a TypeScript entry) under this Node with tsx and waits until `readyPath` answers 2xx. */
export async function startServerProcess(script: string, env: Record<string, string>, readyPath: string): Promise<ServerProcess> {
  const port = await freePort();
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !OWNED_ENV.includes(k) && !k.startsWith('BENCH_')));
  // BENCH_SERVER_NODE_ARGS adds Node options for the server only (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`).
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    process.stderr.write(`[server] ${chunk.toString()}`);
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitUntilAnswering(baseUrl + readyPath, child, () => output);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    baseUrl,
    pid: child.pid!,
    rss: () => rssOf(child.pid!),
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The environment of one app process of a multi-process test: the shared PostgreSQL database,
 * Redis (under the test's prefix) and message keys, a data folder of its own, no demo world, no
 * rate limits, only errors logged.
 */
export function testProcessEnv(shared: { databaseUrl: string; redisUrl: string; redisPrefix: string; messageKeys: string }): Record<string, string> {
  return {
    DATABASE_URL: shared.databaseUrl,
    // The same message keys in every process, as in production.
    MESSAGE_KEYS: shared.messageKeys,
    REDIS_URL: shared.redisUrl,
    REDIS_PREFIX: shared.redisPrefix,
    DATA_DIR: mkdtempSync(path.join(tmpdir(), 'medired-proc-')),
    SEED_DEMO: 'false',
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    RATE_LIMIT_FACTOR: '0',
  };
}
