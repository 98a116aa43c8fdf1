import { serve } from '@hono/node-server';
import { buildAppContext } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { createApp } from './app.js';
import { seedDemoWorldIfEmpty } from './demo/demo.seed.js';
import { jobHandlers } from './jobs/job-handlers.js';
import { startJobWorker } from './jobs/job-worker.js';
import { scheduleDailyDigest } from './notifications/daily-digest.js';
import { scheduleFollowerSnapshots } from './analytics/analytics-jobs.js';
import { flushViewCounts } from './analytics/view-counting.js';
import { scheduleInfluenceRefresh } from './influence/influence.service.js';
import { attachStreamingWebSocket } from './streaming/websocket.js';
import { vapidKeys } from './push/vapid.js';

/** Start-up: config → database and migrations → demo world → HTTP server. */
async function main(): Promise<void> {
  try {
    process.loadEnvFile('.env');
  } catch {
    // no .env file: the environment alone configures the app
  }
  const config = loadConfig(process.env);
  const app = await buildAppContext(config);
  if (config.seedDemo) await seedDemoWorldIfEmpty(app);
  // Web Push: the VAPID key pair is made at first start and shared by every process (database).
  await vapidKeys(app.db);
  const hono = createApp(app);
  const stopJobs = startJobWorker(app, jobHandlers);
  // Recurring jobs: every process schedules the next occurrence; the queue keeps one of each.
  await scheduleDailyDigest(app);
  await scheduleFollowerSnapshots(app);
  // Views another process left in Redis without a flush job (it stopped meanwhile) are written now.
  await flushViewCounts(app).catch((err: unknown) => app.log.warn('views not flushed at start-up', { err }));
  await scheduleInfluenceRefresh(app);
  const server = serve({ fetch: hono.fetch, port: config.port, hostname: config.host }, (info) => {
    app.log.info('listening', { url: config.publicUrl, port: info.port, database: app.database.kind });
  });
  attachStreamingWebSocket(server, app);
  const shutdown = async (signal: string) => {
    app.log.info('shutting down', { signal });
    server.close();
    await stopJobs();
    // Views still waiting in this process's counters reach the database before it closes.
    await flushViewCounts(app).catch((err: unknown) => app.log.warn('views not flushed at shutdown', { err }));
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    console.error('Medired could not start:', err);
  }
  process.exit(1);
});
