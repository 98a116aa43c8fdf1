import type { Db } from '../db/connect.js';
import { groupPostPlace } from '../groups/group-post-place.js';
import { galleryConsentPlace } from '../galleries/gallery-consent-place.js';
import type { MessageSealer } from './message-sealer.js';
import { mediaPlace, sealMessageText, statusPlace } from './sealed-text.js';
import {
  findPlainDirectEdits,
  findPlainDirectMedia,
  findPlainDirectStatuses,
  findSealedValues,
  replaceSealedValue,
  setEditSealed,
  setMediaDescriptionSealed,
  setStatusSealed,
  type SealedTable,
} from './sealing.repository.js';

const BATCH = 500;

/** The place (additional data) a table's sealed values were sealed at. */
function placeOf(table: SealedTable, id: string): string {
  if (table === 'media_attachments') return mediaPlace(id);
  if (table === 'group_posts') return groupPostPlace(id);
  if (table === 'gallery_entries') return galleryConsentPlace(id);
  return statusPlace(id);
}

/**
 * Seals what was written in plaintext before private messages were sealed (direct statuses,
 * their earlier versions and their attachments' descriptions). Run at every start, after the
 * migrations; it finds nothing to do once done. Returns how many values it sealed.
 */
export async function sealPlaintextMessages(db: Db, sealer: MessageSealer): Promise<number> {
  let sealed = 0;
  for (const [find, save] of [
    [findPlainDirectStatuses, setStatusSealed],
    [findPlainDirectEdits, setEditSealed],
  ] as const) {
    let after = '0';
    for (;;) {
      const rows = await find(db, after, BATCH);
      for (const row of rows) {
        await save(db, row.id, sealMessageText(sealer, row.place_id, { source: row.content_source, html: row.content_html, spoiler: row.spoiler_text }));
        sealed += 1;
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
  }
  let after = '0';
  for (;;) {
    const rows = await findPlainDirectMedia(db, after, BATCH);
    for (const row of rows) await setMediaDescriptionSealed(db, row.id, sealer.seal(row.description, mediaPlace(row.id)));
    sealed += rows.length;
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  return sealed;
}

/**
 * Re-seals with the current key every value sealed with another one (key rotation). Each value
 * is opened with whichever configured key sealed it; afterwards the old keys can be removed.
 * Safe to run while the app is serving: a value is only ever replaced by the same text.
 */
export async function resealWithCurrentKey(db: Db, sealer: MessageSealer): Promise<Record<SealedTable, number>> {
  const counts: Record<SealedTable, number> = { statuses: 0, status_edits: 0, media_attachments: 0, group_posts: 0, gallery_entries: 0 };
  for (const table of ['statuses', 'status_edits', 'media_attachments', 'group_posts', 'gallery_entries'] as const) {
    let after = '0';
    for (;;) {
      const rows = await findSealedValues(db, table, after, BATCH);
      for (const row of rows) {
        if (!sealer.sealedWithOldKey(row.sealed)) continue;
        const place = placeOf(table, row.place_id);
        await replaceSealedValue(db, table, row.id, sealer.seal(sealer.open(row.sealed, place), place));
        counts[table] += 1;
      }
      if (rows.length < BATCH) break;
      after = rows.at(-1)!.id;
    }
  }
  return counts;
}
