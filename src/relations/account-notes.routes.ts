import { z } from 'zod';
import { findAccountById } from '../accounts/accounts.repository.js';
import { notFound } from '../errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { saveAccountNote } from './account-notes.repository.js';
import { relationshipWith } from './relationships.js';

/** Mastodon's limit on a note's length. */
export const ACCOUNT_NOTE_MAX = 2000;

/**
 * A private note about an account (Mastodon's `POST /api/v1/accounts/:id/note`): only its writer
 * ever reads it, in `Relationship.note`. An empty comment deletes it.
 */
const note = defineRoute({
  method: 'post',
  path: '/api/v1/accounts/:id{[0-9]+}/note',
  summary: 'Write your private note about an account (an empty comment removes it); answers the Relationship',
  tags: ['accounts'],
  auth: 'user',
  scope: 'write:accounts',
  params: idParams,
  body: z.object({ comment: z.string().trim().max(ACCOUNT_NOTE_MAX).default('') }),
  errors: ['not_found'],
  handler: async ({ app, viewer, params, body }) => {
    const target = await findAccountById(app.db, params.id);
    if (!target || target.suspended_at) throw notFound('Account');
    await saveAccountNote(app.db, viewer!.accountId, params.id, body.comment);
    return relationshipWith(app.db, viewer!.accountId, params.id);
  },
});

export const accountNoteRoutes: AnyRoute[] = [note];
