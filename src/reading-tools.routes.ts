import { domainBlockRoutes } from './domain-blocks/domain-blocks.routes.js';
import { endorsementRoutes } from './endorsements/endorsements.routes.js';
import { exploreRoutes } from './explore/explore.routes.js';
import { filterRoutes } from './filters/filters.routes.js';
import type { AnyRoute } from './http/route.js';
import { listRoutes } from './lists/lists.routes.js';
import { tagRoutes } from './tags/tags.routes.js';

/**
 * Mastodon's tools for shaping what one reads: filters, lists, followed and featured tags,
 * endorsements and familiar followers, suggestions and trends, domain blocks.
 */
export const readingToolRoutes: AnyRoute[] = [...filterRoutes, ...listRoutes, ...tagRoutes, ...endorsementRoutes, ...exploreRoutes, ...domainBlockRoutes];
