/**
 * Videos of YouTube and Vimeo recognised in a post's links, by URL pattern only: nothing is
 * fetched from those sites to recognise them (no oEmbed, no thumbnail). The web page shows a
 * placeholder and loads the player only when the visitor clicks (`VideoEmbed`).
 */
export type VideoProvider = 'youtube' | 'vimeo';

export interface VideoEmbed {
  provider: VideoProvider;
  /** The provider's video id (YouTube: 11 characters; Vimeo: digits). */
  videoId: string;
  /** The page on the provider's site (the link the placeholder follows without JavaScript). */
  watchUrl: string;
  /** The player loaded in an iframe after the click: privacy-enhanced YouTube, Vimeo with Do Not Track. */
  embedUrl: string;
}

/** The only origins the players are loaded from; the Content-Security-Policy's `frame-src` is exactly these. */
export const VIDEO_EMBED_ORIGINS = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'] as const;

/** At most this many players per post. */
export const MAX_EMBEDS_PER_POST = 2;

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'music.youtube.com']);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com']);

function youtube(videoId: string): VideoEmbed {
  return {
    provider: 'youtube',
    videoId,
    watchUrl: `https://www.youtube.com/watch?v=${videoId}`,
    embedUrl: `https://www.youtube-nocookie.com/embed/${videoId}?autoplay=1&rel=0&dnt=1`,
  };
}

function vimeo(videoId: string): VideoEmbed {
  return { provider: 'vimeo', videoId, watchUrl: `https://vimeo.com/${videoId}`, embedUrl: `https://player.vimeo.com/video/${videoId}?dnt=1&autoplay=1` };
}

/**
 * The video a link points to: `youtube.com/watch?v=ID`, `youtu.be/ID`, `youtube.com/shorts/ID`
 * and `vimeo.com/<digits>`, over https or http; anything else is null.
 */
export function videoEmbedOf(href: string): VideoEmbed | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  if (url.username || url.password || url.port) return null;
  const host = url.hostname.toLowerCase();
  const segments = url.pathname.split('/').filter(Boolean);
  if (YOUTUBE_HOSTS.has(host)) {
    if (url.pathname === '/watch') {
      const id = url.searchParams.get('v') ?? '';
      return YOUTUBE_ID.test(id) ? youtube(id) : null;
    }
    if (segments.length === 2 && segments[0] === 'shorts' && YOUTUBE_ID.test(segments[1]!)) return youtube(segments[1]!);
    return null;
  }
  if (host === 'youtu.be') return segments.length === 1 && YOUTUBE_ID.test(segments[0]!) ? youtube(segments[0]!) : null;
  if (VIMEO_HOSTS.has(host)) return segments.length === 1 && /^\d{1,12}$/.test(segments[0]!) ? vimeo(segments[0]!) : null;
  return null;
}

const HREF = /<a\s[^>]*?href="([^"]*)"/gi;

function unescapeAttribute(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/** The videos linked from sanitised HTML (a post's content), in order, each once, at most `max`. */
export function videoEmbedsIn(html: string, max: number = MAX_EMBEDS_PER_POST): VideoEmbed[] {
  const found: VideoEmbed[] = [];
  const seen = new Set<string>();
  for (const match of html.matchAll(HREF)) {
    const embed = videoEmbedOf(unescapeAttribute(match[1]!));
    if (!embed) continue;
    const key = `${embed.provider}:${embed.videoId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    found.push(embed);
    if (found.length >= max) break;
  }
  return found;
}
