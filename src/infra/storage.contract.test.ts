import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AwsV4Signer } from 'aws4fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiskStorage } from './disk-storage.js';
import { createS3Storage } from './s3-storage.js';
import { startS3Server, type TestS3Server } from './test-s3-server.js';
import { parseByteRange, StorageError, streamBytes, type FileStorage } from './storage.js';

/**
 * One contract for every storage adapter: the data folder, and an S3-compatible bucket served by
 * a real S3 server over HTTP on loopback (`s3rver`, an npm package, started in this process).
 */
let s3: TestS3Server;
const folders: string[] = [];

beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function diskPair(): { media: FileStorage; private: FileStorage } {
  const root = mkdtempSync(path.join(tmpdir(), 'medired-storage-'));
  folders.push(root);
  return { media: createDiskStorage(path.join(root, 'media'), 'media', 'http://medired.test/media'), private: createDiskStorage(path.join(root, 'private'), 'private', null) };
}

function s3Pair(publicUrl: string | null = null): { media: FileStorage; private: FileStorage } {
  const options = { ...s3.options, publicUrl, appMediaBase: 'http://medired.test/media' };
  return { media: createS3Storage(options, 'media'), private: createS3Storage(options, 'private') };
}

const text = (s: string) => new TextEncoder().encode(s);
const BINARY = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7919) % 251);

describe.each([
  ['disk', diskPair],
  ['s3', () => s3Pair()],
] as const)('storage contract: %s', (_name, make) => {
  let store: { media: FileStorage; private: FileStorage };
  beforeAll(() => {
    store = make();
  });

  it('stores a file and reads it back whole, from bytes, a web stream or a Node stream', async () => {
    await store.media.put('a/bytes.bin', BINARY, { contentType: 'application/octet-stream' });
    await store.media.put('a/web.txt', new Blob([text('desde un stream web')]).stream());
    await store.media.put('a/node.txt', Readable.from([Buffer.from('desde '), Buffer.from('un stream de Node')]));
    expect(Buffer.from((await store.media.read('a/bytes.bin'))!).equals(Buffer.from(BINARY))).toBe(true);
    expect((await store.media.read('a/web.txt'))!.toString()).toBe('desde un stream web');
    expect((await store.media.read('a/node.txt'))!.toString()).toBe('desde un stream de Node');
    const whole = (await store.media.get('a/bytes.bin'))!;
    expect(whole.size).toBe(BINARY.length);
    expect(whole.range).toEqual({ start: 0, end: BINARY.length - 1 });
    expect((await streamBytes(whole.body)).equals(Buffer.from(BINARY))).toBe(true);
  });

  it('reads byte ranges, resolved against the size head() reports', async () => {
    const info = (await store.media.head('a/bytes.bin'))!;
    expect(info.size).toBe(BINARY.length);
    for (const header of ['bytes=0-0', 'bytes=1000-1999', `bytes=${BINARY.length - 5}-`, 'bytes=-300', `bytes=10-${BINARY.length * 2}`]) {
      const range = parseByteRange(header, info.size);
      if (!range || range === 'unsatisfiable') throw new Error(header);
      const part = (await store.media.get('a/bytes.bin', range))!;
      expect(part.size, header).toBe(BINARY.length);
      expect(part.range, header).toEqual(range);
      expect((await streamBytes(part.body)).equals(Buffer.from(BINARY.subarray(range.start, range.end + 1))), header).toBe(true);
    }
  });

  it('replaces a file put again under the same key, and keeps empty files', async () => {
    await store.media.put('b/x.txt', text('primera'));
    await store.media.put('b/x.txt', text('segunda versión'));
    expect((await store.media.read('b/x.txt'))!.toString()).toBe('segunda versión');
    await store.media.put('b/empty.txt', new Uint8Array(0));
    expect(await store.media.head('b/empty.txt')).toEqual({ size: 0 });
    expect((await store.media.read('b/empty.txt'))!.length).toBe(0);
  });

  it('answers null / false for missing files and deletes idempotently', async () => {
    expect(await store.media.get('nope/missing.txt')).toBeNull();
    expect(await store.media.read('nope/missing.txt')).toBeNull();
    expect(await store.media.head('nope/missing.txt')).toBeNull();
    expect(await store.media.exists('nope/missing.txt')).toBe(false);
    await store.media.put('c/gone.txt', text('borrar'));
    expect(await store.media.exists('c/gone.txt')).toBe(true);
    await store.media.delete('c/gone.txt');
    await store.media.delete('c/gone.txt');
    expect(await store.media.exists('c/gone.txt')).toBe(false);
    // A "folder" is not a file.
    expect(await store.media.read('a')).toBeNull();
  });

  it('keeps the two areas apart: a private file is not in the public area, and has no public address', async () => {
    await store.private.put('verification/7/doc.pdf', text('%PDF-1.4 secreto'));
    expect(await store.private.exists('verification/7/doc.pdf')).toBe(true);
    expect(await store.media.exists('verification/7/doc.pdf')).toBe(false);
    expect(await store.media.read('verification/7/doc.pdf')).toBeNull();
    expect(store.private.url('verification/7/doc.pdf')).toBeNull();
    expect(store.media.url('attachments/1/a.webp')).toBe('http://medired.test/media/attachments/1/a.webp');
  });

  it('refuses keys that could escape their area or mean different things on disk and in a bucket', async () => {
    for (const key of ['../etc/passwd', 'a/../../b', '/abs/path', 'a\\b', 'a//b', '', '.hidden', 'a/.x', 'a/\0b', 'a b', 'ü.txt', 'x/']) {
      await expect(store.media.put(key, text('x')), key).rejects.toBeInstanceOf(StorageError);
      await expect(store.private.read(key), key).rejects.toBeInstanceOf(StorageError);
      await expect(store.media.get(key), key).rejects.toBeInstanceOf(StorageError);
      await expect(store.media.delete(key), key).rejects.toBeInstanceOf(StorageError);
      expect(() => store.media.url(key), key).toThrow(StorageError);
    }
  });
});

