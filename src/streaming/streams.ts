import { AppError } from '../errors.js';

/**
 * Mastodon's stream names (`stream` of the WebSocket API, the path of the server-sent events
 * API) and what each one needs. Medired has no federation: the remote streams stay silent.
 */
export const STREAM_NAMES = [
  'user',
  'user:notification',
  'public',
  'public:media',
  'public:local',
  'public:local:media',
  'public:remote',
  'public:remote:media',
  'hashtag',
  'hashtag:local',
  'list',
  'direct',
] as const;

export type StreamName = (typeof STREAM_NAMES)[number];

/** One subscription: a stream, with its tag or list. */
export interface StreamKey {
  name: StreamName;
  /** Lower-cased hashtag of `hashtag` and `hashtag:local`. */
  tag?: string;
  list?: string;
}

/** The `stream` array of a WebSocket message, as Mastodon sends it (`["hashtag", "salud"]`). */
export function streamLabel(key: StreamKey): string[] {
  if (key.tag !== undefined) return [key.name, key.tag];
  if (key.list !== undefined) return [key.name, key.list];
  return [key.name];
}

export const streamId = (key: StreamKey) => streamLabel(key).join('\u0000');

/**
 * The scope a token needs for a stream: `read` covers all; otherwise `read:notifications` for
 * the notifications stream and `read:statuses` for every other one, as in Mastodon.
 */
export function scopeForStream(name: StreamName): string {
  return name === 'user:notification' ? 'read:notifications' : 'read:statuses';
}

const isStreamName = (name: string): name is StreamName => (STREAM_NAMES as readonly string[]).includes(name);

/**
 * Parses a stream and its parameters, with Mastodon's errors: 400 for an unknown stream or a
 * hashtag stream without a tag; lists are looked up by the caller (404 when not the viewer's).
 */
export function parseStream(name: string | undefined, params: { tag?: string | undefined; list?: string | undefined }): StreamKey {
  if (!name || !isStreamName(name)) throw new AppError('bad_request', 'Unknown stream type');
  if (name === 'hashtag' || name === 'hashtag:local') {
    const tag = params.tag?.replace(/^#/, '').trim().toLowerCase();
    if (!tag || tag.length > 100) throw new AppError('bad_request', 'No tag for stream provided');
    return { name, tag };
  }
  if (name === 'list') {
    if (!params.list || !/^\d{1,19}$/.test(params.list)) throw new AppError('bad_request', 'No list for stream provided');
    return { name, list: params.list };
  }
  return { name };
}
