import type { AppContext } from '../app-context.js';
import { JOBS_CHANNEL, runDueJobs, type JobHandlers } from './jobs.queue.js';

/**
 * Starts the background worker: it runs due jobs with `handlers` as soon as `notifyJobs` wakes
 * it (from any process, through `app.pubsub`), and polls the durable queue every `pollMs` anyway
 * (sooner while there is work), for jobs scheduled later and wake-ups that were lost. Returns
 * `stop`, which waits for the job in progress to finish and resolves once the loop has ended;
 * call it before closing the database and the pub/sub.
 */
export function startJobWorker(app: AppContext, handlers: JobHandlers, options: { pollMs?: number } = {}): () => Promise<void> {
  const pollMs = options.pollMs ?? 1000;
  const log = app.log.child('jobs');
  let stopping = false;
  let wake: (() => void) | null = null;
  /** A wake-up came while the worker was busy: look again before sleeping. */
  let woken = false;
  const unsubscribed = app.pubsub
    .subscribe(JOBS_CHANNEL, () => {
      if (wake) wake();
      else woken = true;
    })
    .catch((err: unknown) => {
      log.warn('job worker could not subscribe to wake-ups; polling only', { err });
      return async () => undefined;
    });
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
      if (!stopping && ran === 0 && !woken) await sleep(pollMs);
      woken = false;
    }
  })();

  return async () => {
    stopping = true;
    wake?.();
    await loop;
    await (await unsubscribed)();
  };
}
