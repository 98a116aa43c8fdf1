import { z } from 'zod';
import { storedImageResponse } from '../attachments/stored-file.js';
import { AppError } from '../errors.js';
import { linkHeader, pageQuery } from '../http/pagination.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { idParams, zId } from '../http/schemas.js';
import { galleryEntryInput, withdrawalInput } from './galleries.js';
import { deleteGalleryEntryByOwner, galleryImageFile, getGalleryEntry, listAccountGallery, publishGalleryEntry, withdrawConsentByClinic, withdrawConsentByCode } from './galleries.service.js';
import { toGalleryEntities } from './gallery-entity.js';

const tags = ['galleries'];
const base = '/api/v1/medired/galleries';

/** Publishing and withdrawing: limits per account, and per address for the code-only withdrawal. */
export const GALLERY_PUBLISH_LIMIT = { name: 'gallery_publish', limit: 30, windowSeconds: 24 * 3600, by: 'account' } as const;
export const GALLERY_WITHDRAW_LIMIT = { name: 'gallery_withdraw_code', limit: 10, windowSeconds: 3600, by: 'ip' } as const;

const create = defineRoute({
  method: 'post',
  path: base,
  summary: 'Publish a before/after pair with the recorded consent of the patient shown (verified professionals and organisations)',
  description:
    'Both images are your own uploads (`POST /api/v2/media` with a `description`). `consent` (subject, date, statement, scope `public_medired`, confirmed) is required: without it the pair is refused (422). The answer carries `withdrawal_code` once: hand it to the patient, who can withdraw consent with it at any time without an account.',
  tags,
  auth: 'user',
  scope: 'write:media',
  body: galleryEntryInput,
  errors: ['forbidden'],
  rateLimits: [GALLERY_PUBLISH_LIMIT],
  handler: async ({ app, viewer, body }) => {
    const { entry, withdrawalCode } = await publishGalleryEntry(app, viewer!, body);
    const [entity] = await toGalleryEntities(app, viewer, [entry]);
    return { ...entity!, withdrawal_code: withdrawalCode };
  },
});

const show = defineRoute({
  method: 'get',
  path: `${base}/:id`,
  summary: 'One before/after pair; `consent.state` says whether it is shown with consent or consent was withdrawn',
  tags,
  auth: 'optional',
  params: idParams,
  errors: ['not_found', 'gone'],
  handler: async ({ app, viewer, params }) => (await toGalleryEntities(app, viewer, [await getGalleryEntry(app, viewer, params.id)]))[0]!,
});

const ofAccount = defineRoute({
  method: 'get',
  path: '/api/v1/medired/accounts/:id/gallery',
  summary: "A clinic's or professional's before/after pairs, newest first (Link pagination)",
  tags,
  auth: 'optional',
  params: idParams,
  query: pageQuery(20, 40),
  errors: ['not_found', 'gone'],
  handler: async ({ c, app, viewer, params, query }) => {
    const { entries } = await listAccountGallery(app, viewer, params.id, { maxId: query.max_id, minId: query.min_id ?? query.since_id, limit: query.limit });
    const link = linkHeader(c.req.url, entries.map((e) => e.id));
    if (link) c.header('Link', link);
    return toGalleryEntities(app, viewer, entries);
  },
});

const withdrawByClinic = defineRoute({
  method: 'post',
  path: `${base}/:id/withdraw_consent`,
  summary: "Withdraw the patient's consent on their request (the clinic that published the pair): the images are deleted at once",
  tags,
  auth: 'user',
  scope: 'write:media',
  params: idParams,
  errors: ['not_found', 'forbidden', 'gone'],
  handler: async ({ app, viewer, params }) => (await toGalleryEntities(app, viewer, [await withdrawConsentByClinic(app, viewer!, params.id)]))[0]!,
});

const withdrawByPatient = defineRoute({
  method: 'post',
  path: `${base}/withdraw_consent`,
  summary: 'The patient withdraws consent with the code given at consent time (no account needed): the images are deleted at once',
  tags,
  auth: 'none',
  body: withdrawalInput,
  errors: ['not_found'],
  rateLimits: [GALLERY_WITHDRAW_LIMIT],
  handler: async ({ app, body }) => {
    const entry = await withdrawConsentByCode(app, body.code);
    return { id: entry.id, consent: { state: 'withdrawn', withdrawn_at: entry.withdrawn_at?.toISOString() ?? null, withdrawn_by: entry.withdrawn_by } };
  },
});

const remove = defineRoute({
  method: 'delete',
  path: `${base}/:id`,
  summary: 'Delete a before/after pair altogether, with its images (the clinic that published it)',
  tags,
  auth: 'user',
  scope: 'write:media',
  params: idParams,
  errors: ['not_found', 'forbidden', 'gone'],
  handler: async ({ app, viewer, params }) => {
    await deleteGalleryEntryByOwner(app, viewer!, params.id);
    return {};
  },
});

const image = defineRoute({
  method: 'get',
  path: `${base}/:id/images/:side{before|after}`,
  summary: 'An image of a pair (WebP; `size=small` for its preview) while consent stands; 410 once withdrawn',
  description: 'Revalidated on every use (`Cache-Control: no-cache`), so a withdrawal hides the image everywhere at once.',
  tags,
  auth: 'optional',
  params: z.object({ id: zId, side: z.enum(['before', 'after']) }),
  query: z.object({ size: z.enum(['small', 'original']).default('original') }),
  errors: ['not_found', 'gone'],
  responseDescription: 'The image (image/webp)',
  handler: async ({ app, viewer, params, query }) => {
    const path = await galleryImageFile(app, viewer, params.id, params.side, query.size);
    const res = await storedImageResponse(app, path, 'public, no-cache');
    if (!res) throw new AppError('gone', 'The patient withdrew consent: these images are no longer shown', { key: 'gallery.error.withdrawn' });
    return res;
  },
});

/** Before/after galleries (issue 11): publish with consent, read, withdraw, delete, the images. */
export const galleryRoutes: AnyRoute[] = [withdrawByPatient, create, ofAccount, show, withdrawByClinic, remove, image];
