import { mkdir, readdir, rename, rmdir } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config.js';
import { createDiskStorage } from './disk-storage.js';
import { createS3Storage } from './s3-storage.js';
import type { Storage } from './storage.js';

/** Where the app itself serves the public area (`GET /media/*`, `mountMediaFiles`). */
export const appMediaBase = (config: Config) => `${config.publicUrl}/media`;

/**
 * The storage the configuration asks for: S3-compatible when S3_* is set, otherwise the data
 * folder (`<DATA_DIR>/media` public, `<DATA_DIR>/private` private, side by side).
 */
export async function createStorage(config: Config): Promise<Storage> {
  if (config.storage.adapter === 's3') {
    const options = { ...config.storage, publicUrl: config.storage.publicUrl ?? null, appMediaBase: appMediaBase(config) };
    return { media: createS3Storage(options, 'media'), private: createS3Storage(options, 'private'), close: async () => undefined };
  }
  const mediaRoot = path.resolve(config.dataDir, 'media');
  const privateRoot = path.resolve(config.dataDir, 'private');
  await mkdir(mediaRoot, { recursive: true });
  await mkdir(privateRoot, { recursive: true, mode: 0o700 });
  await moveLegacyPrivateFolder(mediaRoot, privateRoot);
  return { media: createDiskStorage(mediaRoot, 'media', appMediaBase(config)), private: createDiskStorage(privateRoot, 'private', null), close: async () => undefined };
}

/**
 * Earlier versions kept verification documents in `<DATA_DIR>/media/private/`, inside the public
 * root (refused by the file route, but one mistake away from being served): they move, once, to
 * the private area (the migration `20261204_3000` drops the `private/` prefix of their keys).
 */
async function moveLegacyPrivateFolder(mediaRoot: string, privateRoot: string): Promise<void> {
  const legacy = path.join(mediaRoot, 'private');
  const entries = await readdir(legacy).catch(() => null);
  if (!entries) return;
  for (const entry of entries) {
    await mergeInto(path.join(legacy, entry), path.join(privateRoot, entry));
  }
  await rmdir(legacy).catch(() => undefined);
}

async function mergeInto(from: string, to: string): Promise<void> {
  const children = await readdir(from).catch(() => null);
  if (children === null) {
    await rename(from, to);
    return;
  }
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const child of children) await mergeInto(path.join(from, child), path.join(to, child));
  await rmdir(from).catch(() => undefined);
}
