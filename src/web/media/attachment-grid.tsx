import type { MastodonMediaAttachment } from '../../media/media-entity.js';
import { t, type Lang } from '../i18n/i18n.js';

/** Images and videos of an answer or a group post, with their descriptions as alternative text. */
export function AttachmentGrid({ media, lang }: { media: readonly MastodonMediaAttachment[]; lang: Lang }) {
  // An upload still being processed has no address yet: it shows once ready.
  const shown = media.filter((m): m is MastodonMediaAttachment & { url: string } => (m.type === 'image' || m.type === 'video') && m.url !== null);
  if (shown.length === 0) return null;
  return (
    <div class={`media-grid media-count-${Math.min(shown.length, 4)}`}>
      {shown.map((m) =>
        m.type === 'video' ? (
          <video src={m.url} poster={m.preview_url ?? undefined} controls preload="metadata" aria-label={m.description || t(lang, 'status.media')}></video>
        ) : (
          <a href={m.url}>
            <img src={m.preview_url || m.url} alt={m.description ?? ''} loading="lazy" decoding="async" />
          </a>
        ),
      )}
    </div>
  );
}
