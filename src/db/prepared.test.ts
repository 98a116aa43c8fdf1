import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-database.js';
import type { DatabaseHandle } from './connect.js';
import { literal, preparedName, preparedQuery } from './prepared.js';

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const echo = preparedQuery<{ texts: string[]; n: string; label: string }, { texts: string[]; n: string; label: string }>('prepared_test_echo', (db, p) =>
  db.selectNoFrom([sql<string[]>`${p.texts}::text[]`.as('texts'), sql<string>`${p.n}::bigint`.as('n'), sql<string>`${p.label}::text`.as('label')]),
);

describe('prepared statements', () => {
  it('bind every value exactly, whatever it holds', async () => {
    const awkward = ["it's", 'back\\slash', 'quo"te', 'comma,brace}{', '', 'ñandú 🩺', 'NULL', ' spaced '];
    const [row] = await echo(handle.db, { texts: awkward, n: '9007199254740993', label: "'; DROP TABLE users; --" });
    expect(row).toEqual({ texts: awkward, n: '9007199254740993', label: "'; DROP TABLE users; --" });
  });

  it('run as named statements prepared once (PREPARE/EXECUTE on PGlite, named on node-postgres)', async () => {
    // One connection, so the statements it prepared can be listed on it.
    await echo(handle.db, { texts: ['a'], n: '1', label: 'x' });
    const names = await handle.db.connection().execute(async (conn) => {
      await echo(conn, { texts: ['b'], n: '2', label: 'y' });
      const rows = await sql<{ name: string }>`SELECT name FROM pg_prepared_statements`.execute(conn);
      return rows.rows.map((r) => r.name);
    });
    expect(names.some((n) => n.startsWith('m_prepared_test_echo_'))).toBe(true);
  });

  it('render literals PostgreSQL reads back as the same values', () => {
    expect(literal("o'clock")).toBe("'o''clock'");
    expect(literal(['a"b', 'c\\d', null])).toBe(`'{"a\\"b","c\\\\d",NULL}'`);
    expect(literal(true)).toBe("'true'");
    expect(literal(null)).toBe('NULL');
    expect(literal({ a: 1 })).toBeNull();
    expect(literal(Number.NaN)).toBeNull();
    expect(preparedName('SELECT 1')).toBeUndefined();
  });
});
