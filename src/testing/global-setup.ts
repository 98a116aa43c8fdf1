import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pgliteHandle, pgliteOptions } from '../db/connect.js';
import { migrate } from '../db/migrate.js';

/**
 * Vitest global setup: migrates one PGlite database and saves it as a tarball that every test
 * file loads (about 1 s instead of 4 s for a fresh init + migrations).
 */
export default async function setup(): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'medired-template-'));
  const file = path.join(dir, 'template.tar');
  const pglite = await PGlite.create(pgliteOptions());
  await migrate(pgliteHandle(pglite));
  const dump = await pglite.dumpDataDir('none');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  process.env.MEDIRED_PGLITE_TEMPLATE = file;
  return () => rmSync(dir, { recursive: true, force: true });
}
