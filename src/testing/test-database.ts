import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { openPostgres, pgliteHandle, pgliteOptions, type DatabaseHandle } from '../db/connect.js';
import { migrate } from '../db/migrate.js';

/**
 * A fresh, migrated database for one test file: PGlite by default; a new database on the
 * PostgreSQL server when MEDIRED_TEST_DB=postgres (dropped again by `close`).
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.MEDIRED_TEST_DB === 'postgres') return openTestPostgres();
  const template = process.env.MEDIRED_PGLITE_TEMPLATE;
  const pglite = template
    ? await PGlite.create({ ...pgliteOptions(), loadDataDir: new Blob([readFileSync(template)]) })
    : await PGlite.create(pgliteOptions());
  const handle = pgliteHandle(pglite);
  if (!template) await migrate(handle);
  return handle;
}

const serverUrl = () => process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A new, empty database on the PostgreSQL test server: its URL, and `drop` to remove it. */
export async function createTestPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `medired_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: serverUrl() });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}

async function openTestPostgres(): Promise<DatabaseHandle> {
  const database = await createTestPostgresDatabase();
  const handle = await openPostgres(database.url, 10);
  await migrate(handle);
  return {
    ...handle,
    async close() {
      await handle.close();
      await database.drop();
    },
  };
}
