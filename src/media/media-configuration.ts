import type { Config } from '../config.js';
import { IMAGE_MATRIX_LIMIT } from './image-variants.js';
import { IMAGE_TYPES } from './images.js';
import { VIDEO_TYPES } from './file-types.js';

/**
 * Mastodon's `configuration.media_attachments` of `/api/v1/instance` and `/api/v2/instance`,
 * from the limits the uploads enforce (MEDIA_* variables), so clients check what the server checks.
 */
export function mediaConfiguration(config: Config) {
  return {
    supported_mime_types: [...IMAGE_TYPES, ...VIDEO_TYPES],
    image_size_limit: config.media.imageMaxBytes,
    image_matrix_limit: IMAGE_MATRIX_LIMIT,
    video_size_limit: config.media.videoMaxBytes,
    // Videos are not transcoded: no frame rate or frame size is imposed.
    video_frame_rate_limit: 0,
    video_matrix_limit: 0,
  };
}

/** Limits Mastodon's configuration has no field for, under the instance's `medired` key. */
export function mediredMediaConfiguration(config: Config) {
  return { video_duration_limit: config.media.videoMaxSeconds, document_size_limit: config.media.documentMaxBytes, description_limit: 1500 };
}
