import type { MessageSealer } from './message-sealer.js';

/** What a private message's row keeps sealed: its source, its rendered HTML and its content warning. */
export interface MessageText {
  source: string;
  html: string;
  spoiler: string;
}

/** The place a status's sealed text belongs to (its edits share it: they are its history). */
export const statusPlace = (statusId: string) => `status:${statusId}`;
export const mediaPlace = (mediaId: string) => `media:${mediaId}`;

export function sealMessageText(sealer: MessageSealer, statusId: string, text: MessageText): Buffer {
  return sealer.seal(JSON.stringify({ s: text.source, h: text.html, w: text.spoiler }), statusPlace(statusId));
}

export function openMessageText(sealer: MessageSealer, statusId: string, sealed: Uint8Array): MessageText {
  const parsed = JSON.parse(sealer.open(sealed, statusPlace(statusId))) as { s: string; h: string; w: string };
  return { source: parsed.s, html: parsed.h, spoiler: parsed.w };
}

/**
 * A status row as its readers see it: a private message's sealed text opened into the plaintext
 * columns (which the database keeps empty). Other rows come back unchanged.
 */
export function withOpenedText<T extends { id: string; sealed: Uint8Array | null; content_source: string; content_html: string; spoiler_text: string }>(
  sealer: MessageSealer,
  row: T,
  placeId: string = row.id,
): T {
  if (!row.sealed) return row;
  const text = openMessageText(sealer, placeId, row.sealed);
  return { ...row, content_source: text.source, content_html: text.html, spoiler_text: text.spoiler };
}
