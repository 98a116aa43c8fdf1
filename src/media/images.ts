import sharp from 'sharp';
import { AppError } from '../errors.js';
import { IMAGE_MATRIX_LIMIT } from './image-variants.js';

/** The default image limit (MEDIA_IMAGE_MAX_MB overrides it for uploads). */
export const IMAGE_MAX_BYTES = 10 * 1024 * 1024;
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif'] as const;

export interface ProcessedImage {
  data: Buffer;
  width: number;
  height: number;
  mimeType: 'image/webp';
}

/**
 * Decodes an uploaded image, applies its EXIF orientation, fits it inside `box` and re-encodes it
 * as WebP. Re-encoding drops every metadata block (EXIF, GPS, XMP, ICC comments), so a photo never
 * leaks where or with what it was taken. Anything sharp cannot decode is refused.
 */
export async function processImage(
  file: File,
  box: { width: number; height: number; fit: 'cover' | 'inside' },
  maxBytes: number = IMAGE_MAX_BYTES,
): Promise<ProcessedImage> {
  if (file.size > maxBytes) throw new AppError('payload_too_large', `Images may be at most ${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MB`);
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    throw new AppError('unsupported_media_type', 'Upload a JPEG, PNG, WebP, GIF or AVIF image');
  }
  const input = Buffer.from(await file.arrayBuffer());
  try {
    const { data, info } = await sharp(input, { limitInputPixels: IMAGE_MATRIX_LIMIT })
      .autoOrient()
      .resize({ width: box.width, height: box.height, fit: box.fit, withoutEnlargement: box.fit === 'inside' })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, mimeType: 'image/webp' };
  } catch (cause) {
    throw new AppError('unsupported_media_type', 'The file is not an image we can read', { cause });
  }
}
