import { z } from 'zod';
import { notFound, unauthorized } from '../errors.js';
import { findAccountById } from '../accounts/accounts.repository.js';
import { toMastodonAccount } from '../accounts/accounts.serializer.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { OAuthError, oauthErrorResponse } from './oauth-errors.js';
import { vapidKeys } from '../push/vapid.js';
import { authenticateClient, createApplication, toApplicationEntity } from './oauth-apps.service.js';
import { findApplicationById } from './oauth.repository.js';
import { checkAuthorizationRequest, clientCredentialsGrant, exchangeAuthorizationCode, isOob, passwordGrant, redirectWithParams, refreshGrant, revokeClientToken } from './oauth.service.js';
import { SUPPORTED_SCOPES } from './scopes.js';
import { applySignInLimits } from './sign-in-limits.js';

const tags = ['oauth'];

/** A string form/JSON field; anything else counts as missing (answered in OAuth's error shape). */
const field = z.preprocess((v) => (typeof v === 'string' ? v : undefined), z.string().optional());

const createApp = defineRoute({
  method: 'post',
  path: '/api/v1/apps',
  summary: 'Register a client application (Mastodon): returns client_id and client_secret',
  tags,
  auth: 'optional',
  body: z.object({
    client_name: z.string().trim().min(1).max(100),
    redirect_uris: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(10)]),
    scopes: z.string().max(1000).optional(),
    website: z
      .string()
      .trim()
      .max(300)
      .refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), 'must be an http(s) link')
      .optional(),
  }),
  rateLimits: [{ name: 'create_app', limit: 30, windowSeconds: 300, by: 'ip' }],
  handler: async ({ app, body, viewer }) => {
    const redirectUris = (Array.isArray(body.redirect_uris) ? body.redirect_uris : body.redirect_uris.split(/\s+/)).map((u) => u.trim()).filter(Boolean);
    const { row, clientSecret } = await createApplication(app.db, {
      name: body.client_name,
      redirectUris,
      scopes: body.scopes,
      website: body.website || null,
      ownerUserId: viewer?.userId ?? null,
    });
    return toApplicationEntity(row, (await vapidKeys(app.db)).publicKey, { clientSecret });
  },
});

const verifyAppCredentials = defineRoute({
  method: 'get',
  path: '/api/v1/apps/verify_credentials',
  summary: 'The application the bearer token (user or app-only) was issued to',
  tags,
  auth: 'optional',
  errors: ['unauthorized'],
  handler: async ({ app, c, viewer }) => {
    const applicationId = viewer?.via === 'token' ? viewer.applicationId : (c.get('oauthClient')?.applicationId ?? null);
    if (!applicationId) throw unauthorized('This method needs an access token issued to an application');
    const row = await findApplicationById(app.db, applicationId);
    if (!row) throw unauthorized();
    return toApplicationEntity(row, (await vapidKeys(app.db)).publicKey);
  },
});

