import type { Selectable } from 'kysely';
import type { Db } from '../db/connect.js';
import type { PushAlerts, PushPolicy, PushSubscriptionsTable } from './push.table.js';

/** The SQL of Web Push subscriptions. */

export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;

export function findSubscriptionOfToken(db: Db, accessTokenId: string): Promise<PushSubscriptionRow | undefined> {
  return db.selectFrom('push_subscriptions').selectAll().where('access_token_id', '=', accessTokenId).executeTakeFirst();
}

/** Creates the token's subscription, replacing the one it had (Mastodon: one per token). */
export async function replaceSubscription(
  db: Db,
  values: { access_token_id: string; account_id: string; endpoint: string; key_p256dh: string; key_auth: string; access_token_sealed: Buffer; alerts: PushAlerts; policy: PushPolicy },
): Promise<PushSubscriptionRow> {
  return db.transaction().execute(async (trx) => {
    await trx.deleteFrom('push_subscriptions').where('access_token_id', '=', values.access_token_id).execute();
    return trx
      .insertInto('push_subscriptions')
      .values({ ...values, alerts: JSON.stringify(values.alerts) })
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

export function updateSubscription(db: Db, accessTokenId: string, changes: { alerts: PushAlerts; policy: PushPolicy }): Promise<PushSubscriptionRow | undefined> {
  return db
    .updateTable('push_subscriptions')
    .set({ alerts: JSON.stringify(changes.alerts), policy: changes.policy, updated_at: new Date() })
    .where('access_token_id', '=', accessTokenId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteSubscriptionOfToken(db: Db, accessTokenId: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('access_token_id', '=', accessTokenId).execute();
}

export async function deleteSubscription(db: Db, id: string): Promise<void> {
  await db.deleteFrom('push_subscriptions').where('id', '=', id).execute();
}

/** True when the account has at least one subscription (so a notification is worth a push job). */
export async function hasSubscriptions(db: Db, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('push_subscriptions').select('id').where('account_id', '=', accountId).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The account's subscriptions whose token is still live, with the recipient's locale. */
export function findLiveSubscriptionsOf(db: Db, accountId: string) {
  return db
    .selectFrom('push_subscriptions')
    .innerJoin('oauth_access_tokens', 'oauth_access_tokens.id', 'push_subscriptions.access_token_id')
    .innerJoin('users', 'users.account_id', 'push_subscriptions.account_id')
    .selectAll('push_subscriptions')
    .select('users.locale')
    .where('push_subscriptions.account_id', '=', accountId)
    .where('oauth_access_tokens.revoked_at', 'is', null)
    .execute();
}

/** What a push message says about a notification. */
export function findPushedNotification(db: Db, id: string) {
  return db.selectFrom('notifications').select(['id', 'account_id', 'type', 'from_account_id', 'status_id']).where('id', '=', id).executeTakeFirst();
}

/** What a push message may say about the status of a notification (never a private message's text). */
export function findPushedStatus(db: Db, id: string) {
  return db.selectFrom('statuses').select(['visibility', 'content_html', 'spoiler_text', 'title']).where('id', '=', id).executeTakeFirst();
}
