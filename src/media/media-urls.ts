import type { Config } from '../config.js';

/**
 * Public URL of a file in the public storage area: served by the app (`GET /media/<key>`, from
 * the data folder or proxied from the bucket), or straight from the bucket when S3_PUBLIC_URL is
 * set. The same address `storage.media.url(key)` gives.
 */
export function mediaUrl(config: Config, filePath: string): string {
  if (config.storage.adapter === 's3' && config.storage.publicUrl) return `${config.storage.publicUrl}/media/${filePath}`;
  return `${config.publicUrl}/media/${filePath}`;
}

/** Images shown when an account has no avatar or header of its own. */
export function defaultAvatarUrl(config: Config): string {
  return `${config.publicUrl}/static/avatar.svg`;
}
export function defaultHeaderUrl(config: Config): string {
  return `${config.publicUrl}/static/header.svg`;
}
