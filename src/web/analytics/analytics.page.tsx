import type { Hono } from 'hono';
import type { AppContext } from '../../app-context.js';
import { PRESET_DAYS, rangeQuery, resolveRange, type RangeQuery } from '../../analytics/analytics-range.js';
import type { AnalyticsChart, AnalyticsSection, AnalyticsTable } from '../../analytics/analytics-sections.js';
import { csvPath } from '../../analytics/analytics.serializer.js';
import { loadDashboard, type Dashboard } from '../../analytics/analytics.service.js';
import { AppError } from '../../errors.js';
import type { HonoEnv } from '../../http/hono-env.js';
import { detailsToFieldErrors, errorText } from '../errors/error-text.js';
import type { FieldErrors } from '../components/form-fields.js';
import { signInRedirect } from '../forms.js';
import { formatDate, t, type Lang, type MessageKey } from '../i18n/i18n.js';
import { renderPage } from '../layout.js';
import { staticUrl } from '../static.js';
import type { WebContext } from '../web-context.js';
import { formatDay, formatValue } from './analytics-format.js';
import { chartLibrary } from './chart-library.js';

export const ANALYTICS_PATH = '/estadisticas';

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** The range form: preset links, then custom dates (kept as typed when refused). */
function RangeForm({ lang, query, dashboard, errors }: { lang: Lang; query: RangeQuery; dashboard?: Dashboard | undefined; errors: FieldErrors }) {
  const preset = dashboard?.range.preset ?? null;
  const dateInput = (name: 'from' | 'to', label: MessageKey) => {
    const typed = query[name] ?? (dashboard && !query.from && !query.to ? dashboard.range[name] : '');
    // A value a date input cannot hold would vanish from it: show it as text to be corrected.
    const type = !typed || DAY_TEXT.test(typed) ? 'date' : 'text';
    const error = errors[name];
    return (
      <div class={`field${error ? ' field-invalid' : ''}`}>
        <label for={`range-${name}`}>{t(lang, label)}</label>
        <input id={`range-${name}`} name={name} type={type} value={typed} placeholder="AAAA-MM-DD" maxlength={40} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `range-${name}-error` : undefined} />
        {error ? (
          <p class="field-error" id={`range-${name}-error`}>
            {error}
          </p>
        ) : null}
      </div>
    );
  };
  return (
    <div class="card analytics-range">
      <nav aria-label={t(lang, 'analytics.range.legend')}>
        <ul class="analytics-presets">
          {PRESET_DAYS.map((days) => (
            <li>
              <a class="button button-small button-secondary" href={`${ANALYTICS_PATH}?days=${days}`} aria-current={preset === days ? 'page' : undefined}>
                {t(lang, 'analytics.range.days', { days })}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form method="get" action={ANALYTICS_PATH} class="analytics-custom" novalidate>
        <fieldset>
          <legend>{t(lang, 'analytics.range.custom')}</legend>
          {errors.days ? <p class="field-error">{errors.days}</p> : null}
          <div class="analytics-custom-fields">
            {dateInput('from', 'analytics.range.from')}
            {dateInput('to', 'analytics.range.to')}
            <button type="submit" class="button">{t(lang, 'analytics.range.apply')}</button>
          </div>
        </fieldset>
      </form>
      {dashboard ? <p class="analytics-showing">{t(lang, 'analytics.range.showing', { from: formatDay(lang, dashboard.range.from), to: formatDay(lang, dashboard.range.to), days: dashboard.range.days })}</p> : null}
    </div>
  );
}

/** The data a chart script reads: JSON in a non-executed script element (CSP: no inline code runs). */
function chartJson(lang: Lang, chart: AnalyticsChart): string {
  const data = {
    lang,
    dayLabel: t(lang, 'analytics.table.day'),
    kind: chart.kind,
    days: chart.rows.map((r) => r.day),
    series: chart.series.map((s) => ({ key: s.key, label: t(lang, s.label), format: s.format, hidden: Boolean(s.hidden), values: chart.rows.map((r) => r.values[s.key] ?? null) })),
  };
  // `<` escaped so that no text can close the element early.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

function ChartFigure({ lang, chart, range }: { lang: Lang; chart: AnalyticsChart; range: Dashboard['range'] }) {
  const title = t(lang, chart.title);
  const id = `chart-${chart.id}`;
  return (
    <figure class="card analytics-chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h3 id={`${id}-title`}>{title}</h3>
      </figcaption>
      <div class="analytics-canvas" data-chart={`${id}-data`} role="img" aria-label={t(lang, 'analytics.chartLabel', { title })}></div>
      <script type="application/json" id={`${id}-data`} dangerouslySetInnerHTML={{ __html: chartJson(lang, chart) }}></script>
      {chart.note ? <p class="field-hint">{t(lang, chart.note)}</p> : null}
      {/* Open without the script (no chart then); the script closes it once the chart is drawn. */}
      <details class="analytics-data" open>
        <summary>{t(lang, 'analytics.table.show')}</summary>
        <div class="analytics-table-wrap">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t(lang, 'analytics.table.day')}</th>
                {chart.series.map((s) => (
                  <th scope="col">{t(lang, s.label)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {chart.rows.map((r) => (
                <tr>
                  <th scope="row">
                    <time datetime={r.day}>{formatDay(lang, r.day)}</time>
                  </th>
                  {chart.series.map((s) => (
                    <td>{formatValue(lang, r.values[s.key], s.format)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
      <p>
        <a href={csvPath(chart.id, range)} download>
          {t(lang, 'analytics.csv')} ({chart.id}.csv)
        </a>
      </p>
    </figure>
  );
}

function DataTable({ lang, table, range }: { lang: Lang; table: AnalyticsTable; range: Dashboard['range'] }) {
  const cell = (row: AnalyticsTable['rows'][number], col: AnalyticsTable['columns'][number]) => {
    const value = row[col.key];
    if (col.format === 'day') return typeof value === 'string' ? <time datetime={value}>{formatDay(lang, value)}</time> : '—';
    if (col.format === 'text') {
      const text = col.key === 'kind' && (value === 'post' || value === 'article') ? t(lang, `analytics.kind.${value}`) : String(value ?? '');
      const href = col.linkKey ? row[col.linkKey] : null;
      return typeof href === 'string' && href.startsWith('/') ? <a href={href}>{text}</a> : text;
    }
    return formatValue(lang, typeof value === 'number' ? value : null, col.format);
  };
  return (
    <div class="card analytics-top">
      <h3 id={`table-${table.id}`}>{t(lang, table.title)}</h3>
      {table.rows.length ? (
        <div class="analytics-table-wrap">
          <table aria-labelledby={`table-${table.id}`}>
            <thead>
              <tr>
                {table.columns.map((c) => (
                  <th scope="col">{t(lang, c.label)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr>
                  {table.columns.map((c) => (
                    <td>{cell(r, c)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p class="empty-state">{t(lang, table.empty)}</p>
      )}
      <p>
        <a href={csvPath(table.id, range)} download>
          {t(lang, 'analytics.csv')} ({table.id}.csv)
        </a>
      </p>
    </div>
  );
}

function Section({ lang, section, range }: { lang: Lang; section: AnalyticsSection; range: Dashboard['range'] }) {
  return (
    <section class="analytics-section" aria-labelledby={`section-${section.id}`} id={section.id}>
      <h2 id={`section-${section.id}`}>{t(lang, section.title)}</h2>
      {section.figures.length ? (
        <dl class="analytics-figures">
          {section.figures.map((f) => (
            <div class="card analytics-figure">
              <dt>{t(lang, f.label)}</dt>
              <dd data-figure={`${section.id}.${f.key}`}>{formatValue(lang, f.value, f.format)}</dd>
              {f.hint ? <p class="field-hint">{t(lang, f.hint)}</p> : null}
            </div>
          ))}
        </dl>
      ) : null}
      <div class="analytics-charts">
        {section.charts.map((chart) => (
          <ChartFigure lang={lang} chart={chart} range={range} />
        ))}
      </div>
      {section.tables.map((table) => (
        <DataTable lang={lang} table={table} range={range} />
      ))}
    </section>
  );
}

async function analyticsPage(c: WebContext, app: AppContext) {
  const viewer = c.get('viewer');
  if (!viewer || viewer.mfaPending) return signInRedirect(c);
  const lang = c.get('lang');
  const parsed = rangeQuery.safeParse(Object.fromEntries(new URL(c.req.url).searchParams));
  const query: RangeQuery = parsed.success ? parsed.data : {};
  let dashboard: Dashboard | undefined;
  let errors: FieldErrors = {};
  let status: 200 | 403 | 422 = 200;
  let refusal: string | null = null;
  try {
    if (!parsed.success) throw new AppError('validation_failed', 'Validation failed', { details: [{ field: 'from', message: 'is not valid', key: 'analytics.error.day' }] });
    dashboard = await loadDashboard(app, viewer, resolveRange(query));
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (err.code === 'validation_failed') {
      errors = detailsToFieldErrors(lang, err.details ?? []);
      status = 422;
    } else if (err.code === 'forbidden') {
      refusal = errorText(lang, err);
      status = 403;
    } else throw err;
  }
  const head = (
    <>
      <link rel="stylesheet" href={chartLibrary.style.url} integrity={chartLibrary.style.integrity} crossorigin="anonymous" />
      <link rel="stylesheet" href={staticUrl('analytics.css')} />
      <script src={chartLibrary.script.url} integrity={chartLibrary.script.integrity} crossorigin="anonymous" defer></script>
      <script src={staticUrl('analytics.js')} defer></script>
    </>
  );
  const started = dashboard && dashboard.range.from < dashboard.startedAt.toISOString().slice(0, 10);
  return renderPage(
    c,
    { title: t(lang, 'analytics.title'), noindex: true, section: 'analytics', head: refusal ? undefined : head },
    <section class="analytics-page">
      <header class="page-header">
        <h1>{t(lang, 'analytics.title')}</h1>
        {refusal ? null : <p>{t(lang, 'analytics.lead')}</p>}
      </header>
      {refusal ? (
        <p class="card">{refusal}</p>
      ) : (
        <>
          {status === 422 ? (
            <div class="flash flash-error" role="alert">
              <p>{t(lang, 'error.formHasErrors')}</p>
            </div>
          ) : null}
          <RangeForm lang={lang} query={query} dashboard={dashboard} errors={errors} />
          <p class="analytics-privacy field-hint">{t(lang, 'analytics.privacy')}</p>
          {started && dashboard ? <p class="flash flash-info">{t(lang, 'analytics.startedOn', { date: formatDate(lang, dashboard.startedAt) })}</p> : null}
          {dashboard?.sections.map((section) => (
            <Section lang={lang} section={section} range={dashboard.range} />
          ))}
        </>
      )}
    </section>,
    status,
  );
}

/** `/estadisticas`: the statistics dashboard of a professional or organisation (its own). */
export function mountAnalyticsPages(hono: Hono<HonoEnv>, app: AppContext): void {
  hono.get(ANALYTICS_PATH, (c) => analyticsPage(c, app));
}
