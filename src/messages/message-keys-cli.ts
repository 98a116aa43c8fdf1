import { loadConfig } from '../config.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import { rotateMessageKey } from './key-rotation.js';
import { formatMessageKeys, newMessageKey } from './message-keys.js';

/**
 * `npm run messages:new-key`: prints a new key for MESSAGE_KEYS (`id:base64`).
 * `npm run messages:rotate-key`: re-seals every private message with a new key (see key-rotation.ts).
 */
const command = process.argv.slice(2).filter((a) => a !== '--')[0];
if (command === 'new-key') {
  console.log(formatMessageKeys([newMessageKey()]));
  process.exit(0);
}
if (command !== 'rotate-key') {
  console.error('Usage: npm run messages:new-key | npm run messages:rotate-key');
  process.exit(2);
}
try {
  process.loadEnvFile?.('.env');
} catch {
  // no .env file: the environment alone configures the app
}
let config;
try {
  config = loadConfig(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const handle = await openDatabase(config);
try {
  await migrate(handle);
  const result = await rotateMessageKey(handle.db, config);
  console.log(`Private messages are sealed with key ${result.currentKeyId}: ${result.resealed} values re-sealed.`);
  if (config.messageKeys && result.retired.length) console.log(`No message needs the keys ${result.retired.join(', ')} any more: remove them from MESSAGE_KEYS and restart.`);
} catch (err) {
  console.error(`Error: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
