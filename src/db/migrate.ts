import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle } from './connect.js';

export const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Thrown when a migration fails; names the migration and keeps the database error as `cause`. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies every migration in `migrations/` not yet recorded in `schema_migrations`, in name
 * order, each in its own transaction, under an exclusive lock so that several instances starting
 * together apply each migration once. Returns the names applied.
 */
export async function migrate(handle: DatabaseHandle, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  return handle.exclusive(async (runScript) => {
    await runScript(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = await handle.db
      .selectFrom('schema_migrations')
      .select('name')
      .execute()
      .then((rows) => new Set(rows.map((r) => r.name)));
    const applied: string[] = [];
    for (const file of files) {
      const name = file.replace(/\.sql$/, '');
      if (done.has(name)) continue;
      const body = await readFile(path.join(dir, file), 'utf8');
      const record = `INSERT INTO schema_migrations (name) VALUES ('${name.replace(/'/g, "''")}');`;
      try {
        // A multi-statement script runs as one implicit transaction: all of it or none.
        await runScript(`BEGIN;\n${body}\n;${record}\nCOMMIT;`);
      } catch (cause) {
        await runScript('ROLLBACK').catch(() => undefined);
        throw new MigrationError(`Migration ${name} failed: ${(cause as Error).message}`, { cause });
      }
      applied.push(name);
    }
    return applied;
  });
}
