import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { InstanceRulesTable } from './instance.table.js';

/** The SQL of the instance's rules. */

export type RuleRow = Selectable<InstanceRulesTable>;

/** The rules in force, in their order. */
export function findRules(db: Db): Promise<RuleRow[]> {
  return db.selectFrom('instance_rules').selectAll().where('deleted_at', 'is', null).orderBy('position').orderBy('id').execute();
}

export function insertRule(db: Db, values: { text: string; hint: string; text_en: string; hint_en: string; position: number }): Promise<RuleRow> {
  return db.insertInto('instance_rules').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateRule(db: Db, id: string, changes: Partial<{ text: string; hint: string; text_en: string; hint_en: string; position: number }>): Promise<RuleRow | undefined> {
  return db.updateTable('instance_rules').set({ ...changes, updated_at: new Date() }).where('id', '=', id).where('deleted_at', 'is', null).returningAll().executeTakeFirst();
}

/** Removes a rule from those in force (the row stays, for what cited it). */
export async function removeRule(db: Db, id: string): Promise<boolean> {
  const result = await db.updateTable('instance_rules').set({ deleted_at: new Date(), updated_at: new Date() }).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
