import { t, type Lang } from '../i18n/i18n.js';

/**
 * "Más antiguos" link to the next page of a keyset-paginated list: the current URL with
 * `max_id` set to the oldest item's cursor. Rendered only when the page was full.
 */
export function Pagination(props: { lang: Lang; url: string; nextMaxId: string | null | undefined }) {
  if (!props.nextMaxId) return null;
  const url = new URL(props.url);
  url.searchParams.set('max_id', props.nextMaxId);
  url.searchParams.delete('min_id');
  url.searchParams.delete('since_id');
  return (
    <nav class="pagination" aria-label={t(props.lang, 'pagination.label')}>
      <a href={`${url.pathname}${url.search}`} rel="next">
        {t(props.lang, 'pagination.older')} →
      </a>
    </nav>
  );
}
