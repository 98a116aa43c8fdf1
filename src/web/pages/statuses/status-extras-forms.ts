import { z } from 'zod';
import { notFound } from '../../../errors.js';
import { defineFormRoute, type AnyRoute } from '../../../http/route.js';
import { zList } from '../../../http/schemas.js';
import { findPollOfStatus } from '../../../polls/polls.repository.js';
import { vote } from '../../../polls/polls.service.js';
import { pin, unpin } from '../../../posts/bookmarks.service.js';
import { formFields, idParam, safeReturnPath } from '../../forms.js';

const choice = z.preprocess((v) => (typeof v === 'string' && /^\d{1,3}$/.test(v) ? Number(v) : v), z.number({ message: 'must be option indexes' }).int().min(0));

/** `POST /statuses/:id/vote`: the ballot on a status card (same rules as `POST /api/v1/polls/:id/votes`). */
const voteFromCard = defineFormRoute({
  path: '/statuses/:id{[0-9]{1,19}}/vote',
  summary: "Vote in a status's poll from a web page",
  auth: 'user',
  scope: 'write:statuses',
  params: idParam,
  body: z.object({ choices: z.preprocess((v) => v ?? [], zList(choice)), return_to: z.unknown().optional() }).passthrough(),
  handler: async ({ c, app, viewer, params, body }) => {
    const poll = await findPollOfStatus(app.db, params.id);
    if (!poll) throw notFound('Poll');
    await vote(app, viewer, poll.id, body.choices);
    // Back to the card, which now shows the results with the reader's choice.
    return c.redirect(`${safeReturnPath(body.return_to, '/')}#s-${params.id}`, 303);
  },
});

/** Pin or unpin one of one's posts from its card (same rules as the API: `pins.policy.ts`). */
const pinRoutes = (['pin', 'unpin'] as const).map((name) =>
  defineFormRoute({
    path: `/statuses/:id{[0-9]{1,19}}/${name}`,
    summary: `${name} one of your posts on your profile, from a web page`,
    auth: 'user',
    scope: 'write:accounts',
    params: idParam,
    body: formFields,
    handler: async ({ c, app, viewer, params, body }) => {
      await (name === 'pin' ? pin : unpin)(app, viewer, params.id);
      return c.redirect(`${safeReturnPath(body.return_to, '/')}#s-${params.id}`, 303);
    },
  }),
);

/** Form posts for polls and pins on status cards. */
export const statusExtrasFormRoutes: AnyRoute[] = [voteFromCard, ...pinRoutes];
