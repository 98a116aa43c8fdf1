import { encode } from 'blurhash';
import sharp from 'sharp';
import { AppError } from '../errors.js';
import type { MediaSize } from './media.table.js';

/** Mastodon's `original` style: at most 8,294,400 pixels (3840x2160), aspect kept. */
export const ORIGINAL_MAX_PIXELS = 8_294_400;
/** Mastodon's `small` style (preview_url): at most 230,400 pixels (640x360). */
export const SMALL_MAX_PIXELS = 230_400;
/** The largest image decoded at all (Mastodon's image_matrix_limit: 7680x4320). */
export const IMAGE_MATRIX_LIMIT = 33_177_600;
/** WebP cannot be wider or taller than this. */
const WEBP_MAX_SIDE = 16_383;
/** Blurhash components, as Mastodon (`BLURHASH_OPTIONS = { x_comp: 4, y_comp: 4 }`). */
export const BLURHASH_COMPONENTS = { x: 4, y: 4 } as const;

/** Mastodon's size object: `{ width, height, size: "WxH", aspect }`. */
export function mediaSize(width: number, height: number): MediaSize {
  return { width, height, size: `${width}x${height}`, aspect: width / height };
}

/** The size that fits `maxPixels` (and WebP's side limit) with the same aspect; never enlarged. */
export function boundedSize(width: number, height: number, maxPixels: number): { width: number; height: number } {
  let scale = Math.min(1, Math.sqrt(maxPixels / (width * height)), WEBP_MAX_SIDE / width, WEBP_MAX_SIDE / height);
  if (scale >= 1) return { width, height };
  let w = Math.max(1, Math.floor(width * scale));
  let h = Math.max(1, Math.floor(height * scale));
  // Rounding can leave one row too many; shrink until it fits.
  while (w * h > maxPixels && scale > 0) {
    scale *= 0.999;
    w = Math.max(1, Math.floor(width * scale));
    h = Math.max(1, Math.floor(height * scale));
  }
  return { width: w, height: h };
}

export interface ImageVariant {
  data: Buffer;
  width: number;
  height: number;
}

export interface ImageVariants {
  original: ImageVariant;
  small: ImageVariant;
  blurhash: string;
}

/** The displayed size of an image (EXIF orientation applied), or null when it is not an image sharp can read. */
export async function imageDimensions(input: Buffer): Promise<{ width: number; height: number } | null> {
  try {
    const meta = await sharp(input, { limitInputPixels: IMAGE_MATRIX_LIMIT }).metadata();
    return meta.autoOrient.width > 0 && meta.autoOrient.height > 0 ? meta.autoOrient : null;
  } catch {
    return null;
  }
}

/**
 * The stored versions of an uploaded image, as Mastodon makes them: `original` bounded to 8.3
 * million pixels and `small` (the preview) to 230,400, both WebP, with the EXIF orientation
 * applied. Re-encoding drops every metadata block (EXIF with GPS, XMP, IPTC, ICC comments), so a
 * photo never tells where or with what it was taken. The blurhash is computed from the preview.
 * Anything sharp cannot decode is refused with 415.
 */
export async function makeImageVariants(input: Buffer): Promise<ImageVariants> {
  const size = await imageDimensions(input);
  if (!size) throw new AppError('unsupported_media_type', 'The file is not an image we can read (JPEG, PNG, WebP, GIF, AVIF)');
  try {
    const original = await resizeTo(input, boundedSize(size.width, size.height, ORIGINAL_MAX_PIXELS), 82);
    const small = await resizeTo(original.data, boundedSize(original.width, original.height, SMALL_MAX_PIXELS), 80);
    return { original, small, blurhash: await blurhashOf(small.data) };
  } catch (cause) {
    if (cause instanceof AppError) throw cause;
    throw new AppError('unsupported_media_type', 'The image could not be decoded; it may be damaged', { cause });
  }
}

async function resizeTo(input: Buffer, box: { width: number; height: number }, quality: number): Promise<ImageVariant> {
  const { data, info } = await sharp(input, { limitInputPixels: IMAGE_MATRIX_LIMIT })
    .autoOrient()
    .resize({ width: box.width, height: box.height, fit: 'fill' })
    .webp({ quality })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * A BlurHash of the image (`blurhash` package, 4x4 components as Mastodon), encoded from a copy
 * of at most 100x100 RGBA pixels: the hash only keeps a few colours, and a small input keeps
 * encoding cheap.
 */
export async function blurhashOf(image: Buffer): Promise<string> {
  const { data, info } = await sharp(image).autoOrient().resize({ width: 100, height: 100, fit: 'inside' }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return encode(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height, BLURHASH_COMPONENTS.x, BLURHASH_COMPONENTS.y);
}
