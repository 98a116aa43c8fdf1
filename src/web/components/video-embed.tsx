import { videoEmbedsIn, type VideoEmbed } from '../../text/video-embeds.js';
import { t, type Lang } from '../i18n/i18n.js';

const SITE = { youtube: { site: 'YouTube', host: 'youtube-nocookie.com', title: 'media.embed.youtube' }, vimeo: { site: 'Vimeo', host: 'player.vimeo.com', title: 'media.embed.vimeo' } } as const;

/**
 * A click-to-load placeholder for a YouTube or Vimeo video: no thumbnail, script or frame from
 * the provider until the visitor asks for it. With JavaScript (`app.js`), the click swaps the
 * placeholder for the player's iframe (`data-embed-src`, a `frame-src` the CSP allows); without
 * it, the placeholder is a plain link to the video on the provider's site.
 */
export function VideoEmbedPlaceholder({ embed, lang }: { embed: VideoEmbed; lang: Lang }) {
  const site = SITE[embed.provider];
  const title = t(lang, site.title);
  return (
    <figure class={`video-embed video-embed-${embed.provider}`} data-embed-src={embed.embedUrl} data-embed-title={title}>
      <a class="video-embed-placeholder" href={embed.watchUrl} target="_blank" rel="nofollow noopener noreferrer" data-embed-play="">
        <span class="video-embed-play" aria-hidden="true">
          ▶
        </span>
        <span class="video-embed-title">{title}</span>
        <span class="visually-hidden">{t(lang, 'media.embed.play')}</span>
      </a>
      <figcaption class="video-embed-note">
        {t(lang, 'media.embed.note', { host: site.host, site: site.site })}{' '}
        <a href={embed.watchUrl} target="_blank" rel="nofollow noopener noreferrer">
          {t(lang, 'media.embed.open', { site: site.site })}
        </a>
      </figcaption>
    </figure>
  );
}

/** Placeholders for the videos linked in some content's HTML (at most two). */
export function VideoEmbeds({ html, lang }: { html: string; lang: Lang }) {
  const embeds = videoEmbedsIn(html);
  if (embeds.length === 0) return null;
  return (
    <>
      {embeds.map((embed) => (
        <VideoEmbedPlaceholder embed={embed} lang={lang} />
      ))}
    </>
  );
}
