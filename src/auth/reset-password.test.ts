import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerAccount } from '../accounts/accounts.service.js';
import { openPglite } from '../db/connect.js';
import { migrate } from '../db/migrate.js';
import { postAnonymousForm } from '../testing/anonymous-form.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { adminPasswordResetLink } from './reset-password.js';
import { hashToken } from './tokens.js';

const NEW_PASSWORD = 'una contraseña nueva y larga';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** Runs the command on its own PGlite database in `dataDir` (whichever database the tests use). */
function runCli(dataDir: string, ...args: string[]) {
  const env: Record<string, string | undefined> = { ...process.env, DATA_DIR: dataDir, PUBLIC_URL: 'https://medired.example', LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  delete env.SMTP_URL;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/auth/reset-password-cli.ts', ...args], { encoding: 'utf8', timeout: 120_000, env });
}

describe('adminPasswordResetLink (npm run reset-password -- <username>)', () => {
  it('gives a one-time link, valid 1 hour, that sets a new password through the web page', async () => {
    const user = await t.createUser({ username: 'Olvidadiza' });
    const result = await adminPasswordResetLink(t.ctx, '@olvidadiza');
    expect(result.username).toBe('Olvidadiza');
    expect(result.link).toMatch(/^http:\/\/medired\.test\/auth\/password\/reset\?token=[A-Za-z0-9_-]{43}$/);
    const token = result.link.split('token=')[1]!;
    const row = await t.ctx.db.selectFrom('email_tokens').select(['token_hash', 'expires_at']).where('user_id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(token));
    expect(row.expires_at.getTime() - Date.now()).toBeLessThanOrEqual(3600_000);

    expect((await postAnonymousForm(t, '/auth/password/reset', { token, password: NEW_PASSWORD })).status).toBe(303);
    expect((await postAnonymousForm(t, '/auth/sign_in', { login: 'olvidadiza', password: NEW_PASSWORD })).status).toBe(303);
    expect((await t.request('GET', '/api/v1/accounts/verify_credentials', { token: user.token })).status).toBe(401);
    expect((await postAnonymousForm(t, '/auth/password/reset', { token, password: 'y otra contraseña más' })).status).toBe(410);
  });

  it('fails clearly for an unknown or invalid username', async () => {
    await expect(adminPasswordResetLink(t.ctx, 'nadie_existe')).rejects.toThrow(/not found/);
    await expect(adminPasswordResetLink(t.ctx, 'no valid!')).rejects.toThrow(/not a valid username/);
  });
});

describe('the reset-password command', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'medired-reset-cli-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('exits 2 with a usage message without a username', () => {
    const run = runCli(dataDir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: npm run reset-password -- <username>');
  });

  it('exits 1 naming the account for an unknown user, and prints a link for a known one', async () => {
    const unknown = runCli(dataDir, 'nadie_existe');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Error: Account @nadie_existe not found');
    expect(unknown.stdout).not.toContain('token=');

    const handle = await openPglite(dataDir);
    await migrate(handle);
    await registerAccount(handle.db, { username: 'paciente_cli', email: 'cli@example.test', password: 'correct horse battery staple', agreement: true, locale: 'es', kind: 'patient' });
    await handle.close();

    const known = runCli(dataDir, 'paciente_cli');
    expect(known.status, known.stderr).toBe(0);
    const link = /https:\/\/medired\.example\/auth\/password\/reset\?token=([A-Za-z0-9_-]{43})/.exec(known.stdout);
    expect(link).not.toBeNull();
    expect(known.stdout).toContain('@paciente_cli');

    const again = await openPglite(dataDir);
    const row = await again.db.selectFrom('email_tokens').select(['token_hash', 'purpose']).executeTakeFirstOrThrow();
    await again.close();
    expect(row).toEqual({ token_hash: hashToken(link![1]!), purpose: 'password_reset' });
  }, 240_000);
});
