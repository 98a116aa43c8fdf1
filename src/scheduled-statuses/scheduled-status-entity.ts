import type { Config } from '../config.js';
import { toMediaAttachment, type MastodonMediaAttachment, type MediaEntityFields } from '../media/media-entity.js';
import type { ScheduledStatusRow } from './scheduled-statuses.repository.js';

/** Mastodon's ScheduledStatus entity (https://docs.joinmastodon.org/entities/ScheduledStatus/). */
export interface MastodonScheduledStatus {
  id: string;
  scheduled_at: string;
  params: {
    text: string;
    poll: { options: string[]; expires_in: string; multiple: boolean; hide_totals: boolean } | null;
    media_ids: string[] | null;
    sensitive: boolean | null;
    spoiler_text: string | null;
    visibility: string;
    in_reply_to_id: string | null;
    language: string | null;
    application_id: string | null;
    scheduled_at: null;
    idempotency: string | null;
    with_rate_limit: boolean;
  };
  media_attachments: MastodonMediaAttachment[];
}

export function toScheduledStatus(row: ScheduledStatusRow, media: MediaEntityFields[], config: Config): MastodonScheduledStatus {
  const p = row.params;
  return {
    id: row.id,
    scheduled_at: row.scheduled_at.toISOString(),
    params: {
      text: p.status ?? '',
      poll: p.poll ? { options: p.poll.options, expires_in: String(p.poll.expires_in), multiple: p.poll.multiple ?? false, hide_totals: p.poll.hide_totals ?? false } : null,
      media_ids: p.media_ids?.length ? p.media_ids : null,
      sensitive: p.sensitive ?? null,
      spoiler_text: p.spoiler_text ?? null,
      visibility: p.visibility ?? 'public',
      in_reply_to_id: p.in_reply_to_id ?? null,
      language: p.language ?? null,
      application_id: row.application_id,
      scheduled_at: null,
      idempotency: p.idempotency,
      with_rate_limit: false,
    },
    media_attachments: media.map((m) => toMediaAttachment(m, config)),
  };
}
