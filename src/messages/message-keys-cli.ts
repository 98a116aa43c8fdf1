import { commandArguments, runCommand } from '../command-line.js';
import { rotateMessageKey } from './key-rotation.js';
import { formatMessageKeys, newMessageKey } from './message-keys.js';

/**
 * `npm run messages:new-key`: prints a new key for MESSAGE_KEYS (`id:base64`).
 * `npm run messages:rotate-key`: re-seals every private message with a new key (see key-rotation.ts).
 */
const command = commandArguments()[0];
if (command === 'new-key') {
  console.log(formatMessageKeys([newMessageKey()]));
  process.exit(0);
}
if (command !== 'rotate-key') {
  console.error('Usage: npm run messages:new-key | npm run messages:rotate-key');
  process.exit(2);
}
await runCommand(async (db, config) => {
  const result = await rotateMessageKey(db, config);
  console.log(`Private messages are sealed with key ${result.currentKeyId}: ${result.resealed} values re-sealed.`);
  if (config.messageKeys && result.retired.length) console.log(`No message needs the keys ${result.retired.join(', ')} any more: remove them from MESSAGE_KEYS and restart.`);
});
