import { Readable } from 'node:stream';

/**
 * File storage behind one small interface, as the cache and the feeds: the data folder by default
 * (`disk-storage.ts`), an S3-compatible bucket as the scale-out adapter (`s3-storage.ts`). One
 * contract test runs against both (`storage.contract.test.ts`).
 *
 * There are two areas, each a `FileStorage` of its own, and nothing moves between them by name:
 * - `media`: public files (post images and videos, avatars, headers, covers), readable by anyone
 *   who has their unguessable address; `url(key)` gives it.
 * - `private`: files that only authorised routes read (verification documents, attachments of
 *   private messages, uploads waiting to be cleaned); `url(key)` is always null, and on disk the
 *   area is a folder beside `media/`, never inside it.
 */
export interface FileStorage {
  readonly area: StorageArea;
  readonly adapter: 'disk' | 's3';
  /** Stores a file under `key` (replacing any), whole: it is readable only once this resolves. */
  put(key: string, data: StorageBody, options?: { contentType?: string }): Promise<void>;
  /**
   * Reads a file, or only the bytes of `range` (inclusive offsets, which the caller resolves
   * against `head().size`: see `parseByteRange`); null when there is no such file.
   */
  get(key: string, range?: ByteRange): Promise<StoredRead | null>;
  /** The whole file in memory, or null (for processing: images and videos within their limits). */
  read(key: string): Promise<Buffer | null>;
  /** The file's size, or null when there is no such file. */
  head(key: string): Promise<{ size: number } | null>;
  exists(key: string): Promise<boolean>;
  /** Removes a file; a missing file is not an error. */
  delete(key: string): Promise<void>;
  /** The address that serves the file to anyone (public area), or null (private area). */
  url(key: string): string | null;
}

export type StorageArea = 'media' | 'private';

/** Both areas of the app's storage. */
export interface Storage {
  readonly media: FileStorage;
  readonly private: FileStorage;
  close(): Promise<void>;
}

export type StorageBody = Uint8Array | ReadableStream<Uint8Array> | Readable;

/** Inclusive byte offsets, as in HTTP's `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredRead {
  body: ReadableStream<Uint8Array>;
  /** The size of the whole file. */
  size: number;
  /** The bytes the body holds: the requested range, or the whole file. */
  range: ByteRange;
}

/** Thrown for a storage failure (the backend answered an error or could not be reached). */
export class StorageError extends Error {
  override name = 'StorageError';
}

/**
 * Keys are relative paths of safe segments (`attachments/12/AbC_-9.webp`): letters, digits, `_`,
 * `-` and `.` (not first), separated by single slashes. Both adapters refuse anything else, so no
 * key can escape its folder (`..`, absolute paths, backslashes, NUL) or mean different things on
 * disk and in a bucket.
 */
export function isStorageKey(key: string): boolean {
  return key.length <= 512 && /^[A-Za-z0-9_-][A-Za-z0-9_.-]*(\/[A-Za-z0-9_-][A-Za-z0-9_.-]*)*$/.test(key);
}

export function assertStorageKey(key: string): void {
  if (!isStorageKey(key)) throw new StorageError(`invalid storage key ${JSON.stringify(key.slice(0, 80))}`);
}

/**
 * Resolves an HTTP `Range` header against a file's size: null when absent (the whole file),
 * `'unsatisfiable'` (answer 416) for a range that cannot be served as one, otherwise the offsets.
 * Supports `bytes=a-b`, `bytes=a-` and the suffix form `bytes=-n`; several ranges are answered
 * as unsatisfiable rather than as a multipart body, which players never ask for.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'unsatisfiable' | null {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return 'unsatisfiable';
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start > end || start >= size ? 'unsatisfiable' : { start, end };
}

/** Collects a body into one buffer (the S3 adapter sends a known length). */
export async function bodyBytes(data: StorageBody): Promise<Buffer> {
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const chunks: Buffer[] = [];
  const source = data instanceof Readable ? data : Readable.fromWeb(data as never);
  for await (const chunk of source) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Reads a stored body back into memory. */
export async function streamBytes(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(body).arrayBuffer());
}
