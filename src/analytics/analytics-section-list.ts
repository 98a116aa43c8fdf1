import type { AnalyticsSectionProvider } from './analytics-sections.js';
import { followersSection } from './followers.section.js';
import { reachSection } from './reach.section.js';
import { responsesSection } from './responses.section.js';
import { promotionsSection } from '../promotions/promotions.analytics.js';

/**
 * The dashboard's sections, in the order they are shown. To add one (e.g. promoted posts'
 * results), write an `AnalyticsSectionProvider` in its own domain and add it here: the page, the
 * JSON API and the CSV export pick it up with no other change.
 */
export const ANALYTICS_SECTIONS: readonly AnalyticsSectionProvider[] = [followersSection, reachSection, responsesSection, promotionsSection];
