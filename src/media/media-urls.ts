import type { Config } from '../config.js';

/** Public URL of a stored media file (paths are relative to `<DATA_DIR>/media`). */
export function mediaUrl(config: Config, filePath: string): string {
  return `${config.publicUrl}/media/${filePath}`;
}

/** Images shown when an account has no avatar or header of its own. */
export function defaultAvatarUrl(config: Config): string {
  return `${config.publicUrl}/static/avatar.svg`;
}
export function defaultHeaderUrl(config: Config): string {
  return `${config.publicUrl}/static/header.svg`;
}
