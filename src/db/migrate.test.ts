import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { DatabaseHandle } from './connect.js';
import { migrate, MigrationError } from './migrate.js';
import { openTestDatabase } from '../testing/test-database.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe('migrations', () => {
  it('are already applied to the test database and applying again does nothing', async () => {
    expect(await migrate(handle)).toEqual([]);
    const names = await handle.db.selectFrom('schema_migrations').select('name').orderBy('name').execute();
    expect(names.map((n) => n.name)[0]).toBe('20261124_0800_foundation');
  });

  it('roll a failing migration back whole and name it in the error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'medired-mig-'));
    writeFileSync(path.join(dir, '99990101_0000_ok.sql'), 'CREATE TABLE mig_ok (id int);');
    writeFileSync(path.join(dir, '99990101_0001_broken.sql'), 'CREATE TABLE mig_half (id int);\nSELECT * FROM no_such_table;');
    const error = await migrate(handle, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as Error).message).toContain('99990101_0001_broken');
    const tables = await sql<{ t: string }>`SELECT table_name AS t FROM information_schema.tables WHERE table_name IN ('mig_ok','mig_half')`.execute(handle.db);
    expect(tables.rows.map((r) => r.t)).toEqual(['mig_ok']);
    await sql`DROP TABLE mig_ok`.execute(handle.db);
    await handle.db.deleteFrom('schema_migrations').where('name', '=', '99990101_0000_ok').execute();
  });
});
