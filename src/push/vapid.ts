import webpush from 'web-push';
import type { Db } from '../db/connect.js';
import { findOrCreateSecret } from '../mail/instance-secrets.repository.js';

/** The instance's VAPID key pair (RFC 8292), base64url: it signs every Web Push request. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

const SECRET_NAME = 'vapid_keys';
const loaded = new WeakMap<Db, Promise<VapidKeys>>();

/**
 * The VAPID keys, made at first start and kept in the database (`instance_secrets`), so every app
 * process signs with the same pair and the public key apps subscribed with stays valid. Read once
 * per process. Never log the private key.
 */
export function vapidKeys(db: Db): Promise<VapidKeys> {
  let keys = loaded.get(db);
  if (!keys) {
    keys = findOrCreateSecret(db, SECRET_NAME, JSON.stringify(webpush.generateVAPIDKeys())).then((v) => JSON.parse(v) as VapidKeys);
    keys.catch(() => loaded.delete(db));
    loaded.set(db, keys);
  }
  return keys;
}
