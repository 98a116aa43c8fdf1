import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { assertStorageKey, type ByteRange, type FileStorage, type StorageArea, type StorageBody, type StoredRead } from './storage.js';

/**
 * The embedded storage adapter: one folder per area (`<DATA_DIR>/media`, `<DATA_DIR>/private`).
 * A file is written to a temporary name and renamed into place, so readers never see half a file.
 * Private files are readable by the app's user only (0600, folders 0700).
 *
 * `publicBase` is the address under which the app serves the folder (`mountMediaFiles`); the
 * private area has none.
 */
export function createDiskStorage(root: string, area: StorageArea, publicBase: string | null): FileStorage {
  const absoluteRoot = path.resolve(root);
  const fileMode = area === 'private' ? 0o600 : 0o644;
  const dirMode = area === 'private' ? 0o700 : 0o755;
  const fileOf = (key: string) => {
    assertStorageKey(key);
    return path.join(absoluteRoot, ...key.split('/'));
  };
  const sizeOf = async (file: string) => {
    const info = await stat(file).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
      throw err;
    });
    return info?.isFile() ? info.size : null;
  };

  return {
    area,
    adapter: 'disk',
    async put(key, data: StorageBody) {
      const file = fileOf(key);
      await mkdir(path.dirname(file), { recursive: true, mode: dirMode });
      const temporary = `${file}.${randomBytes(6).toString('hex')}.part`;
      const source = data instanceof Uint8Array ? Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]) : data instanceof Readable ? data : Readable.fromWeb(data as never);
      try {
        await pipeline(source, createWriteStream(temporary, { mode: fileMode }));
        await rename(temporary, file);
      } catch (err) {
        await unlink(temporary).catch(() => undefined);
        throw err;
      }
    },
    async get(key, range?: ByteRange): Promise<StoredRead | null> {
      const file = fileOf(key);
      const size = await sizeOf(file);
      if (size === null) return null;
      const served = range ?? { start: 0, end: size - 1 };
      // An empty file has no byte to stream (createReadStream would read from 0 to -1).
      const body = size === 0 ? new ReadableStream<Uint8Array>({ start: (c) => c.close() }) : (Readable.toWeb(createReadStream(file, served)) as ReadableStream<Uint8Array>);
      return { body, size, range: served };
    },
    async read(key) {
      return readFile(fileOf(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'EISDIR') return null;
        throw err;
      });
    },
    async head(key) {
      const size = await sizeOf(fileOf(key));
      return size === null ? null : { size };
    },
    async exists(key) {
      return (await sizeOf(fileOf(key))) !== null;
    },
    async delete(key) {
      await unlink(fileOf(key)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT' && err.code !== 'ENOTDIR') throw err;
      });
    },
    url(key) {
      assertStorageKey(key);
      return publicBase ? `${publicBase}/${key}` : null;
    },
  };
}
