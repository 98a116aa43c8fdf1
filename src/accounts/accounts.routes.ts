import { INSTANCE_ACCOUNT_ID, instanceAccountEntity } from '../instance/instance-account.js';
import { z } from 'zod';
import { SIGN_UP_RATE_LIMITS } from './sign-up-limits.js';
import { clientIp } from '../http/rate-limit.js';
import { issueAccessToken } from '../auth/access-tokens.js';
import { confirmationRequired, startEmailConfirmation } from '../auth/email-confirmation.service.js';
import { notFound } from '../errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zId, zList } from '../http/schemas.js';
import { invalid } from '../errors.js';
import { profileRoutes } from './profile.routes.js';
import { profileUpdateInput, registrationInput } from './accounts.js';
import { findAccountByUsername, findAccountById } from './accounts.repository.js';
import { countFollowRequests } from '../relations/relations.repository.js';
import { toCredentialAccount, toMastodonAccount } from './accounts.serializer.js';
import { getVisibleAccount, registerAccount, updateProfile, visibleAccounts } from './accounts.service.js';
import { saveProfileImage } from '../media/profile-images.js';

const tags = ['accounts'];

const register = defineRoute({
  method: 'post',
  path: '/api/v1/accounts',
  summary: 'Register an account (patient, professional or organisation) and get an access token',
  tags,
  auth: 'optional',
  body: registrationInput,
  errors: ['conflict'],
  rateLimits: SIGN_UP_RATE_LIMITS,
  handler: async ({ app, c, body, viewer }) => {
    const user = await registerAccount(app.db, body, { awaitEmailConfirmation: confirmationRequired(app), ip: clientIp(c) });
    // With e-mail on, the token below works once the address is confirmed (as Mastodon's).
    await startEmailConfirmation(app, user.userId);
    // An app-only (client-credentials) token names the app the new user's token belongs to.
    const applicationId = viewer?.applicationId ?? c.get('oauthClient')?.applicationId ?? null;
    return issueAccessToken(app.db, { userId: user.userId, applicationId, scopes: 'read write follow push' });
  },
});

const verifyCredentials = defineRoute({
  method: 'get',
  path: '/api/v1/accounts/verify_credentials',
  summary: 'The signed-in account, with its editable source (a `profile` token suffices, as in Mastodon 4.3)',
  tags,
  auth: 'user-even-suspended',
  scope: 'read:accounts|profile',
  handler: async ({ app, viewer }) => {
    const row = await findAccountById(app.db, viewer!.accountId);
    if (!row) throw notFound('Account');
    return toCredentialAccount(row, app.config, { locale: viewer!.locale, staffRole: viewer!.staffRole, followRequestsCount: await countFollowRequests(app.db, row.id) });
  },
});

const updateCredentials = defineRoute({
  method: 'patch',
  path: '/api/v1/accounts/update_credentials',
  summary: 'Edit the signed-in profile (Mastodon fields plus the health profile)',
  tags,
  auth: 'user',
  scope: 'write:accounts',
  body: profileUpdateInput,
  errors: ['unsupported_media_type', 'payload_too_large'],
  handler: async ({ app, viewer, body }) => {
    const { avatar, header, ...rest } = body;
    const images = {
      ...(avatar ? { avatar_media_id: await saveProfileImage(app, viewer!.accountId, avatar, 'avatar') } : {}),
      ...(header ? { header_media_id: await saveProfileImage(app, viewer!.accountId, header, 'header') } : {}),
    };
    const row = await updateProfile(app, viewer!.accountId, { ...rest, ...images });
    const locale = body.source?.language ?? viewer!.locale;
    return toCredentialAccount(row, app.config, { locale, staffRole: viewer!.staffRole, followRequestsCount: await countFollowRequests(app.db, row.id) });
  },
});

const lookup = defineRoute({
  method: 'get',
  path: '/api/v1/accounts/lookup',
  summary: 'Find an account by its handle',
  tags,
  auth: 'optional',
  query: z.object({ acct: z.string().min(1).max(100) }),
  errors: ['not_found', 'gone'],
  handler: async ({ app, query, viewer }) => {
    const row = await findAccountByUsername(app.db, query.acct);
    if (!row) throw notFound('Account');
    return toMastodonAccount(await getVisibleAccount(app.db, row.id, viewer), app.config);
  },
});

const getAccount = defineRoute({
  method: 'get',
  path: '/api/v1/accounts/:id{[0-9]+}',
  summary: 'An account',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found', 'gone'],
  handler: async ({ app, params, viewer }) =>
    // The instance's own account (the `account` of notifications no person caused) has no row.
    params.id === INSTANCE_ACCOUNT_ID ? instanceAccountEntity(app.config) : toMastodonAccount(await getVisibleAccount(app.db, params.id, viewer), app.config),
});

/** Mastodon 4.3's `GET /api/v1/accounts?id[]=`: several accounts at once (at most 40). */
const MAX_ACCOUNTS_AT_ONCE = 40;

const index = defineRoute({
  method: 'get',
  path: '/api/v1/accounts',
  summary: 'Several accounts by id (`id[]`, at most 40), in the order asked; suspended ones are left out',
  tags,
  auth: 'optional',
  query: z.object({ id: zList(zId).default([]) }),
  errors: ['validation_failed'],
  handler: async ({ app, viewer, query }) => {
    const ids = [...new Set(query.id)];
    if (ids.length > MAX_ACCOUNTS_AT_ONCE) throw invalid(`Ask for at most ${MAX_ACCOUNTS_AT_ONCE} accounts`, 'id');
    return (await visibleAccounts(app.db, ids, viewer)).map((row) => toMastodonAccount(row, app.config));
  },
});

/** Keybase identity proofs, which Mastodon dropped in 3.5 (the route stays, always empty). */
const identityProofs = defineRoute({
  method: 'get',
  path: '/api/v1/accounts/:id{[0-9]+}/identity_proofs',
  summary: 'Identity proofs of an account: always none (Mastodon removed them)',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found', 'gone'],
  handler: async ({ app, params, viewer }) => {
    await getVisibleAccount(app.db, params.id, viewer);
    return [];
  },
});

export const accountRoutes: AnyRoute[] = [
  index,
  identityProofs,
  ...profileRoutes,
  register,
  verifyCredentials,
  updateCredentials,
  lookup,
  getAccount,
];
