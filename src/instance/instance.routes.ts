import { mastodonCompatibility, type MastodonCompatibility } from './version.js';
import { defineRoute, type AnyRoute, type RouteSpec } from '../http/route.js';
import { apiRoutes } from '../app.js';
import { vapidKeys } from '../push/vapid.js';
import { contactAccount, instanceRules, rulesLocale } from './instance-info.js';
import { instanceStats } from './instance-stats.js';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES } from '../accounts/specialties.js';
import { mediaConfiguration, mediredMediaConfiguration } from '../media/media-configuration.js';
import { POST_MAX_CHARS, ARTICLE_MAX_CHARS, MAX_MEDIA_PER_POST } from '../posts/limits.js';
import { MAX_PINNED_STATUSES } from '../posts/pins.policy.js';
import { MAX_FEATURED_TAGS } from '../tags/tags.service.js';
import { pollConfiguration } from '../polls/polls.js';

const tags = ['instance'];

let compatibility: MastodonCompatibility | undefined;
/** The Mastodon release Medired claims, from the routes it really serves (`version.ts`); read at request time, once. */
export function compatibilityOfThisServer(): MastodonCompatibility {
  compatibility ??= mastodonCompatibility(apiRoutes.map((r) => `${r.method.toUpperCase()} ${r.path}`));
  return compatibility;
}

function describeInstance(app: Parameters<RouteSpec['handler']>[0]['app']) {
  return { domain: new URL(app.config.publicUrl).host, title: app.config.instanceName, version: compatibilityOfThisServer().version };
}

/** Where clients open the streaming API: PUBLIC_URL with ws:// or wss:// (Mastodon's `streaming_api`). */
function streamingUrl(app: Parameters<RouteSpec['handler']>[0]['app']): string {
  const url = new URL(app.config.publicUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.origin.replace(/\/$/, '');
}

const DESCRIPTION = 'Medired: la red social de la salud. Profesionales verificados, pacientes y organizaciones sanitarias.';

const instanceV2 = defineRoute({
  method: 'get',
  path: '/api/v2/instance',
  summary: 'Instance information and the limits it enforces',
  tags,
  auth: 'none',
  handler: async ({ app, c }) => {
    const { domain, title, version } = describeInstance(app);
    const [{ activeMonth }, keys, rules, contact] = await Promise.all([instanceStats(app), vapidKeys(app.db), instanceRules(app, rulesLocale(c)), contactAccount(app)]);
    return {
      domain,
      title,
      version,
      api_versions: { mastodon: compatibilityOfThisServer().apiVersion },
      source_url: `${app.config.publicUrl}/api/openapi.json`,
      description: DESCRIPTION,
      usage: { users: { active_month: activeMonth } },
      thumbnail: { url: `${app.config.publicUrl}/static/logo.svg` },
      icon: [{ src: `${app.config.publicUrl}/static/logo.svg`, size: '512x512' }],
      languages: ['es', 'en'],
      configuration: {
        urls: { streaming: streamingUrl(app), status: null, about: app.config.publicUrl, privacy_policy: `${app.config.publicUrl}/privacy-policy`, terms_of_service: `${app.config.publicUrl}/terms-of-service` },
        vapid: { public_key: keys.publicKey },
        accounts: { max_featured_tags: MAX_FEATURED_TAGS, max_pinned_statuses: MAX_PINNED_STATUSES },
        statuses: { max_characters: POST_MAX_CHARS, max_media_attachments: MAX_MEDIA_PER_POST, characters_reserved_per_url: 23 },
        media_attachments: { ...mediaConfiguration(app.config), description_limit: 1500 },
        polls: pollConfiguration,
        translation: { enabled: false },
      },
      registrations: { enabled: true, approval_required: false, message: null },
      contact: { email: '', account: contact },
      rules,
      medired: {
        article_max_characters: ARTICLE_MAX_CHARS,
        professions: PROFESSIONS,
        specialties: SPECIALTIES,
        organization_types: ORGANIZATION_TYPES,
        media: mediredMediaConfiguration(app.config),
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
  handler: async ({ app, c }) => {
    const { domain, title, version } = describeInstance(app);
    const [counts, rules, contact] = await Promise.all([instanceStats(app), instanceRules(app, rulesLocale(c)), contactAccount(app)]);
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
        accounts: { max_featured_tags: MAX_FEATURED_TAGS, max_pinned_statuses: MAX_PINNED_STATUSES },
        statuses: { max_characters: POST_MAX_CHARS, max_media_attachments: MAX_MEDIA_PER_POST, characters_reserved_per_url: 23 },
        media_attachments: mediaConfiguration(app.config),
        polls: pollConfiguration,
      },
      contact_account: contact,
      rules,
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
