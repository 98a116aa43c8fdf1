import { z } from 'zod';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { idParams } from '../http/schemas.js';
import { toMediaAttachment } from './media-entity.js';
import { deleteOwnMedia, ownMedia, updateMediaDescription, uploadMedia } from './media.service.js';

const tags = ['media'];
const description = z.string().max(1500, 'may be at most 1500 characters');

const uploadInput = z.object({
  file: z.instanceof(File, { message: 'must be a file (multipart form field "file")' }),
  description: description.optional(),
});

function uploadRoute(version: 'v1' | 'v2') {
  return defineRoute({
    method: 'post',
    path: `/api/${version}/media`,
    summary: `Upload an image or video to attach to a post${version === 'v1' ? ' (Mastodon v1 path)' : ''}`,
    description: 'Images are re-encoded without metadata (EXIF, GPS); MP4 and WebM videos up to 40 MB are stored without their location, device and creation metadata; a video whose container cannot be read is refused (415).',
    tags,
    auth: 'user',
    scope: 'write:media',
    body: uploadInput,
    errors: ['payload_too_large', 'unsupported_media_type'],
    rateLimits: [{ name: 'media', limit: 30, windowSeconds: 30 * 60, by: 'account' }],
    handler: async ({ app, viewer, body }) => toMediaAttachment(await uploadMedia(app, viewer!, body.file, body.description ?? ''), app.config),
  });
}

const show = defineRoute({
  method: 'get',
  path: '/api/v1/media/:id{[0-9]+}',
  summary: 'One of your uploads',
  tags,
  auth: 'user',
  scope: 'write:media',
  params: idParams,
  errors: ['not_found'],
  handler: async ({ app, viewer, params }) => toMediaAttachment(await ownMedia(app, viewer!, params.id), app.config),
});

const update = putAndPatch({
  path: '/api/v1/media/:id{[0-9]+}',
  summary: 'Change the description (alternative text) of one of your uploads',
  tags,
  auth: 'user',
  scope: 'write:media',
  params: idParams,
  body: z.object({ description }),
  errors: ['not_found'],
  handler: async ({ app, viewer, params, body }) => toMediaAttachment(await updateMediaDescription(app, viewer!, params.id, body.description), app.config),
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
