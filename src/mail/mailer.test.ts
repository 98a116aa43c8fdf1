import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAppContext } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { createLogger } from '../log.js';
import { openTestDatabase } from '../testing/test-database.js';

describe('the mailer on the app context', () => {
  it('without SMTP_URL is the "no mail" value, and start-up says once how to reset a password instead', async () => {
    const lines: string[] = [];
    const log = createLogger('info', 'medired', {}, (line) => lines.push(line));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'medired-mailer-'));
    const ctx = await buildAppContext(loadConfig({ NODE_ENV: 'test', SEED_DEMO: 'false', DATA_DIR: dataDir }), { database: await openTestDatabase(), log });
    try {
      expect(ctx.mailer.enabled).toBe(false);
      const mailLines = lines.filter((l) => l.includes('e-mail is off'));
      expect(mailLines).toHaveLength(1);
      expect(mailLines[0]).toContain('npm run reset-password -- <username>');
    } finally {
      await ctx.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
