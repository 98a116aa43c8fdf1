import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { AppError } from '../errors.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { toMediaAttachment, type MastodonMediaAttachment, type MediaRow } from './media-entity.js';
import { deleteOwnMedia, ownMedia, updateMediaDescription, updateMediaFocus, updateMediaThumbnail, uploadMedia, type Focus } from './media.service.js';
import { privateMediaKey, signStatusMedia } from './private-media-urls.js';

const tags = ['media'];
const description = z.string().max(1500, 'may be at most 1500 characters');
const coordinate = z.coerce.number().min(-1).max(1);
/** Mastodon's `focus`: two numbers from -1.0 to 1.0, comma-separated (`"-0.42,0.69"`). */
const focus = z
  .string()
  .max(40)
  .regex(/^\s*-?\d+(\.\d+)?\s*,\s*-?\d+(\.\d+)?\s*$/, 'must be two numbers from -1.0 to 1.0 separated by a comma, e.g. "-0.42,0.69"')
  .transform((v, ctx): Focus => {
    const [x, y] = v.split(',').map((n) => coordinate.safeParse(n.trim()));
    if (!x?.success || !y?.success) {
      ctx.addIssue({ code: 'custom', message: 'each coordinate must be from -1.0 to 1.0' });
      return z.NEVER;
    }
    return { x: x.data, y: y.data };
  });

const thumbnail = z.instanceof(File, { message: 'must be an image file (multipart form field "thumbnail")' });
const uploadInput = z.object({
  file: z.instanceof(File, { message: 'must be a file (multipart form field "file")' }),
  thumbnail: thumbnail.optional(),
  description: description.optional(),
  focus: focus.optional(),
});

/** The entity of one of the viewer's own uploads; a private file's address is signed for its owner. */
async function ownEntity(app: AppContext, row: MediaRow, ownerId: string): Promise<MastodonMediaAttachment> {
  const entity = toMediaAttachment(row, app.config);
  if (!row.private) return entity;
  return signStatusMedia(await privateMediaKey(app), { media_attachments: [entity] }, ownerId, 'member').media_attachments[0]!;
}

function uploadRoute(version: 'v1' | 'v2') {
  return defineRoute({
    method: 'post',
    path: `/api/${version}/media`,
    summary: `Upload an image or video to attach to a post${version === 'v1' ? ' (Mastodon v1 path: processed before answering)' : ''}`,
    description:
      'Images are re-encoded without metadata (EXIF, GPS) as `original` (at most 8.3 megapixels) and `small` (230,400 pixels) with a blurhash; MP4 and WebM videos within the size and length limits are stored without their location, device and creation metadata and get a poster frame (or the `thumbnail` sent with them); a file whose content is not what it claims is refused (415). ' +
      (version === 'v2'
        ? 'Videos and large images are processed in the background, as Mastodon: the answer is then 202 with `url: null`; poll `GET /api/v1/media/:id` (206 while processing, 200 when done).'
        : 'Always processed before answering (200).'),
    tags,
    auth: 'user',
    scope: 'write:media',
    body: uploadInput,
    errors: ['payload_too_large', 'unsupported_media_type', 'validation_failed'],
    rateLimits: [{ name: 'media', limit: 30, windowSeconds: 30 * 60, by: 'account' }],
    handler: async ({ app, viewer, body, c }) => {
      const row = await uploadMedia(app, viewer!, body.file, body.description ?? '', { processing: version === 'v2' ? 'queued' : 'inline', focus: body.focus, thumbnail: body.thumbnail });
      return c.json(await ownEntity(app, row, viewer!.accountId), row.processing === 'queued' ? 202 : 200);
    },
  });
}

const show = defineRoute({
  method: 'get',
  path: '/api/v1/media/:id{[0-9]+}',
  summary: 'One of your uploads: 206 while it is being processed, 200 when done, 422 when processing failed',
  tags,
  auth: 'user',
  scope: 'write:media',
  params: idParams,
  errors: ['not_found', 'validation_failed'],
  handler: async ({ app, viewer, params, c }) => {
    const row = await ownMedia(app, viewer!, params.id);
    // Mastodon answers a failed processing with 422 and an error; Medired says why.
    if (row.processing === 'failed') throw new AppError('validation_failed', row.processing_error ?? 'The file could not be processed; upload it again', { key: 'media.processingFailed' });
    return c.json(await ownEntity(app, row, viewer!.accountId), row.processing === 'queued' ? 206 : 200);
  },
});

const update = putAndPatch({
  path: '/api/v1/media/:id{[0-9]+}',
  summary: 'Change the description (alternative text), the focal point or (videos) the thumbnail of one of your uploads',
  tags,
  auth: 'user',
  scope: 'write:media',
  params: idParams,
  body: z.object({ description: description.optional(), focus: focus.optional(), thumbnail: thumbnail.optional() }),
  errors: ['not_found', 'validation_failed', 'unsupported_media_type', 'payload_too_large'],
  handler: async ({ app, viewer, params, body }) => {
    let row = await ownMedia(app, viewer!, params.id);
    if (body.description !== undefined) row = await updateMediaDescription(app, viewer!, params.id, body.description);
    if (body.focus) row = await updateMediaFocus(app, viewer!, params.id, body.focus);
    if (body.thumbnail) row = await updateMediaThumbnail(app, viewer!, params.id, body.thumbnail);
    return ownEntity(app, row, viewer!.accountId);
  },
});

const remove = defineRoute({
  method: 'delete',
  path: '/api/v1/media/:id{[0-9]+}',
  summary: 'Delete one of your uploads that no status uses yet (Mastodon 4.4; 422 when in use)',
  tags,
  auth: 'user',
  scope: 'write:media',
  params: idParams,
  errors: ['not_found', 'validation_failed'],
  handler: async ({ app, viewer, params }) => {
    await deleteOwnMedia(app, viewer!, params.id);
    return {};
  },
});

export const mediaRoutes: AnyRoute[] = [uploadRoute('v2'), uploadRoute('v1'), show, ...update, remove];
