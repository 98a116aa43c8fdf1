import type { Config } from '../config.js';
import { escapeHtml, renderMarkdown, sanitize } from '../text/markdown.js';
import { tagUrl } from './status-entity.js';
import { normalizeTag, tokenize } from './text-entities.js';

/** Local accounts that may be linked, by lower-case username → username as registered. */
export type MentionableAccounts = ReadonlyMap<string, string>;

function urlHtml(url: string): string {
  const match = /^(https?:\/\/(?:www\.)?)(.*)$/.exec(url)!;
  const visible = match[2]!;
  const shown = visible.length > 30 ? `<span class="ellipsis">${escapeHtml(visible.slice(0, 30))}</span><span class="invisible">${escapeHtml(visible.slice(30))}</span>` : `<span class="">${escapeHtml(visible)}</span>`;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener noreferrer"><span class="invisible">${escapeHtml(match[1]!)}</span>${shown}</a>`;
}

/** Links mentions, hashtags and (optionally) URLs in one run of plain text; returns HTML. */
function linkText(text: string, config: Config, mentionable: MentionableAccounts, linkUrls: boolean): string {
  return tokenize(text)
    .map((t) => {
      switch (t.type) {
        case 'url':
          return linkUrls ? urlHtml(t.value) : escapeHtml(t.value);
        case 'mention': {
          const username = mentionable.get(t.username.toLowerCase());
          if (!username) return escapeHtml(t.value);
          const href = `${config.publicUrl}/@${username}`;
          return `<span class="h-card"><a href="${escapeHtml(href)}" class="u-url mention">@<span>${escapeHtml(username)}</span></a></span>`;
        }
        case 'hashtag':
          return `<a href="${escapeHtml(tagUrl(config, normalizeTag(t.name)))}" class="mention hashtag" rel="tag">#<span>${escapeHtml(t.name)}</span></a>`;
        case 'text':
          return escapeHtml(t.value);
      }
    })
    .join('');
}

/**
 * A short post's plain text as Mastodon renders it: paragraphs for blank-line-separated blocks,
 * `<br />` for line breaks, everything escaped, URLs linkified, hashtags and mentions of
 * existing local accounts linked; then sanitised with the shared allow-list.
 */
export function renderNoteHtml(text: string, config: Config, mentionable: MentionableAccounts): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .trim()
    .split(/\n{2,}/)
    .filter((p) => p.trim() !== '');
  const html = paragraphs.map((p) => `<p>${p.split('\n').map((line) => linkText(line, config, mentionable, true)).join('<br />')}</p>`).join('');
  return sanitize(html);
}

const SKIP_INSIDE = new Set(['a', 'code', 'pre']);

/**
 * An article's markdown rendered by `renderMarkdown`, then hashtags and mentions linked in its
 * text (not inside links or code), and sanitised again.
 */
export function renderArticleHtml(markdown: string, config: Config, mentionable: MentionableAccounts): string {
  const html = renderMarkdown(markdown);
  const depth = new Map<string, number>();
  const out = html.split(/(<[^>]*>)/).map((part) => {
    const tag = /^<(\/?)([a-z0-9]+)/i.exec(part);
    if (tag) {
      const name = tag[2]!.toLowerCase();
      if (SKIP_INSIDE.has(name) && !part.endsWith('/>')) depth.set(name, (depth.get(name) ?? 0) + (tag[1] ? -1 : 1));
      return part;
    }
    if ([...depth.values()].some((d) => d > 0) || part === '') return part;
    // Text nodes come escaped: decode, link, and escape again.
    return linkText(decodeEntities(part), config, mentionable, false);
  });
  return sanitize(out.join(''));
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(html: string): string {
  return html.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return NAMED[e.toLowerCase()] ?? whole;
  });
}
