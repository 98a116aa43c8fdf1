import path from 'node:path';
import type { AppContext } from '../app-context.js';
import { randomToken } from '../auth/tokens.js';
import { blurhashOf, mediaSize } from './image-variants.js';
import { processImage } from './images.js';
import { insertMediaAttachment } from './media.repository.js';

const BOXES = {
  avatar: { width: 400, height: 400, fit: 'cover' },
  header: { width: 1500, height: 500, fit: 'cover' },
} as const;

/** Stores a new avatar or header (metadata stripped) in the public area and returns its media attachment id. */
export async function saveProfileImage(app: AppContext, accountId: string, file: File, purpose: 'avatar' | 'header'): Promise<string> {
  const image = await processImage(file, BOXES[purpose], app.config.media.imageMaxBytes);
  const relative = path.posix.join('accounts', accountId, `${purpose}-${randomToken(12)}.webp`);
  await app.storage.media.put(relative, image.data, { contentType: image.mimeType });
  const row = await insertMediaAttachment(app.db, {
    account_id: accountId,
    kind: 'image',
    file_path: relative,
    mime_type: image.mimeType,
    width: image.width,
    height: image.height,
    meta: JSON.stringify({ original: mediaSize(image.width, image.height) }) as never,
    blurhash: await blurhashOf(image.data),
  });
  return row.id;
}
