import type { Context } from 'hono';
import type { AppContext } from '../app-context.js';
import type { HonoEnv } from '../http/hono-env.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** The app, made available to web page helpers (`renderPage`) by the web middleware. */
    webApp: AppContext;
  }
}

/** The context type of every web page handler. */
export type WebContext = Context<HonoEnv>;

/** The app a web request runs in (set by `mountWeb`'s middleware). */
export function webApp(c: WebContext): AppContext {
  return c.get('webApp');
}
