import type { MailMessage } from './mailer.js';

/** Escapes text for HTML. */
function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

/** A mail's content: paragraphs of text, an optional button link, and a footer line. */
export interface MailContent {
  to: string;
  subject: string;
  /** Paragraphs before the link. */
  paragraphs: string[];
  /** The one action of the mail, shown as a link (and as the full URL in the text part). */
  action?: { label: string; url: string };
  /** Paragraphs after the link (e.g. "if you did not ask for this, ignore this mail"). */
  after?: string[];
  footer: string;
  headers?: Record<string, string>;
}

/**
 * Builds the plain-text and the simple HTML part from the same content. No images, no remote
 * resources, no tracking pixels or redirecting links: every link is the plain URL of the page.
 */
export function buildMail(content: MailContent): MailMessage {
  const after = content.after ?? [];
  const text = [
    ...content.paragraphs,
    ...(content.action ? [`${content.action.label}:\n${content.action.url}`] : []),
    ...after,
    `--\n${content.footer}`,
  ].join('\n\n');
  const p = (s: string) => `<p>${escapeHtml(s).replace(/\n/g, '<br>')}</p>`;
  const html = [
    '<!doctype html><html><body style="font-family: sans-serif; line-height: 1.5; color: #1a1a1a;">',
    ...content.paragraphs.map(p),
    ...(content.action ? [`<p><a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.label)}</a></p>`, `<p style="font-size: small; color: #555;">${escapeHtml(content.action.url)}</p>`] : []),
    ...after.map(p),
    `<hr><p style="font-size: small; color: #555;">${escapeHtml(content.footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return { to: content.to, subject: content.subject, text, html, ...(content.headers ? { headers: content.headers } : {}) };
}
