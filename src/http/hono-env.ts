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
    /**
     * The token of an API sign-up whose e-mail address waits for confirmation, as a viewer: only
     * routes that declare `acceptsSignUpToken` use it; for every other route there is no viewer.
     */
    signUpViewer: Viewer | null;
    /** Language of the web interface for this request. */
    lang: 'es' | 'en';
  };
}
