import type { AppContext } from '../app-context.js';
import { runDueJobs, type JobHandlers } from './jobs.queue.js';

/**
 * Starts the background worker: it polls the durable queue every `pollMs` (sooner while there is
 * work) and runs due jobs with `handlers`. Returns `stop`, which waits for the job in progress to
 * finish and resolves once the loop has ended; call it before closing the database.
 */
export function startJobWorker(app: AppContext, handlers: JobHandlers, options: { pollMs?: number } = {}): () => Promise<void> {
  const pollMs = options.pollMs ?? 1000;
  const log = app.log.child('jobs');
  let stopping = false;
  let wake: (() => void) | null = null;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        wake = null;
        resolve();
      }, ms);
      timer.unref?.();
      wake = () => {
        clearTimeout(timer);
        wake = null;
        resolve();
      };
    });

  const loop = (async () => {
    while (!stopping) {
      let ran = 0;
      try {
        ran = await runDueJobs(app, handlers, { maxJobs: 50 });
      } catch (err) {
        // The database may be briefly unreachable; try again after a pause.
        log.error('job worker poll failed', { err });
      }
      if (!stopping && ran === 0) await sleep(pollMs);
    }
  })();

  return async () => {
    stopping = true;
    wake?.();
    await loop;
  };
}
