import { labelOf, SPECIALTIES } from '../../accounts/specialties.js';
import type { PromotionEntity } from '../../promotions/promotion-entity.js';
import { formatDate, formatNumber, t, type Lang } from '../i18n/i18n.js';

export const PROMOTIONS_PATH = '/promotions';

/** A number of credits as people of that language write it (up to three decimals). */
export function creditsText(lang: Lang, n: number): string {
  return t(lang, 'promotions.credits', { n: new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', { maximumFractionDigits: 3 }).format(n) });
}

/** What a promotion's state means now: an approved one is scheduled, running, or past its end. */
export function stateKey(p: Pick<PromotionEntity, 'state' | 'starts_at' | 'ends_at'>): 'promotions.state.pending' | 'promotions.state.running' | 'promotions.state.scheduled' | 'promotions.state.rejected' | 'promotions.state.cancelled' | 'promotions.state.completed' {
  if (p.state === 'approved') return new Date(p.starts_at).getTime() > Date.now() ? 'promotions.state.scheduled' : 'promotions.state.running';
  return `promotions.state.${p.state}`;
}

export function StateBadge({ lang, promotion }: { lang: Lang; promotion: Pick<PromotionEntity, 'state' | 'starts_at' | 'ends_at'> }) {
  const key = stateKey(promotion);
  return <span class={`badge promotion-state promotion-state-${key.split('.').at(-1)}`}>{t(lang, key)}</span>;
}

/** The last day a promotion runs (its end is the instant after it). */
export function DateRange({ lang, promotion }: { lang: Lang; promotion: Pick<PromotionEntity, 'starts_at' | 'ends_at'> }) {
  const lastDay = new Date(new Date(promotion.ends_at).getTime() - 1);
  return <>{t(lang, 'promotions.dateRange', { from: formatDate(lang, promotion.starts_at), to: formatDate(lang, lastDay) })}</>;
}

export function Targets({ lang, targets }: { lang: Lang; targets: PromotionEntity['targets'] }) {
  const parts: [string, string[]][] = [
    [t(lang, 'promotions.targets.specialties'), targets.specialties.map((c) => labelOf(SPECIALTIES, c, lang) ?? c)],
    [t(lang, 'promotions.targets.countries'), targets.countries],
    [t(lang, 'promotions.targets.cities'), targets.cities.map((c) => c.replace(/(^|\s)\p{L}/gu, (m) => m.toUpperCase()))],
    [t(lang, 'promotions.targets.tags'), targets.tags.map((tag) => `#${tag}`)],
  ];
  const set = parts.filter(([, values]) => values.length > 0);
  if (set.length === 0) return <>{t(lang, 'promotions.targets.everyone')}</>;
  return (
    <ul class="plain-list promotion-targets">
      {set.map(([name, values]) => (
        <li>
          {name}: {values.join(', ')}
        </li>
      ))}
    </ul>
  );
}

/** Impressions, clicks, CTR, spend and what is left, as a row of figures. */
export function Figures({ lang, results }: { lang: Lang; results: PromotionEntity['results'] }) {
  const items: [string, string][] = [
    [t(lang, 'promotions.impressions'), formatNumber(lang, results.impressions)],
    [t(lang, 'promotions.clicks'), formatNumber(lang, results.clicks)],
    [t(lang, 'promotions.ctr'), `${new Intl.NumberFormat(lang === 'es' ? 'es-ES' : 'en-GB', { maximumFractionDigits: 1 }).format(results.ctr * 100)} %`],
    [t(lang, 'promotions.spent'), creditsText(lang, results.spent_credits)],
    [results.refunded_credits !== null ? t(lang, 'promotions.refunded') : t(lang, 'promotions.remaining'), creditsText(lang, results.refunded_credits ?? results.remaining_credits)],
  ];
  return (
    <dl class="promotion-figures">
      {items.map(([name, value]) => (
        <div>
          <dt>{name}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
