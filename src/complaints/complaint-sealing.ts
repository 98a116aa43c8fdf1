import type { MessageSealer } from '../messages/message-sealer.js';

/**
 * A private complaint keeps its subject and text, and every entry of its thread, sealed at rest
 * with the message sealer (AES-256-GCM, the value's place as additional data, so a sealed value
 * copied onto another row does not open). Public complaints are stored as plain text.
 */
export const complaintPlace = (id: string) => `complaint:${id}`;
export const complaintEntryPlace = (id: string) => `complaint_entry:${id}`;

export interface ComplaintText {
  subject: string;
  body: string;
}

export function sealComplaintText(sealer: MessageSealer, id: string, text: ComplaintText): Buffer {
  return sealer.seal(JSON.stringify({ s: text.subject, b: text.body }), complaintPlace(id));
}

/** The subject and text of a complaint row: opened when sealed, as stored otherwise. */
export function complaintTextOf(sealer: MessageSealer, row: { id: string; subject: string; body: string; sealed: Uint8Array | null }): ComplaintText {
  if (!row.sealed) return { subject: row.subject, body: row.body };
  const parsed = JSON.parse(sealer.open(row.sealed, complaintPlace(row.id))) as { s: string; b: string };
  return { subject: parsed.s, body: parsed.b };
}

export function sealEntryText(sealer: MessageSealer, id: string, body: string): Buffer {
  return sealer.seal(body, complaintEntryPlace(id));
}

export function entryTextOf(sealer: MessageSealer, row: { id: string; body: string; sealed: Uint8Array | null }): string {
  return row.sealed ? sealer.open(row.sealed, complaintEntryPlace(row.id)) : row.body;
}
