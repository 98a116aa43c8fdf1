import { z } from 'zod';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { resendOwnConfirmation } from './email-confirmation.service.js';

/**
 * Mastodon's `/api/v1/emails/*`, the only routes the token of an API sign-up works on before its
 * address is confirmed (`acceptsSignUpToken`): ask for a new link (to a corrected address), and
 * check whether it was confirmed.
 */
const tags = ['accounts'];

const resend = defineRoute({
  method: 'post',
  path: '/api/v1/emails/confirmations',
  summary: 'Send a new confirmation link to your unconfirmed sign-up (to `email` when given, which replaces the address)',
  tags,
  auth: 'user',
  scope: 'write:accounts',
  acceptsSignUpToken: true,
  body: z.object({ email: z.string().trim().toLowerCase().pipe(z.email({ message: 'is not a valid e-mail address' })).optional() }),
  errors: ['forbidden', 'validation_failed'],
  handler: async ({ app, viewer, body }) => {
    await resendOwnConfirmation(app, viewer!, body.email);
    return {};
  },
});

const check = defineRoute({
  method: 'get',
  path: '/api/v1/emails/check_confirmation',
  summary: 'Whether your e-mail address is confirmed (Mastodon 4.4): true or false',
  tags,
  auth: 'user',
  scope: 'read:accounts',
  acceptsSignUpToken: true,
  handler: async ({ c, viewer }) => c.json(viewer!.emailUnconfirmed !== true),
});

export const emailRoutes: AnyRoute[] = [resend, check];
