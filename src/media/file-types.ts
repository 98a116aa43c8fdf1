import type { Config } from '../config.js';

/** Uploaded files are recognised by their first bytes, never by the name or type a client sends. */
/** The default video limit (MEDIA_VIDEO_MAX_MB overrides it). */
export const VIDEO_MAX_BYTES = 40 * 1024 * 1024;
export const VIDEO_TYPES = ['video/mp4', 'video/webm'] as const;
export type VideoType = (typeof VIDEO_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) => signature.every((b, i) => bytes[offset + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

/** ISO-BMFF brands of still images (AVIF, HEIF), which share the `ftyp` start with MP4. */
const IMAGE_BRANDS = ['avif', 'avis', 'heic', 'heix', 'mif1', 'msf1'];

/**
 * MP4 (ISO base media: a `ftyp` box first, not QuickTime, not an AVIF/HEIF image) or WebM (EBML
 * with doc type "webm").
 */
export function sniffVideo(head: Uint8Array): VideoType | null {
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && ascii(head, 8, 12) !== 'qt  ' && !IMAGE_BRANDS.includes(ascii(head, 8, 12))) return 'video/mp4';
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3]) && ascii(head, 4, Math.min(head.length, 64)).includes('webm')) return 'video/webm';
  return null;
}

/** The image type of some bytes, for clients that upload images as application/octet-stream. */
export function sniffImage(head: Uint8Array): string | null {
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47])) return 'image/png';
  if (ascii(head, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP') return 'image/webp';
  if (head.length >= 12 && ascii(head, 4, 8) === 'ftyp' && ['avif', 'avis'].includes(ascii(head, 8, 12))) return 'image/avif';
  return null;
}

/** Upload routes, which accept bodies up to the largest file limit plus form overhead (see http/app.ts). */
export const MEDIA_UPLOAD_PATHS: readonly string[] = ['/api/v1/media', '/api/v2/media'];
export const MEDIA_UPLOAD_MAX_BYTES = VIDEO_MAX_BYTES + 1024 * 1024;

/** The body limit of the upload routes under this configuration. */
export function mediaUploadMaxBytes(config: Config): number {
  const m = config.media;
  return Math.max(m.imageMaxBytes, m.videoMaxBytes, m.documentMaxBytes) + 1024 * 1024;
}
