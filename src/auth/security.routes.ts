import { z } from 'zod';
import { REAUTH_RATE_LIMIT } from './reauth-limit.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { changePassword } from './password-change.service.js';
import { listSessions, revokeSession } from './sessions.service.js';
import { disableTotp, enableTotp, setupTotp, totpStatus } from './totp.service.js';
import { listUserTokens, revokeUserToken } from './user-tokens.service.js';

const tags = ['security'];
/** Re-authentication guesses (password, TOTP codes) per account: 10 every 15 minutes. */
const reauthLimit = REAUTH_RATE_LIMIT;

const sessions = defineRoute({
  method: 'get',
  path: '/api/v1/medired/sessions',
  summary: "The signed-in user's web sessions (created, last active, IP, browser)",
  tags,
  auth: 'user-even-suspended',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => listSessions(app.db, viewer!.userId, viewer!.sessionId),
});

const deleteSession = defineRoute({
  method: 'delete',
  path: '/api/v1/medired/sessions/:id',
  summary: 'End one of your own sessions',
  tags,
  auth: 'user-even-suspended',
  scope: 'write:accounts',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await revokeSession(app, viewer!.userId, params.id);
    return {};
  },
});

const tokens = defineRoute({
  method: 'get',
  path: '/api/v1/medired/tokens',
  summary: "The signed-in user's access tokens and the applications they were granted to",
  tags,
  auth: 'user-even-suspended',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => listUserTokens(app.db, viewer!.userId, viewer!.tokenId),
});

const deleteToken = defineRoute({
  method: 'delete',
  path: '/api/v1/medired/tokens/:id',
  summary: 'Revoke one of your own access tokens (de-authorise an app)',
  tags,
  auth: 'user-even-suspended',
  scope: 'write:accounts',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => {
    await revokeUserToken(app, viewer!.userId, params.id);
    return {};
  },
});

const password = defineRoute({
  method: 'post',
  path: '/api/v1/medired/password',
  summary: 'Change your password; every other session ends and every other token is revoked',
  tags,
  auth: 'user-even-suspended',
  scope: 'write:accounts',
  body: z.object({ current_password: z.string().min(1).max(1024), password: z.string().max(1024) }),
  rateLimits: [reauthLimit],
  handler: async ({ app, viewer, body }) =>
    changePassword(app, viewer!.userId, { currentPassword: body.current_password, newPassword: body.password }, { sessionId: viewer!.sessionId, tokenId: viewer!.tokenId }),
});

const twoFactorStatus = defineRoute({
  method: 'get',
  path: '/api/v1/medired/two_factor',
  summary: 'Whether TOTP two-factor authentication is enabled',
  tags,
  auth: 'user-even-suspended',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => {
    const status = await totpStatus(app.db, viewer!.userId);
    return { enabled: status.enabled, pending_setup: status.pendingSetup };
  },
});

const twoFactorSetup = defineRoute({
  method: 'post',
  path: '/api/v1/medired/two_factor/setup',
  summary: 'Start TOTP setup (needs the password): returns the secret and the otpauth:// URL',
  tags,
  auth: 'user-even-suspended',
  scope: 'write:accounts',
  body: z.object({ password: z.string().min(1).max(1024) }),
  errors: ['conflict'],
  rateLimits: [reauthLimit],
  handler: async ({ app, viewer, body }) => {
    const setup = await setupTotp(app.db, viewer!.userId, body.password, app.config.instanceName);
    return { secret: setup.secret, otpauth_url: setup.otpauthUrl };
  },
});

const twoFactorEnable = defineRoute({
  method: 'post',
  path: '/api/v1/medired/two_factor/enable',
  summary: 'Confirm TOTP setup with a code from the authenticator app',
  tags,
  auth: 'user-even-suspended',
  scope: 'write:accounts',
  body: z.object({ code: z.string().trim().min(1).max(20) }),
  errors: ['conflict', 'bad_request'],
  rateLimits: [reauthLimit],
  handler: async ({ app, viewer, body }) => {
    await enableTotp(app, viewer!.userId, body.code);
    return { enabled: true };
  },
});

const twoFactorDisable = defineRoute({
  method: 'post',
  path: '/api/v1/medired/two_factor/disable',
  summary: 'Turn TOTP off (needs the password and a current code)',
  tags,
  auth: 'user-even-suspended',
  scope: 'write:accounts',
  body: z.object({ password: z.string().min(1).max(1024), code: z.string().trim().min(1).max(20) }),
  errors: ['conflict'],
  rateLimits: [reauthLimit],
  handler: async ({ app, viewer, body }) => {
    await disableTotp(app, viewer!.userId, body.password, body.code);
    return { enabled: false };
  },
});

/** Account security: sessions, tokens, password and two-factor authentication. */
export const securityRoutes: AnyRoute[] = [sessions, deleteSession, tokens, deleteToken, password, twoFactorStatus, twoFactorSetup, twoFactorEnable, twoFactorDisable];
