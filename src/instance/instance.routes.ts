import { defineRoute, type AnyRoute } from '../http/route.js';
import { ORGANIZATION_TYPES, PROFESSIONS, SPECIALTIES } from '../accounts/specialties.js';
import { IMAGE_MAX_BYTES, IMAGE_TYPES } from '../media/images.js';
import { POST_MAX_CHARS, ARTICLE_MAX_CHARS, MAX_MEDIA_PER_POST } from '../posts/limits.js';

const tags = ['instance'];

const instanceV2 = defineRoute({
  method: 'get',
  path: '/api/v2/instance',
  summary: 'Instance information and the limits it enforces',
  tags,
  auth: 'none',
  handler: async ({ app }) => {
    const domain = new URL(app.config.publicUrl).host;
    return {
      domain,
      title: app.config.instanceName,
      version: '4.3.0 (compatible; Medired 0.1.0)',
      source_url: 'https://medired.example/source',
      description: 'Medired: la red social de la salud. Profesionales verificados, pacientes y organizaciones sanitarias.',
      usage: { users: { active_month: 0 } },
      thumbnail: { url: `${app.config.publicUrl}/static/logo.svg` },
      languages: ['es', 'en'],
      configuration: {
        urls: { streaming: null },
        accounts: { max_featured_tags: 0, max_pinned_statuses: 0 },
        statuses: { max_characters: POST_MAX_CHARS, max_media_attachments: MAX_MEDIA_PER_POST, characters_reserved_per_url: 23 },
        media_attachments: {
          supported_mime_types: [...IMAGE_TYPES],
          image_size_limit: IMAGE_MAX_BYTES,
          image_matrix_limit: 16_777_216,
          video_size_limit: 0,
          video_frame_rate_limit: 0,
          video_matrix_limit: 0,
        },
        polls: { max_options: 0, max_characters_per_option: 0, min_expiration: 0, max_expiration: 0 },
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

export const instanceRoutes: AnyRoute[] = [instanceV2];
