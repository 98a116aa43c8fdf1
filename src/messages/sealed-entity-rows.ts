import type { StatusEntityRow } from '../posts/status-entities.repository.js';
import type { MessageSealer } from './message-sealer.js';
import { mediaPlace, withOpenedText } from './sealed-text.js';

/** A private message's entity row with its text and its attachments' descriptions opened. */
export function openMessageRow(sealer: MessageSealer, row: StatusEntityRow): StatusEntityRow {
  if (!row.sealed) return row;
  const opened = withOpenedText(sealer, row);
  return {
    ...opened,
    media: row.media.map((m) => (m.sealed_description ? { ...m, description: sealer.open(Buffer.from(m.sealed_description, 'base64'), mediaPlace(m.id)) } : m)),
  };
}
