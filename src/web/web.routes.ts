import type { Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import type { HonoEnv } from '../http/hono-env.js';

/** Mounts the server-rendered web interface (pages, forms, static files). */
export function mountWeb(hono: Hono<HonoEnv>, _app: AppContext): void {
  hono.get('/', (c) => c.text('Medired'));
}
