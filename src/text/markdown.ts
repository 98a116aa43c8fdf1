import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Markdown to safe HTML. Raw HTML in the source is not interpreted (markdown-it `html: false`)
 * and the output is sanitised again with an allow-list, so no script, no event handler and no
 * `javascript:` link can get through. Links open safely in a new tab.
 */
const md = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false });

const ALLOWED_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 's', 'blockquote', 'code', 'pre', 'ul', 'ol', 'li',
  'h1', 'h2', 'h3', 'h4', 'hr', 'a', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { a: ['href', 'rel', 'target', 'class'], span: ['class'], code: ['class'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  transformTags: {
    a: (tagName, attribs) => {
      const internal = attribs.class?.split(/\s+/).some((c) => c === 'mention' || c === 'hashtag');
      return {
        tagName,
        attribs: internal ? attribs : { ...attribs, rel: 'nofollow noopener noreferrer', target: '_blank' },
      };
    },
  },
};

/** Renders trusted-structure markdown (articles, bios) to sanitised HTML. */
export function renderMarkdown(source: string): string {
  return sanitizeHtml(md.render(source), sanitizeOptions);
}

/** Sanitises HTML produced elsewhere (e.g. after links were added) with the same allow-list. */
export function sanitize(html: string): string {
  return sanitizeHtml(html, sanitizeOptions);
}

/** Escapes text for HTML. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** Plain text of some HTML (for descriptions, previews and search). */
export function htmlToText(html: string): string {
  return sanitizeHtml(html.replace(/<\/(p|li|h\d|blockquote)>|<br\s*\/?>/gi, '\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
