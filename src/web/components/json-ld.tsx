import { raw } from 'hono/html';

/**
 * schema.org structured data for search engines. Data blocks are not executed, so the CSP's
 * `script-src 'self'` does not apply; `<` is escaped so user text can never close the element.
 */
export function JsonLd({ data }: { data: Record<string, unknown> }) {
  const json = JSON.stringify({ '@context': 'https://schema.org', ...data }).replace(/</g, '\\u003c');
  return <script type="application/ld+json">{raw(json)}</script>;
}
