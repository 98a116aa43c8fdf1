import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError, parseMessageKeys, type Config, type MessageKey } from '../config.js';

/**
 * Where the keys that seal private messages come from:
 * - `MESSAGE_KEYS` when set (required with DATABASE_URL: several processes must share them, and
 *   they must not live in the database they protect);
 * - otherwise, for the embedded database, `<DATA_DIR>/secrets/message-keys`, written with a new
 *   random key at first start (mode 0600). A copy of the database alone then reads as noise.
 */
export function keyFilePath(config: Config): string {
  return path.resolve(config.dataDir, 'secrets', 'message-keys');
}

export function newMessageKey(id = `k${new Date().toISOString().slice(0, 10).replaceAll('-', '')}${randomBytes(2).toString('hex')}`): MessageKey {
  return { id, key: randomBytes(32) };
}

export function formatMessageKeys(keys: readonly MessageKey[]): string {
  return keys.map((k) => `${k.id}:${k.key.toString('base64')}`).join(',');
}

export async function writeKeyFile(file: string, keys: readonly MessageKey[]): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${formatMessageKeys(keys)}\n`, { mode: 0o600 });
  await chmod(file, 0o600);
}

export async function readKeyFile(file: string): Promise<MessageKey[] | null> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (text === null) return null;
  const keys = parseMessageKeys(text.trim());
  if (!keys) throw new ConfigError(`The message key file ${file} is malformed`);
  return keys;
}

export async function resolveMessageKeys(config: Config): Promise<{ keys: readonly MessageKey[]; created: boolean; source: 'environment' | 'file' }> {
  if (config.messageKeys) return { keys: config.messageKeys, created: false, source: 'environment' };
  if (config.databaseUrl) {
    throw new ConfigError(
      'Invalid configuration:\n  MESSAGE_KEYS: required with DATABASE_URL (private messages are sealed with it); `npm run messages:new-key` prints one',
    );
  }
  const file = keyFilePath(config);
  const existing = await readKeyFile(file);
  if (existing) return { keys: existing, created: false, source: 'file' };
  const keys = [newMessageKey()];
  await writeKeyFile(file, keys);
  return { keys, created: true, source: 'file' };
}
