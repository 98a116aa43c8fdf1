import { MEDIRED_VERSION } from './version.js';
import { defineRoute, type AnyRoute, type RouteSpec } from '../http/route.js';
import { instanceStats } from './instance-stats.js';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES } from '../accounts/specialties.js';
import { IMAGE_MAX_BYTES, IMAGE_TYPES } from '../media/images.js';
import { VIDEO_MAX_BYTES, VIDEO_TYPES } from '../media/file-types.js';
import { POST_MAX_CHARS, ARTICLE_MAX_CHARS, MAX_MEDIA_PER_POST } from '../posts/limits.js';
import { MAX_PINNED_STATUSES } from '../posts/pins.policy.js';
import { pollConfiguration } from '../polls/polls.js';

const tags = ['instance'];

function describeInstance(app: Parameters<RouteSpec['handler']>[0]['app']) {
  return { domain: new URL(app.config.publicUrl).host, title: app.config.instanceName, version: MASTODON_COMPAT_VERSION };
}

/** Where clients open the streaming API: PUBLIC_URL with ws:// or wss:// (Mastodon's `streaming_api`). */
function streamingUrl(app: Parameters<RouteSpec['handler']>[0]['app']): string {
  const url = new URL(app.config.publicUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.origin.replace(/\/$/, '');
}

const MASTODON_COMPAT_VERSION = `4.3.0 (compatible; Medired ${MEDIRED_VERSION})`;
const DESCRIPTION = 'Medired: la red social de la salud. Profesionales verificados, pacientes y organizaciones sanitarias.';

const instanceV2 = defineRoute({
  method: 'get',
  path: '/api/v2/instance',
  summary: 'Instance information and the limits it enforces',
  tags,
  auth: 'none',
  handler: async ({ app }) => {
    const { domain, title, version } = describeInstance(app);
    const { activeMonth } = await instanceStats(app);
    return {
      domain,
      title,
      version,
      source_url: `${app.config.publicUrl}/api/openapi.json`,
      description: DESCRIPTION,
      usage: { users: { active_month: activeMonth } },
      thumbnail: { url: `${app.config.publicUrl}/static/logo.svg` },
      languages: ['es', 'en'],
      configuration: {
        urls: { streaming: streamingUrl(app) },
        accounts: { max_featured_tags: 0, max_pinned_statuses: MAX_PINNED_STATUSES },
        statuses: { max_characters: POST_MAX_CHARS, max_media_attachments: MAX_MEDIA_PER_POST, characters_reserved_per_url: 23 },
        media_attachments: {
          supported_mime_types: [...IMAGE_TYPES, ...VIDEO_TYPES],
          image_size_limit: IMAGE_MAX_BYTES,
          image_matrix_limit: 16_777_216,
          video_size_limit: VIDEO_MAX_BYTES,
          video_frame_rate_limit: 0,
          video_matrix_limit: 0,
        },
        polls: pollConfiguration,
        translation: { enabled: false },
      },
      registrations: { enabled: true, approval_required: false, message: null },
      contact: { email: '', account: null },
      rules: [],
      medired: {
        article_max_characters: ARTICLE_MAX_CHARS,
        professions: PROFESSIONS,
        specialties: SPECIALTIES,
        organization_types: ORGANIZATION_TYPES,
      },
    };
  },
});

const instanceV1 = defineRoute({
  method: 'get',
  path: '/api/v1/instance',
  summary: 'Instance information (Mastodon v1 shape, for older clients)',
  tags,
  auth: 'none',
  handler: async ({ app }) => {
    const { domain, title, version } = describeInstance(app);
    const counts = await instanceStats(app);
    return {
      uri: domain,
      title,
      short_description: DESCRIPTION,
      description: DESCRIPTION,
      email: '',
      version,
      urls: { streaming_api: streamingUrl(app) },
      stats: { user_count: counts.users, status_count: counts.statuses, domain_count: 1 },
      thumbnail: `${app.config.publicUrl}/static/logo.svg`,
      languages: ['es', 'en'],
      registrations: true,
      approval_required: false,
      invites_enabled: false,
      configuration: {
        statuses: { max_characters: POST_MAX_CHARS, max_media_attachments: MAX_MEDIA_PER_POST, characters_reserved_per_url: 23 },
        media_attachments: { supported_mime_types: [...IMAGE_TYPES, ...VIDEO_TYPES], image_size_limit: IMAGE_MAX_BYTES, image_matrix_limit: 16_777_216, video_size_limit: VIDEO_MAX_BYTES, video_frame_rate_limit: 0, video_matrix_limit: 0 },
        polls: pollConfiguration,
      },
      contact_account: null,
      rules: [],
    };
  },
});

const customEmojis = defineRoute({
  method: 'get',
  path: '/api/v1/custom_emojis',
  summary: 'Custom emojis of the instance (Medired has none, so the list is empty)',
  tags,
  auth: 'none',
  handler: async () => [],
});

const preferences = defineRoute({
  method: 'get',
  path: '/api/v1/preferences',
  summary: "The signed-in user's posting and reading preferences",
  tags,
  auth: 'user',
  scope: 'read:accounts',
  handler: async ({ viewer }) => ({
    'posting:default:visibility': 'public',
    'posting:default:sensitive': false,
    'posting:default:language': viewer!.locale,
    'reading:expand:media': 'default',
    'reading:expand:spoilers': false,
  }),
});

export const instanceRoutes: AnyRoute[] = [instanceV2, instanceV1, customEmojis, preferences];
