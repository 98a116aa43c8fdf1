import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { makeAdmin } from './make-admin.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('makeAdmin (npm run make-admin -- <username>)', () => {
  it('makes an existing account admin, whatever the case or a leading @', async () => {
    await t.createUser(); // the first account already is the admin
    const user = await t.createUser({ username: 'Futura_Admin' });
    const result = await makeAdmin(t.ctx.db, '@futura_admin');
    expect(result).toEqual({ username: 'Futura_Admin', previousRole: 'user' });
    const row = await t.ctx.db.selectFrom('users').select('staff_role').where('id', '=', user.userId).executeTakeFirstOrThrow();
    expect(row.staff_role).toBe('admin');
    expect((await makeAdmin(t.ctx.db, 'Futura_Admin')).previousRole).toBe('admin');
  });

  it('fails clearly for an unknown or invalid username', async () => {
    await expect(makeAdmin(t.ctx.db, 'nadie_existe')).rejects.toThrow(/not found/);
    await expect(makeAdmin(t.ctx.db, 'no valid!')).rejects.toThrow(/not a valid username/);
  });

  it('the CLI exits non-zero with a usage message when no username is given', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/accounts/make-admin-cli.ts'], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: npm run make-admin -- <username>');
  });
});
