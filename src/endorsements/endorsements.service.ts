import { getVisibleAccount } from '../accounts/accounts.service.js';
import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { invalid } from '../errors.js';
import { isFollowing } from '../relations/relations.repository.js';
import { deletePin, insertPin } from './endorsements.repository.js';

/**
 * Endorsing (Mastodon's "feature on profile", account pins) needs a follow, as in Mastodon: an
 * account one does not follow is refused (422). Unfollowing ends it (a trigger on `follows`
 * deletes the pin, as Mastodon does), and every read joins `follows` as well.
 */
export async function endorse(app: AppContext, viewer: Viewer, targetId: string): Promise<void> {
  await getVisibleAccount(app.db, targetId, viewer);
  if (!(await isFollowing(app.db, viewer.accountId, targetId))) throw invalid('You must be already following the person you want to endorse', 'id');
  await insertPin(app.db, viewer.accountId, targetId);
}

export async function unendorse(app: AppContext, viewer: Viewer, targetId: string): Promise<void> {
  await getVisibleAccount(app.db, targetId, viewer);
  await deletePin(app.db, viewer.accountId, targetId);
}
