import type { FullFilter } from './filters.repository.js';
import type { FilterAction, FilterContext } from './filters.table.js';

/** Mastodon's FilterKeyword entity. */
export interface MastodonFilterKeyword {
  id: string;
  keyword: string;
  whole_word: boolean;
}

/** Mastodon's FilterStatus entity. */
export interface MastodonFilterStatus {
  id: string;
  status_id: string;
}

/** Mastodon's (v2) Filter entity. */
export interface MastodonFilter {
  id: string;
  title: string;
  context: FilterContext[];
  expires_at: string | null;
  filter_action: FilterAction;
  keywords: MastodonFilterKeyword[];
  statuses: MastodonFilterStatus[];
}

/** Mastodon's v1 Filter entity: one keyword of a v2 filter, read as a filter of its own. */
export interface MastodonV1Filter {
  id: string;
  phrase: string;
  context: FilterContext[];
  whole_word: boolean;
  expires_at: string | null;
  irreversible: boolean;
}

/** Mastodon's FilterResult: which filter matched a status, and by which keywords or statuses. */
export interface MastodonFilterResult {
  filter: MastodonFilter;
  keyword_matches: string[] | null;
  status_matches: string[] | null;
}

export function toMastodonFilter({ filter, keywords, statuses }: FullFilter): MastodonFilter {
  return {
    id: filter.id,
    title: filter.title,
    context: filter.context,
    expires_at: filter.expires_at ? filter.expires_at.toISOString() : null,
    filter_action: filter.filter_action,
    keywords: keywords.map((k) => ({ id: k.id, keyword: k.keyword, whole_word: k.whole_word })),
    statuses: statuses.map((s) => ({ id: s.id, status_id: s.status_id })),
  };
}

/** The v1 filters of a v2 filter: one per keyword, with the filter's context, expiry and action. */
export function toV1Filters(full: FullFilter): MastodonV1Filter[] {
  return full.keywords.map((k) => ({
    id: k.id,
    phrase: k.keyword,
    context: full.filter.context,
    whole_word: k.whole_word,
    expires_at: full.filter.expires_at ? full.filter.expires_at.toISOString() : null,
    irreversible: full.filter.filter_action === 'hide',
  }));
}
