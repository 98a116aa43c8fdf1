import { z } from 'zod';
import { notFound } from '../errors.js';
import { defineRoute, type AnyRoute } from '../http/route.js';
import { escapeHtml } from '../text/markdown.js';
import { getVisibleStatus } from './status-views.js';

/** The status id in one of Medired's status addresses: `/@handle/:id` or `/users/:handle/statuses/:id`. */
function statusIdOf(url: string, publicUrl: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.origin !== new URL(publicUrl).origin) return null;
  const match = /^\/(?:@[A-Za-z0-9_]{1,30}|users\/[A-Za-z0-9_]{1,30}\/statuses)\/(\d{1,19})\/?$/.exec(parsed.pathname);
  return match ? match[1]! : null;
}

/**
 * Mastodon's oEmbed (`GET /api/oembed?url=`): a rich preview of a public status of this server for
 * other sites, a quotation of it with a link back. What an anonymous visitor may see only; any
 * other address is Mastodon's 404.
 */
const oembed = defineRoute({
  method: 'get',
  path: '/api/oembed',
  summary: 'oEmbed preview of a public status (url = the status page)',
  tags: ['statuses'],
  auth: 'none',
  query: z.object({
    url: z.string().max(2000),
    maxwidth: z.coerce.number().int().min(100).max(2000).optional(),
    maxheight: z.coerce.number().int().min(100).max(4000).optional(),
  }),
  errors: ['not_found'],
  handler: async ({ app, query }) => {
    const id = statusIdOf(query.url, app.config.publicUrl);
    if (!id) throw notFound('Status');
    const status = await getVisibleStatus(app, id, null);
    if (status.visibility !== 'public' && status.visibility !== 'unlisted') throw notFound('Status');
    const author = status.account;
    const name = author.display_name || author.username;
    const width = query.maxwidth ?? 400;
    const html =
      `<blockquote class="medired-embed" style="max-width: 100%; width: ${width}px" cite="${escapeHtml(status.url ?? query.url)}">` +
      `${status.spoiler_text ? `<p>${escapeHtml(status.spoiler_text)}</p>` : status.content}` +
      `<footer>— ${escapeHtml(name)} (@${escapeHtml(author.acct)}), <a href="${escapeHtml(status.url ?? query.url)}">${escapeHtml(status.created_at.slice(0, 10))}</a></footer></blockquote>`;
    return {
      type: 'rich',
      version: '1.0',
      title: `New status by ${author.username}`,
      author_name: name,
      author_url: author.url,
      provider_name: new URL(app.config.publicUrl).host,
      provider_url: `${app.config.publicUrl}/`,
      cache_age: 86_400,
      html,
      width,
      height: query.maxheight ?? null,
    };
  },
});

export const oembedRoutes: AnyRoute[] = [oembed];
