import { z } from 'zod';
import { zId } from './schemas.js';

/** Mastodon's cursor parameters. Ids are compared as numbers (bigint ids as strings). */
export const pageQuery = (defaultLimit = 20, maxLimit = 40) =>
  z.object({
    max_id: zId.optional(),
    since_id: zId.optional(),
    min_id: zId.optional(),
    limit: z.coerce.number().int().min(1).default(defaultLimit).transform((n) => Math.min(n, maxLimit)),
  });

export type PageQuery = z.infer<ReturnType<typeof pageQuery>>;

/**
 * The Link header Mastodon clients follow: `next` pages back in time (max_id = oldest cursor on
 * this page), `prev` pages forward (min_id = newest). `cursors` are the page's cursor values in
 * display order (newest first). No header when the page is empty.
 */
export function linkHeader(requestUrl: string, cursors: string[]): string | undefined {
  if (cursors.length === 0) return undefined;
  const make = (param: 'max_id' | 'min_id', value: string) => {
    const url = new URL(requestUrl);
    for (const p of ['max_id', 'min_id', 'since_id']) url.searchParams.delete(p);
    url.searchParams.set(param, value);
    return url.toString();
  };
  return `<${make('max_id', cursors[cursors.length - 1]!)}>; rel="next", <${make('min_id', cursors[0]!)}>; rel="prev"`;
}
