import type { Config } from '../config.js';
import { defaultAvatarUrl, defaultHeaderUrl, mediaUrl } from '../media/media-urls.js';
import { escapeHtml } from '../text/markdown.js';
import type { AccountRow } from './accounts.repository.js';
import { isPlacePublic } from './place-privacy.js';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES, labelOf } from './specialties.js';

/** Medired's health extension of the Mastodon Account entity (the `medired` field). */
export interface MediredAccountExtension {
  kind: AccountRow['kind'];
  profession: string | null;
  profession_label: { es: string | null; en: string | null };
  specialty: string | null;
  specialty_label: { es: string | null; en: string | null };
  /** True once a moderator has checked the licence or registration. */
  verified: boolean;
  verification_status: AccountRow['verification_status'];
  license_country: string | null;
  organization_type: string | null;
  organization_type_label: { es: string | null; en: string | null };
  /** Empty (and `country` null) for a patient who keeps their place private (`isPlacePublic`). */
  city: string;
  country: string | null;
  website: string;
  /** Only on the owner's CredentialAccount: whether a patient shows their place. */
  place_public?: boolean;
}

/** Mastodon's Account entity (https://docs.joinmastodon.org/entities/Account/) plus `medired`. */
export interface MastodonAccount {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  /** Whether the account's public posts may be found by full-text search (Mastodon 4.2). */
  indexable: boolean;
  /** Whether search engines are asked not to index the profile. */
  noindex: boolean;
  hide_collections: boolean;
  group: boolean;
  created_at: string;
  note: string;
  url: string;
  uri: string;
  avatar: string;
  avatar_static: string;
  header: string;
  header_static: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  last_status_at: string | null;
  emojis: never[];
  fields: { name: string; value: string; verified_at: string | null }[];
  suspended?: boolean;
  roles: never[];
  medired: MediredAccountExtension;
}

const both = (list: Parameters<typeof labelOf>[0], code: string | null) => ({ es: labelOf(list, code, 'es'), en: labelOf(list, code, 'en') });

function fieldValueHtml(value: string): string {
  return /^https?:\/\/\S+$/.test(value)
    ? `<a href="${escapeHtml(value)}" rel="nofollow noopener noreferrer me" target="_blank">${escapeHtml(value.replace(/^https?:\/\//, ''))}</a>`
    : escapeHtml(value);
}

export function profileUrl(config: Config, username: string): string {
  return `${config.publicUrl}/@${username}`;
}

/** Converts an account row to the API entity. */
export function toMastodonAccount(row: AccountRow, config: Config): MastodonAccount {
  const placePublic = isPlacePublic(row);
  const avatar = row.avatar_path ? mediaUrl(config, row.avatar_path) : defaultAvatarUrl(config);
  const header = row.header_path ? mediaUrl(config, row.header_path) : defaultHeaderUrl(config);
  return {
    id: row.id,
    username: row.username,
    acct: row.username,
    display_name: row.display_name,
    locked: row.locked,
    bot: row.bot,
    discoverable: row.discoverable,
    indexable: row.discoverable,
    noindex: !row.discoverable,
    hide_collections: false,
    group: false,
    created_at: new Date(Date.UTC(row.created_at.getUTCFullYear(), row.created_at.getUTCMonth(), row.created_at.getUTCDate())).toISOString(),
    note: row.note_html,
    url: profileUrl(config, row.username),
    uri: `${config.publicUrl}/users/${row.username}`,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: row.followers_count,
    following_count: row.following_count,
    statuses_count: row.statuses_count,
    last_status_at: row.last_status_at ? row.last_status_at.toISOString().slice(0, 10) : null,
    emojis: [],
    fields: row.fields.map((f) => ({ name: escapeHtml(f.name), value: fieldValueHtml(f.value), verified_at: null })),
    ...(row.suspended_at ? { suspended: true } : {}),
    roles: [],
    medired: {
      kind: row.kind,
      profession: row.profession,
      profession_label: both(PROFESSIONS, row.profession),
      specialty: row.specialty,
      specialty_label: both(SPECIALTIES, row.specialty),
      verified: row.verification_status === 'verified',
      verification_status: row.verification_status,
      license_country: row.license_country,
      organization_type: row.organization_type,
      organization_type_label: both(ORGANIZATION_TYPES, row.organization_type),
      city: placePublic ? row.city : '',
      country: placePublic ? row.country : null,
      website: row.website,
    },
  };
}

/** The CredentialAccount entity: the Account plus the owner's editable source. */
export function toCredentialAccount(row: AccountRow, config: Config, user: { locale: string; staffRole: string; followRequestsCount: number }) {
  const account = toMastodonAccount(row, config);
  return {
    ...account,
    // The owner sees their own place, shown to others or not.
    medired: { ...account.medired, city: row.city, country: row.country, place_public: isPlacePublic(row) },
    source: {
      note: row.note_source,
      fields: row.fields.map((f) => ({ name: f.name, value: f.value, verified_at: null })),
      privacy: 'public',
      sensitive: false,
      language: user.locale,
      follow_requests_count: user.followRequestsCount,
      hide_collections: account.hide_collections,
      discoverable: account.discoverable,
      indexable: account.indexable,
    },
    role: { id: user.staffRole === 'admin' ? '3' : user.staffRole === 'moderator' ? '2' : '-99', name: user.staffRole === 'user' ? '' : user.staffRole, permissions: '0', color: '', highlighted: user.staffRole !== 'user' },
    medired_license_number: row.license_number,
  };
}
