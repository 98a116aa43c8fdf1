import { AwsClient } from 'aws4fetch';
import { assertStorageKey, bodyBytes, StorageError, type ByteRange, type FileStorage, type StorageArea, type StoredRead } from './storage.js';

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Public base of the bucket (the `media/` prefix is appended), or null: served by the app. */
  publicUrl: string | null;
  /** Where the app serves the public area itself when there is no `publicUrl`. */
  appMediaBase: string;
}

/** How long a request may wait for the bucket's answer (headers); bodies then stream freely. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The scale-out storage adapter: an S3-compatible bucket (AWS S3, MinIO, Garage, Ceph RGW,
 * Cloudflare R2…), requests signed with AWS Signature V4 by `aws4fetch` over Node's own fetch,
 * buckets addressed path-style (`<endpoint>/<bucket>/<key>`), which every compatible server
 * accepts. Each area is a prefix of the bucket: `media/` (which a bucket policy may make
 * publicly readable, then set S3_PUBLIC_URL) and `private/` (which must never be public: the app
 * reads it with its credentials and serves it only through authorised routes).
 */
export function createS3Storage(options: S3Options, area: StorageArea): FileStorage {
  const client = new AwsClient({ accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey, region: options.region, service: 's3', retries: 2 });
  const objectUrl = (key: string) => {
    assertStorageKey(key);
    return `${options.endpoint}/${options.bucket}/${area}/${key}`;
  };

  async function send(method: string, key: string, init: { headers?: Record<string, string>; body?: Uint8Array } = {}): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      return await client.fetch(objectUrl(key), { method, headers: init.headers ?? {}, ...(init.body ? { body: init.body as BodyInit } : {}), signal: controller.signal });
    } catch (cause) {
      throw new StorageError(`S3 ${method} ${area}/${key} failed: ${(cause as Error).message}`, { cause });
    } finally {
      clearTimeout(timer);
    }
  }

  async function fail(method: string, key: string, res: Response): Promise<never> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]{1,100})<\/Code>/.exec(text)?.[1] ?? res.statusText;
    throw new StorageError(`S3 ${method} ${area}/${key} answered ${res.status} ${code}`);
  }

  return {
    area,
    adapter: 's3',
    async put(key, data, putOptions = {}) {
      const body = await bodyBytes(data);
      const headers: Record<string, string> = { 'content-length': String(body.length) };
      if (putOptions.contentType) headers['content-type'] = putOptions.contentType;
      const res = await send('PUT', key, { headers, body });
      if (!res.ok) await fail('PUT', key, res);
      await res.arrayBuffer();
    },
    async get(key, range?: ByteRange): Promise<StoredRead | null> {
      const res = await send('GET', key, range ? { headers: { range: `bytes=${range.start}-${range.end}` } } : {});
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok || !res.body) await fail('GET', key, res);
      const contentRange = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(res.headers.get('content-range') ?? '');
      const size = Number(contentRange?.[3] ?? res.headers.get('content-length') ?? 0);
      if (!range) return { body: res.body!, size, range: { start: 0, end: size - 1 } };
      // A server that ignores the range (200) or widens it gets its answer cut to what was asked.
      const start = res.status === 206 && contentRange ? Number(contentRange[1]) : 0;
      if (start > range.start) await fail('GET', key, res);
      const body = start === range.start && contentRange && Number(contentRange[2]) === range.end ? res.body! : sliceStream(res.body!, range.start - start, range.end - range.start + 1);
      return { body, size, range };
    },
    async read(key) {
      const res = await send('GET', key);
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok) await fail('GET', key, res);
      return Buffer.from(await res.arrayBuffer());
    },
    async head(key) {
      const res = await send('HEAD', key);
      if (res.status === 404) return null;
      if (!res.ok) await fail('HEAD', key, res);
      return { size: Number(res.headers.get('content-length') ?? 0) };
    },
    async exists(key) {
      return (await this.head(key)) !== null;
    },
    async delete(key) {
      const res = await send('DELETE', key);
      // S3 answers 204 whether or not the object existed; some servers answer 404.
      if (!res.ok && res.status !== 404) await fail('DELETE', key, res);
      await res.arrayBuffer();
    },
    url(key) {
      assertStorageKey(key);
      if (area === 'private') return null;
      return options.publicUrl ? `${options.publicUrl}/media/${key}` : `${options.appMediaBase}/${key}`;
    },
  };
}

/** The `length` bytes of a stream after its first `skip` bytes. */
function sliceStream(body: ReadableStream<Uint8Array>, skip: number, length: number): ReadableStream<Uint8Array> {
  let toSkip = skip;
  let left = length;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        let part = chunk;
        if (toSkip > 0) {
          const dropped = Math.min(toSkip, part.length);
          part = part.subarray(dropped);
          toSkip -= dropped;
        }
        if (left > 0 && part.length > 0) {
          const kept = part.subarray(0, Math.min(left, part.length));
          left -= kept.length;
          controller.enqueue(kept);
        }
        if (left === 0) controller.terminate();
      },
    }),
  );
}
