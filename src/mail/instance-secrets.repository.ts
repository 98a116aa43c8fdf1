import type { Db } from '../db/connect.js';

/**
 * The instance's own secrets (`instance_secrets`): made once by whichever process needs one first;
 * the others read the same value (the insert of a second process is ignored).
 */
export async function findOrCreateSecret(db: Db, name: string, candidate: string): Promise<string> {
  await db.insertInto('instance_secrets').values({ name, value: candidate }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('instance_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}
