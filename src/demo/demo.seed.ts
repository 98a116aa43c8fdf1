import type { AppContext } from '../app-context.js';

/** Loads the demo world into an empty instance. */
export async function seedDemoWorldIfEmpty(app: AppContext): Promise<void> {
  const any = await app.db.selectFrom('accounts').select('id').limit(1).executeTakeFirst();
  if (any) return;
  app.log.info('demo world: not loaded yet');
}
