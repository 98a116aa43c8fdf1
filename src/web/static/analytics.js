// The statistics dashboard's charts (src/web/analytics/analytics.page.tsx), drawn with uPlot
// (served by the app from node_modules). Progressive enhancement: without this script every
// chart's data is in the table below it. Data comes from <script type="application/json">
// elements, so the page needs no inline script (CSP script-src 'self').
(function () {
  'use strict';
  var COLOURS = ['#0b6e69', '#c2410c', '#1a5fb4', '#6d28d9'];

  function names(lang) {
    var month = function (style) {
      var f = new Intl.DateTimeFormat(lang, { month: style, timeZone: 'UTC' });
      var out = [];
      for (var m = 0; m < 12; m++) out.push(f.format(new Date(Date.UTC(2026, m, 1))));
      return out;
    };
    var weekday = function (style) {
      var f = new Intl.DateTimeFormat(lang, { weekday: style, timeZone: 'UTC' });
      var out = [];
      // 2026-11-01 is a Sunday: uPlot's names start on Sunday.
      for (var d = 0; d < 7; d++) out.push(f.format(new Date(Date.UTC(2026, 10, 1 + d))));
      return out;
    };
    return { MMMM: month('long'), MMM: month('short'), WWWW: weekday('long'), WWW: weekday('short') };
  }

  function formatter(lang, format) {
    var count = new Intl.NumberFormat(lang);
    var percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
    return function (v) {
      if (v === null || v === undefined) return '—';
      return format === 'percent' ? percent.format(v) : count.format(v);
    };
  }

  function draw(box) {
    var source = document.getElementById(box.getAttribute('data-chart'));
    if (!source || typeof window.uPlot !== 'function') return;
    var data = JSON.parse(source.textContent || '{}');
    var uPlot = window.uPlot;
    var xs = data.days.map(function (d) { return Date.parse(d + 'T00:00:00Z') / 1000; });
    var hasPercent = data.series.some(function (s) { return s.format === 'percent'; });
    var hasCount = data.series.some(function (s) { return s.format !== 'percent'; });
    var dateNames = names(data.lang);
    var bars = data.kind === 'bars' && uPlot.paths && uPlot.paths.bars;
    var series = [{ label: data.dayLabel, value: function (u, ts) { return ts == null ? '—' : uPlot.fmtDate('{D} {MMM} {YYYY}', dateNames)(uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC')); } }];
    data.series.forEach(function (s, i) {
      var colour = COLOURS[i % COLOURS.length];
      var line = {
        label: s.label,
        stroke: colour,
        width: 2,
        scale: s.format === 'percent' && hasCount ? 'pct' : 'y',
        value: (function (f) { return function (u, v) { return f(v); }; })(formatter(data.lang, s.format)),
        spanGaps: false,
        show: !s.hidden,
        points: { show: xs.length <= 31 },
      };
      if (bars) {
        line.fill = colour + (i === 0 ? 'cc' : '99');
        line.paths = uPlot.paths.bars({ size: [i === 0 ? 0.8 : 0.45, 40] });
        line.points = { show: false };
      }
      series.push(line);
    });
    var axes = [
      { values: function (u, splits) { return splits.map(function (ts) { return uPlot.fmtDate('{D} {MMM}', dateNames)(uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC')); }); } },
      { scale: 'y', values: function (u, splits) { var f = formatter(data.lang, hasCount ? 'count' : 'percent'); return splits.map(f); } },
    ];
    var scales = { x: { time: true }, y: { range: function (u, min, max) { return [Math.min(0, min || 0), Math.max(1, max || 1)]; } } };
    if (hasPercent && hasCount) {
      axes.push({ scale: 'pct', side: 1, grid: { show: false }, values: function (u, splits) { return splits.map(formatter(data.lang, 'percent')); } });
      scales.pct = { range: function (u, min, max) { return [0, Math.max(0.05, max || 0)]; } };
    }
    var values = data.series.map(function (s) { return s.values; });
    var height = function () { return window.innerWidth < 560 ? 220 : 280; };
    var plot = new uPlot(
      { width: Math.max(240, box.clientWidth), height: height(), series: series, axes: axes, scales: scales, tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); }, fmtDate: function (tpl) { return uPlot.fmtDate(tpl, dateNames); }, cursor: { drag: { x: false, y: false } } },
      [xs].concat(values),
      box,
    );
    box.setAttribute('data-drawn', 'true');
    var details = box.parentNode.querySelector('details.analytics-data');
    if (details) details.removeAttribute('open');
    var pending = null;
    window.addEventListener('resize', function () {
      if (pending) clearTimeout(pending);
      pending = setTimeout(function () { plot.setSize({ width: Math.max(240, box.clientWidth), height: height() }); }, 150);
    });
  }

  function init() {
    document.querySelectorAll('.analytics-canvas[data-chart]').forEach(function (box) {
      try {
        draw(box);
      } catch (err) {
        // The table below stays open: the data is still there.
        if (window.console) console.error('chart not drawn', err);
      }
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
