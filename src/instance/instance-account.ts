import type { MastodonAccount } from '../accounts/accounts.serializer.js';
import type { Config } from '../config.js';

/**
 * The id of the instance's own account. No account row has it (ids start at 1), so it can never
 * be confused with a person's; `GET /api/v1/accounts/0` answers with this entity.
 */
export const INSTANCE_ACCOUNT_ID = '0';

/**
 * The instance itself as a Mastodon Account (Mastodon's "instance actor", `Account.representative`):
 * the `account` of notifications no person caused — moderation decisions, verification, reports
 * handled, an anonymous comment — so that `notification.account` is never null, and nobody
 * (not even a moderator's name) is revealed. Its username is the host, like Mastodon's, which no
 * person's username can be (usernames have no dots or colons).
 */
export function instanceAccountEntity(config: Config): MastodonAccount {
  const host = new URL(config.publicUrl).host;
  const avatar = `${config.publicUrl}/static/logo.svg`;
  const header = `${config.publicUrl}/static/header.svg`;
  return {
    id: INSTANCE_ACCOUNT_ID,
    username: host,
    acct: host,
    display_name: config.instanceName,
    locked: false,
    bot: true,
    discoverable: false,
    indexable: false,
    noindex: true,
    hide_collections: true,
    group: false,
    created_at: '2026-01-01T00:00:00.000Z',
    note: '',
    url: `${config.publicUrl}/about`,
    uri: config.publicUrl,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: 0,
    following_count: 0,
    statuses_count: 0,
    last_status_at: null,
    emojis: [],
    fields: [],
    roles: [],
    medired: {
      kind: 'organization',
      profession: null,
      profession_label: { es: null, en: null },
      specialty: null,
      specialty_label: { es: null, en: null },
      verified: false,
      verification_status: 'unverified',
      license_country: null,
      organization_type: null,
      organization_type_label: { es: null, en: null },
      city: '',
      country: null,
      website: config.publicUrl,
    },
  };
}
