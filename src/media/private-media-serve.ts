import type { Context, Hono } from 'hono';
import type { AppContext } from '../app-context.js';
import { viewerForDeferredWork } from '../auth/viewer.js';
import type { HonoEnv } from '../http/hono-env.js';
import { loadStatuses } from '../posts/status-views.js';
import { serveStoredFile } from './media-serve.js';
import { findMediaById } from './media.repository.js';
import { privateMediaKey, verifyPrivateMediaUrl, type PrivateMediaClaim } from './private-media-urls.js';
import type { MediaRow } from './media-entity.js';

/** Private files may be kept by the reader's browser, never by shared caches. */
const PRIVATE_CACHE_CONTROL = 'private, max-age=3600';

function notFoundResponse(c: Context<HonoEnv>): Response {
  return c.json({ error: 'Record not found', code: 'not_found' }, 404);
}

/**
 * Whether the reader named by a signed address may read this private file now: the uploader of
 * an upload not yet sent, or someone who reads the message it is attached to, by the same rules
 * as every other read (`loadStatuses`: members of the conversation who have not left, declined,
 * been blocked or deleted it; for `reported`, staff reviewing a report about it).
 */
async function mayRead(app: AppContext, row: MediaRow, claim: PrivateMediaClaim): Promise<boolean> {
  if (!row.status_id) return claim.mode === 'member' && row.account_id === claim.readerId;
  const viewer = await viewerForDeferredWork(app.db, claim.readerId, null);
  if (!viewer) return false;
  const [status] = await loadStatuses(app, [row.status_id], viewer, claim.mode === 'reported' ? { reportedToStaff: true } : {});
  return !!status?.media_attachments.some((m) => m.id === row.id);
}

/**
 * Serves the private storage area at `GET /private-media/<id>/<original|small>`, only with an
 * address signed for a reader (`private-media-urls.ts`) who may still read the file; anything else
 * is a 404 that does not tell whether the file exists. Byte ranges as for public media.
 */
export function mountPrivateMediaFiles(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.on(['GET', 'HEAD'], '/private-media/*', async (c) => {
    const url = new URL(c.req.url);
    const claim = verifyPrivateMediaUrl(await privateMediaKey(app), url.pathname, url.searchParams);
    if (!claim) return notFoundResponse(c);
    const row = await findMediaById(app.db, claim.id);
    if (!row || !row.private || row.processing !== 'done') return notFoundResponse(c);
    const key = claim.variant === 'original' ? row.file_path : row.preview_path;
    if (!key || !(await mayRead(app, row, claim))) return notFoundResponse(c);
    const response = await serveStoredFile(c, app.storage.private, key, PRIVATE_CACHE_CONTROL);
    response.headers.set('Referrer-Policy', 'no-referrer');
    return response;
  });
}
