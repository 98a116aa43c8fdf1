import type { AppContext } from '../app-context.js';
import { daysOf, endOfDay, startOfDay, type DayRange } from './analytics-range.js';
import type { AnalyticsSectionProvider, AnalyticsTable, SectionInput, TableColumn } from './analytics-sections.js';
import { findEngagerDays, findItemEngagers, findItemFacts, findItemViews, findTopViewed, findViewDays } from './analytics.repository.js';

/** How many posts and articles each top list shows. */
export const TOP_ITEMS = 10;

/** engagers / views, or null when there was no view to relate them to. */
export const engagementRate = (engagers: number, views: number): number | null => (views > 0 ? engagers / views : null);

/** One day of reach: views (posts, articles), distinct engaging accounts and their ratio. */
export interface ReachPoint {
  day: string;
  posts: number;
  articles: number;
  views: number;
  engagers: number;
  rate: number | null;
}

/** Views and engagement of an account per day of the range (every day, zeros included). */
export async function reachSeries(app: AppContext, accountId: string, range: DayRange): Promise<ReachPoint[]> {
  const [views, engagers] = await Promise.all([findViewDays(app.db, accountId, range.from, range.to), findEngagerDays(app.db, accountId, startOfDay(range.from), endOfDay(range.to))]);
  const v = new Map(views.map((r) => [r.day, { posts: Number(r.posts), articles: Number(r.articles) }]));
  const e = new Map(engagers.map((r) => [r.day, r.engagers]));
  return daysOf(range).map((day) => {
    const { posts, articles } = v.get(day) ?? { posts: 0, articles: 0 };
    const n = e.get(day) ?? 0;
    return { day, posts, articles, views: posts + articles, engagers: n, rate: engagementRate(n, posts + articles) };
  });
}

/** A line of a top list: which post or article, where it is, and how it did in the range. */
export interface TopItem {
  status_id: string;
  kind: 'note' | 'article';
  text: string;
  path: string;
  published: string;
  views: number;
  engagers: number;
  rate: number | null;
}

const excerpt = (text: string, max = 80): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};

/** The top posts and articles of the range, by views and by distinct engaging accounts. */
export async function topItems(app: AppContext, input: SectionInput): Promise<{ byViews: TopItem[]; byEngagement: TopItem[] }> {
  const { owner, range } = input;
  const since = startOfDay(range.from);
  const until = endOfDay(range.to);
  const [viewed, engaged] = await Promise.all([findTopViewed(app.db, owner.accountId, range.from, range.to, TOP_ITEMS), findItemEngagers(app.db, owner.accountId, since, until, { limit: TOP_ITEMS })]);
  const ids = [...new Set([...viewed.map((r) => r.status_id), ...engaged.map((r) => r.status_id)])];
  const [views, engagers, facts] = await Promise.all([findItemViews(app.db, ids, range.from, range.to), findItemEngagers(app.db, owner.accountId, since, until, { ids }), findItemFacts(app.db, ids)]);
  const viewsOf = new Map(views.map((r) => [r.status_id, Number(r.views)]));
  const engagersOf = new Map(engagers.map((r) => [r.status_id, r.engagers]));
  const factsOf = new Map(facts.map((f) => [f.id, f]));
  const item = (id: string): TopItem[] => {
    const f = factsOf.get(id);
    if (!f) return [];
    const v = viewsOf.get(id) ?? 0;
    const n = engagersOf.get(id) ?? 0;
    const text = f.kind === 'article' ? f.title : f.spoiler_text || f.content_source;
    return [{ status_id: id, kind: f.kind, text: excerpt(text) || '—', path: `/@${owner.username}/${id}`, published: f.created_at.toISOString().slice(0, 10), views: v, engagers: n, rate: engagementRate(n, v) }];
  };
  return { byViews: viewed.flatMap((r) => item(r.status_id)), byEngagement: engaged.flatMap((r) => item(r.status_id)) };
}

const TOP_COLUMNS: TableColumn[] = [
  { key: 'text', label: 'analytics.top.item', format: 'text', linkKey: 'path' },
  { key: 'kind', label: 'analytics.top.kind', format: 'text' },
  { key: 'published', label: 'analytics.top.published', format: 'day' },
  { key: 'views', label: 'analytics.top.views', format: 'count' },
  { key: 'engagers', label: 'analytics.top.engagers', format: 'count' },
  { key: 'rate', label: 'analytics.top.rate', format: 'percent' },
];

function topTable(id: string, title: AnalyticsTable['title'], items: TopItem[]): AnalyticsTable {
  return { id, title, columns: TOP_COLUMNS, rows: items.map((i) => ({ ...i, kind: i.kind === 'article' ? 'article' : 'post' })), empty: 'analytics.top.empty' };
}

export const reachSection: AnalyticsSectionProvider = {
  id: 'reach',
  async load(app, input) {
    const [points, top] = await Promise.all([reachSeries(app, input.owner.accountId, input.range), topItems(app, input)]);
    const views = points.reduce((n, p) => n + p.views, 0);
    const engagers = points.reduce((n, p) => n + p.engagers, 0);
    return {
      id: 'reach',
      title: 'analytics.reach.title',
      figures: [
        { key: 'views', label: 'analytics.reach.views', value: views, format: 'count' },
        { key: 'engagers', label: 'analytics.reach.engagers', value: engagers, format: 'count', hint: 'analytics.reach.engagersHint' },
        { key: 'engagement_rate', label: 'analytics.reach.rate', value: engagementRate(engagers, views), format: 'percent', hint: 'analytics.reach.rateHint' },
      ],
      charts: [
        {
          id: 'views',
          title: 'analytics.reach.viewsChart',
          kind: 'bars',
          series: [
            { key: 'posts', label: 'analytics.reach.postViews', format: 'count' },
            { key: 'articles', label: 'analytics.reach.articleViews', format: 'count' },
          ],
          rows: points.map((p) => ({ day: p.day, values: { posts: p.posts, articles: p.articles } })),
          note: 'analytics.reach.viewsNote',
        },
        {
          id: 'engagement',
          title: 'analytics.reach.engagementChart',
          kind: 'line',
          series: [
            { key: 'rate', label: 'analytics.reach.rateSeries', format: 'percent' },
            { key: 'engagers', label: 'analytics.reach.engagersSeries', format: 'count' },
            { key: 'views', label: 'analytics.reach.viewsSeries', format: 'count', hidden: true },
          ],
          rows: points.map((p) => ({ day: p.day, values: { rate: p.rate, engagers: p.engagers, views: p.views } })),
          note: 'analytics.reach.engagementNote',
        },
      ],
      tables: [topTable('top_by_views', 'analytics.top.byViews', top.byViews), topTable('top_by_engagement', 'analytics.top.byEngagement', top.byEngagement)],
    };
  },
};