/** Client credentials from HTTP Basic (client_secret_basic) or the body (client_secret_post). */
function clientCredentialsOf(authorization: string | undefined, body: { client_id?: string | undefined; client_secret?: string | undefined }) {
  const basic = authorization ? /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(authorization) : null;
  if (basic) {
    const decoded = Buffer.from(basic[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new OAuthError('invalid_client', 'Malformed Basic credentials');
    return { id: decodeURIComponent(decoded.slice(0, colon)), secret: decodeURIComponent(decoded.slice(colon + 1)) };
  }
  return { id: body.client_id, secret: body.client_secret };
}

const token = defineRoute({
  method: 'post',
  path: '/oauth/token',
  summary: 'Obtain a token: authorization_code (with PKCE), password (+ otp with 2FA), client_credentials or refresh_token',
  tags,
  auth: 'none',
  body: z.object({
    grant_type: field,
    client_id: field,
    client_secret: field,
    code: field,
    redirect_uri: field,
    code_verifier: field,
    username: field,
    password: field,
    otp: field,
    scope: field,
    refresh_token: field,
  }),
  errors: ['bad_request', 'unauthorized'],
  responseDescription: "Mastodon's Token entity; errors as RFC 6749 {error, error_description}",
  handler: async ({ app, c, body }) => {
    c.header('Cache-Control', 'no-store');
    try {
      const { id, secret } = clientCredentialsOf(c.req.header('authorization'), body);
      const client = await authenticateClient(app.db, id, secret);
      switch (body.grant_type) {
        case 'authorization_code':
          return await exchangeAuthorizationCode(app.db, client, { code: body.code, redirectUri: body.redirect_uri, codeVerifier: body.code_verifier });
        case 'password':
          // Same per-IP and per-login limits as the sign-in form.
          await applySignInLimits(c, app, body.username ?? '');
          return await passwordGrant(app.db, client, { username: body.username, password: body.password, otp: body.otp, scope: body.scope });
        case 'client_credentials':
          return await clientCredentialsGrant(app.db, client, body.scope);
        case 'refresh_token':
          return await refreshGrant(app, client, { refreshToken: body.refresh_token, scope: body.scope });
        case undefined:
          throw new OAuthError('invalid_request', 'grant_type is missing');
        default:
          throw new OAuthError('unsupported_grant_type', `grant_type "${body.grant_type.slice(0, 40)}" is not supported`);
      }
    } catch (err) {
      if (err instanceof OAuthError) return oauthErrorResponse(c, err);
      throw err;
    }
  },
});

const revoke = defineRoute({
  method: 'post',
  path: '/oauth/revoke',
  summary: 'Revoke an access or refresh token of this client (RFC 7009)',
  tags,
  auth: 'none',
  body: z.object({ client_id: field, client_secret: field, token: field }),
  handler: async ({ app, c, body }) => {
    try {
      const { id, secret } = clientCredentialsOf(c.req.header('authorization'), body);
      const client = await authenticateClient(app.db, id, secret);
      if (!body.token) throw new OAuthError('invalid_request', 'token is missing');
      await revokeClientToken(app, client, body.token);
      return {};
    } catch (err) {
      if (err instanceof OAuthError) return oauthErrorResponse(c, err);
      throw err;
    }
  },
});

const metadata = defineRoute({
  method: 'get',
  path: '/.well-known/oauth-authorization-server',
  summary: 'OAuth 2 authorization server metadata (RFC 8414), as Mastodon 4.3 publishes it',
  tags,
  auth: 'none',
  handler: async ({ app }) => {
    const base = app.config.publicUrl;
    return {
      issuer: `${base}/`,
      service_documentation: 'https://docs.joinmastodon.org/',
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      app_registration_endpoint: `${base}/api/v1/apps`,
      revocation_endpoint: `${base}/oauth/revoke`,
      userinfo_endpoint: `${base}/oauth/userinfo`,
      scopes_supported: SUPPORTED_SCOPES,
      response_types_supported: ['code'],
      response_modes_supported: ['query'],
      grant_types_supported: ['authorization_code', 'password', 'client_credentials', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
      code_challenge_methods_supported: ['S256', 'plain'],
    };
  },
});

/**
 * Doorkeeper's `DELETE /oauth/authorize` (Mastodon's consent page denies with it): back to the
 * client's registered redirect URI with `error=access_denied`. It grants nothing, so it needs no
 * session; an unknown client or unregistered URI is answered here, never redirected.
 */
const deny = defineRoute({
  method: 'delete',
  path: '/oauth/authorize',
  summary: 'Deny an authorization request: redirects to its redirect_uri with error=access_denied',
  tags,
  auth: 'optional',
  body: z.object({ client_id: z.string().max(200).optional(), redirect_uri: z.string().max(2000).optional(), response_type: z.string().max(40).optional(), scope: z.string().max(1000).optional(), state: z.string().max(1000).optional() }),
  handler: async ({ app, body, c }) => {
    const check = await checkAuthorizationRequest(app.db, { ...body, response_type: body.response_type ?? 'code' });
    if (!check.ok && check.fatal) return c.json({ error: check.error.error, error_description: check.error.message }, 400);
    const redirectUri = check.ok ? check.request.redirectUri : check.redirectUri;
    if (isOob(redirectUri)) return c.json({ error: 'access_denied', error_description: 'The user denied the request' }, 400);
    return c.redirect(redirectWithParams(redirectUri, { error: 'access_denied', error_description: 'The user denied the request', state: body.state }), 302);
  },
});

/** OpenID Connect's UserInfo (Mastodon 4.4), also by POST as the specification asks. */
function userInfo(method: 'get' | 'post') {
  return defineRoute({
    method,
    path: '/oauth/userinfo',
    summary: 'Who the token is for, as OpenID Connect claims (iss, sub, name, preferred_username, profile, picture)',
    tags,
    auth: 'user',
    scope: 'profile|read:accounts',
    handler: async ({ app, viewer }) => {
      const row = await findAccountById(app.db, viewer!.accountId);
      if (!row) throw notFound('Account');
      const account = toMastodonAccount(row, app.config);
      return { iss: `${app.config.publicUrl}/`, sub: account.uri, name: account.display_name || account.username, preferred_username: account.username, profile: account.url, picture: account.avatar };
    },
  });
}

/** Mastodon's app registration and OAuth 2 token endpoints (the consent page is in src/web/auth). */
export const oauthRoutes: AnyRoute[] = [createApp, verifyAppCredentials, token, revoke, metadata, deny, userInfo('get'), userInfo('post')];

