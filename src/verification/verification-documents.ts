import path from 'node:path';
import sharp from 'sharp';
import type { AppContext } from '../app-context.js';
import { randomToken } from '../auth/tokens.js';
import { AppError } from '../errors.js';
import { isStorageKey } from '../infra/storage.js';

export const DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

type DocumentType = 'application/pdf' | 'image/jpeg' | 'image/png' | 'image/webp';
const EXTENSIONS: Record<DocumentType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** The file type by its first bytes (the name and declared type are not trusted). */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp'; // RIFF....WEBP
  return null;
}

export interface StoredDocument {
  path: string;
  mime: DocumentType;
  size: number;
}

/**
 * Validates a supporting document (PDF, JPEG, PNG or WebP by magic bytes, at most 10 MB) and
 * stores it in the private storage area (`<DATA_DIR>/private/verification/…` or the bucket's
 * `private/` prefix), which no public route serves: moderators read it through the audited
 * document route. Images are re-encoded in their own format, which drops EXIF/GPS/XMP metadata.
 */
export async function storeVerificationDocument(app: AppContext, accountId: string, file: File): Promise<StoredDocument> {
  if (file.size > DOCUMENT_MAX_BYTES) throw new AppError('payload_too_large', 'The supporting document may be at most 10 MB');
  let data: Buffer = Buffer.from(await file.arrayBuffer());
  const mime = sniffDocumentType(data);
  if (!mime) throw new AppError('unsupported_media_type', 'The supporting document must be a PDF, JPEG, PNG or WebP file');
  if (mime !== 'application/pdf') {
    try {
      const image = sharp(data, { limitInputPixels: 100_000_000 }).rotate();
      data = await (mime === 'image/jpeg' ? image.jpeg({ quality: 90 }) : mime === 'image/png' ? image.png() : image.webp({ quality: 90 })).toBuffer();
    } catch (cause) {
      throw new AppError('unsupported_media_type', 'The image could not be read', { cause });
    }
  }
  const relative = path.posix.join('verification', accountId, `${randomToken(16)}.${EXTENSIONS[mime]}`);
  await app.storage.private.put(relative, data, { contentType: mime });
  return { path: relative, mime, size: data.length };
}

/** Reads a stored document from the private area; only keys under `verification/` are accepted. */
export async function readVerificationDocument(app: AppContext, relative: string): Promise<Buffer> {
  if (!relative.startsWith('verification/') || !isStorageKey(relative)) throw new AppError('not_found', 'Document not found');
  const data = await app.storage.private.read(relative);
  if (!data) throw new AppError('not_found', 'Document not found');
  return data;
}

/** Removes a stored document whose request could not be saved (a missing file is not an error). */
export async function discardVerificationDocument(app: AppContext, relative: string): Promise<void> {
  if (!relative.startsWith('verification/') || !isStorageKey(relative)) return;
  await app.storage.private.delete(relative).catch(() => undefined);
}
