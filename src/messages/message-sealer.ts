import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MessageKey } from '../config.js';

/**
 * Seals private messages at rest: AES-256-GCM (authenticated), a fresh 96-bit nonce per value,
 * and the value's place (`status:<id>`, `media:<id>`) as additional data, so a sealed value
 * copied onto another row does not open. A sealed value names its key, so keys can rotate
 * (`npm run messages:rotate-key`): the first key seals, every configured key opens.
 *
 * Layout: version (1 byte, 1) · key id length (1 byte) · key id · nonce (12) · tag (16) · ciphertext.
 */
export interface MessageSealer {
  seal(plaintext: string, place: string): Buffer;
  open(sealed: Uint8Array, place: string): string;
  /** True when the value was sealed with a key other than the current one. */
  sealedWithOldKey(sealed: Uint8Array): boolean;
  readonly currentKeyId: string;
}

const VERSION = 1;

/** Thrown when a sealed value cannot be opened: unknown key, or tampered with. */
export class SealedValueError extends Error {
  override name = 'SealedValueError';
}

function keyIdOf(sealed: Uint8Array): string {
  if (sealed.length < 2 || sealed[0] !== VERSION) throw new SealedValueError('Unknown sealed value format');
  const length = sealed[1]!;
  return Buffer.from(sealed.subarray(2, 2 + length)).toString('utf8');
}

export function createMessageSealer(keys: readonly MessageKey[]): MessageSealer {
  if (keys.length === 0) throw new Error('At least one message key is needed');
  const current = keys[0]!;
  const byId = new Map(keys.map((k) => [k.id, k.key]));
  return {
    currentKeyId: current.id,
    seal(plaintext, place) {
      const nonce = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current.key, nonce);
      cipher.setAAD(Buffer.from(place, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const id = Buffer.from(current.id, 'utf8');
      return Buffer.concat([Buffer.from([VERSION, id.length]), id, nonce, cipher.getAuthTag(), body]);
    },
    open(sealed, place) {
      const id = keyIdOf(sealed);
      const key = byId.get(id);
      if (!key) throw new SealedValueError(`No configured message key is named ${id}`);
      const start = 2 + Buffer.byteLength(id, 'utf8');
      const bytes = Buffer.from(sealed);
      const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(start, start + 12));
      decipher.setAAD(Buffer.from(place, 'utf8'));
      decipher.setAuthTag(bytes.subarray(start + 12, start + 28));
      try {
        return Buffer.concat([decipher.update(bytes.subarray(start + 28)), decipher.final()]).toString('utf8');
      } catch (cause) {
        throw new SealedValueError('A sealed value did not open (wrong key, wrong place or tampered with)', { cause });
      }
    },
    sealedWithOldKey(sealed) {
      return keyIdOf(sealed) !== current.id;
    },
  };
}