describe('the S3 adapter', () => {
  it('stores each area under its own prefix of the bucket', async () => {
    const store = s3Pair();
    await store.private.put('verification/9/doc.pdf', text('%PDF privado'));
    await store.media.put('attachments/9/foto.webp', text('RIFF'));
    expect(await s3.listKeys()).toEqual(expect.arrayContaining(['private/verification/9/doc.pdf', 'media/attachments/9/foto.webp']));
    expect((await s3.listKeys()).filter((k) => k.includes('9/doc.pdf'))).toEqual(['private/verification/9/doc.pdf']);
  });

  it('gives public addresses under S3_PUBLIC_URL when set, and never for the private area', () => {
    const store = s3Pair('https://cdn.medired.example');
    expect(store.media.url('attachments/1/a.webp')).toBe('https://cdn.medired.example/media/attachments/1/a.webp');
    expect(store.private.url('attachments/1/a.webp')).toBeNull();
  });

  it('reports the server’s errors as StorageError (an unknown access key)', async () => {
    const store = createS3Storage({ ...s3.options, accessKeyId: 'NOT-A-KEY', publicUrl: null, appMediaBase: '' }, 'media');
    await expect(store.put('x/y.txt', text('x'))).rejects.toThrow(/S3 PUT media\/x\/y.txt answered 403 InvalidAccessKeyId/);
  });

  it('signs requests with AWS Signature V4 as AWS documents it (the S3 "GET Bucket Lifecycle" example)', async () => {
    // https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html
    const signer = new AwsV4Signer({
      url: 'https://examplebucket.s3.amazonaws.com/?lifecycle',
      method: 'GET',
      headers: { 'x-amz-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
      region: 'us-east-1',
      service: 's3',
      datetime: '20130524T000000Z',
    });
    const { headers } = await signer.sign();
    expect(headers.get('authorization')).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543',
    );
  });
});
