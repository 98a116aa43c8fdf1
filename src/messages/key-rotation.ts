import type { Config, MessageKey } from '../config.js';
import type { Db } from '../db/connect.js';
import { createMessageSealer } from './message-sealer.js';
import { keyFilePath, newMessageKey, readKeyFile, writeKeyFile } from './message-keys.js';
import { resealWithCurrentKey } from './resealing.js';

export interface RotationResult {
  currentKeyId: string;
  resealed: number;
  /** Key ids that no sealed value needs any more (removed from the key file; to remove from MESSAGE_KEYS by hand). */
  retired: string[];
}

/**
 * Rotates the key that seals private messages.
 * - Embedded (key file in the data folder): a new key goes first in the file, every value is
 *   re-sealed with it, then the old keys are removed from the file. Stop the app first: the
 *   embedded database has one user at a time.
 * - MESSAGE_KEYS: put the new key first (`npm run messages:new-key` prints one) and restart every
 *   process, so they seal with it and still open the old values; then this re-seals every value
 *   with the first key, and the others can be removed from MESSAGE_KEYS.
 */
export async function rotateMessageKey(db: Db, config: Config): Promise<RotationResult> {
  let keys: readonly MessageKey[];
  const fromFile = !config.messageKeys;
  if (fromFile) {
    const file = keyFilePath(config);
    const existing = (await readKeyFile(file)) ?? [];
    keys = [newMessageKey(), ...existing];
    await writeKeyFile(file, keys);
  } else keys = config.messageKeys!;
  const sealer = createMessageSealer(keys);
  const counts = await resealWithCurrentKey(db, sealer);
  const retired = keys.slice(1).map((k) => k.id);
  if (fromFile) await writeKeyFile(keyFilePath(config), keys.slice(0, 1));
  return { currentKeyId: sealer.currentKeyId, resealed: counts.statuses + counts.status_edits + counts.media_attachments + counts.group_posts + counts.gallery_entries, retired };
}
