import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AppContext } from '../app-context.js';
import { randomToken } from '../auth/tokens.js';
import { processImage } from './images.js';
import { insertMediaAttachment } from './media.repository.js';

const BOXES = {
  avatar: { width: 400, height: 400, fit: 'cover' },
  header: { width: 1500, height: 500, fit: 'cover' },
} as const;

/** Stores a new avatar or header (metadata stripped) and returns its media attachment id. */
export async function saveProfileImage(app: AppContext, accountId: string, file: File, purpose: 'avatar' | 'header'): Promise<string> {
  const image = await processImage(file, BOXES[purpose]);
  const relative = path.posix.join('accounts', accountId, `${purpose}-${randomToken(12)}.webp`);
  const absolute = path.join(app.mediaDir, relative);
  await mkdir(path.dirname(absolute), { recursive: true });
  await writeFile(absolute, image.data);
  const row = await insertMediaAttachment(app.db, {
    account_id: accountId,
    kind: 'image',
    file_path: relative,
    mime_type: image.mimeType,
    width: image.width,
    height: image.height,
  });
  return row.id;
}
