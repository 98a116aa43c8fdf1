import type { Context } from 'hono';

/** RFC 6749 §5.2 / §4.1.2.1 error codes. */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'unsupported_response_type';

/** An OAuth protocol error, answered as `{error, error_description}` (not the API's error shape). */
export class OAuthError extends Error {
  override name = 'OAuthError';
  readonly error: OAuthErrorCode;
  constructor(error: OAuthErrorCode, description: string) {
    super(description);
    this.error = error;
  }

  /** 401 for client authentication failures, 400 otherwise (RFC 6749 §5.2). */
  get status(): 400 | 401 {
    return this.error === 'invalid_client' ? 401 : 400;
  }
}

/** Writes an OAuth error response; `no-store` as every token endpoint answer must be. */
export function oauthErrorResponse(c: Context, err: OAuthError): Response {
  c.header('Cache-Control', 'no-store');
  if (err.error === 'invalid_client') c.header('WWW-Authenticate', 'Basic realm="oauth"');
  return c.json({ error: err.error, error_description: err.message }, err.status);
}
