import { z } from 'zod';
import { zId, zList } from '../http/schemas.js';

/** Content that is not a status but carries uploads: consulta answers and support-group posts. */
export type AttachmentOwner = 'consulta_answer' | 'group_post';

/** As many images as a Mastodon status may carry. */
export const MAX_ATTACHMENTS = 4;

/** The `media_ids` input of such content: ids of the author's own unattached uploads. */
export const mediaIdsInput = z.preprocess(
  (v) => (v === '' || v === null ? undefined : v),
  zList(zId)
    .refine((ids) => ids.length <= MAX_ATTACHMENTS, `may list at most ${MAX_ATTACHMENTS} uploads`)
    .optional(),
);
