import type { AppContext } from '../app-context.js';
import type { Viewer } from '../auth/viewer.js';
import { notFound } from '../errors.js';
import { defineRoute, putAndPatch, type AnyRoute } from '../http/route.js';
import { saveProfileImage } from '../media/profile-images.js';
import { tagUrl } from '../posts/status-entity.js';
import { featuredTags } from '../tags/tags.repository.js';
import { profileUpdateInput } from './accounts.js';
import { findAccountById, type AccountRow } from './accounts.repository.js';
import { toMastodonAccount } from './accounts.serializer.js';
import { updateProfile } from './accounts.service.js';

/**
 * Mastodon 4.6's Profile (`GET/PATCH /api/v1/profile`): the signed-in account's own profile as it
 * edits it — raw note and fields, images, flags and featured hashtags. Medired has no media tabs
 * nor attribution domains: those read as Mastodon's defaults and are not stored.
 */
async function profileOf(app: AppContext, row: AccountRow) {
  const account = toMastodonAccount(row, app.config);
  const featured = await featuredTags(app.db, row.id);
  return {
    id: row.id,
    display_name: row.display_name,
    note: row.note_source,
    fields: row.fields.map((f) => ({ name: f.name, value: f.value, verified_at: null })),
    avatar: row.avatar_media_id ? account.avatar : null,
    avatar_static: row.avatar_media_id ? account.avatar_static : null,
    avatar_description: '',
    header: row.header_media_id ? account.header : null,
    header_static: row.header_media_id ? account.header_static : null,
    header_description: '',
    locked: row.locked,
    bot: row.bot,
    hide_collections: account.hide_collections,
    discoverable: row.discoverable,
    indexable: account.indexable,
    show_media: true,
    show_media_replies: true,
    show_featured: true,
    attribution_domains: [] as string[],
    featured_tags: featured.map((t) => ({
      id: t.id,
      name: t.name,
      url: tagUrl(app.config, t.name),
      statuses_count: String(Number(t.statuses_count ?? 0)),
      last_status_at: t.last_status_at ? new Date(t.last_status_at).toISOString().slice(0, 10) : null,
    })),
  };
}

async function ownRow(app: AppContext, viewer: Viewer): Promise<AccountRow> {
  const row = await findAccountById(app.db, viewer.accountId);
  if (!row) throw notFound('Account');
  return row;
}

const show = defineRoute({
  method: 'get',
  path: '/api/v1/profile',
  summary: 'Your profile as you edit it (Mastodon 4.6 Profile)',
  tags: ['accounts'],
  auth: 'user',
  scope: 'read:accounts',
  handler: async ({ app, viewer }) => profileOf(app, await ownRow(app, viewer!)),
});

const editableFields = profileUpdateInput.pick({ display_name: true, note: true, locked: true, bot: true, discoverable: true, fields_attributes: true, avatar: true, header: true });

const update = putAndPatch({
  path: '/api/v1/profile',
  summary: 'Edit your profile (Mastodon 4.6): display_name, note, avatar, header, locked, bot, discoverable, fields_attributes',
  description: 'The same rules as update_credentials; show_media, show_media_replies, show_featured, hide_collections and attribution_domains are not kept by Medired.',
  tags: ['accounts'],
  auth: 'user',
  scope: 'write:accounts',
  body: editableFields,
  errors: ['unsupported_media_type', 'payload_too_large', 'validation_failed'],
  handler: async ({ app, viewer, body }) => {
    const { avatar, header, display_name, note, locked, bot, discoverable, fields_attributes } = body;
    const images = {
      ...(avatar ? { avatar_media_id: await saveProfileImage(app, viewer!.accountId, avatar, 'avatar') } : {}),
      ...(header ? { header_media_id: await saveProfileImage(app, viewer!.accountId, header, 'header') } : {}),
    };
    const changes = Object.fromEntries(Object.entries({ display_name, note, locked, bot, discoverable, fields_attributes }).filter(([, v]) => v !== undefined));
    return profileOf(app, await updateProfile(app, viewer!.accountId, { ...changes, ...images }));
  },
});

export const profileRoutes: AnyRoute[] = [show, ...update];
