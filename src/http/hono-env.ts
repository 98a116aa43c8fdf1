import type { OAuthClient, Viewer } from '../auth/viewer.js';
import type { Logger } from '../log.js';

/** Per-request values set by the app's middleware. */
export interface HonoEnv {
  Variables: {
    requestId: string;
    log: Logger;
    viewer: Viewer | null;
    /** The application behind an app-only (client-credentials) bearer token; null otherwise. */
    oauthClient: OAuthClient | null;
    /** Language of the web interface for this request. */
    lang: 'es' | 'en';
  };
}
