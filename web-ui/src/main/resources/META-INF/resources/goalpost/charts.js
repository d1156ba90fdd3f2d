// Chart.js (WebJar, loaded as a classic script into window.Chart) with per-page cleanup.
import { h, fmtDay, fmtCompact, fmtNumber } from './util.js';

const live = new Set();

export function destroyCharts() {
  for (const c of live) { try { c.destroy(); } catch { /* already gone */ } }
  live.clear();
  pageNotes = [];
}

// ---- annotations: dated notes drawn as markers on every chart of the page ----

let pageNotes = [];

/** Sets the notes ({day, text}) every chart of the page marks, and redraws the charts already drawn. */
export function setChartAnnotations(notes) {
  pageNotes = (notes || []).filter(n => n && n.day && n.text);
  for (const c of live) { try { c.update('none'); } catch { /* gone */ } }
}

/** Where a day falls on a chart's x axis: a time axis of {@link dayMs}, or category labels of days (buckets from their start). */
function noteX(chart, day) {
  const x = chart.scales && chart.scales.x;
  if (!x) return null;
  if (x.type === 'linear') {
    const v = dayMs(day);
    return v < x.min || v > x.max ? null : x.getPixelForValue(v);
  }
  const labels = chart.data.labels || [];
  let idx = -1;
  for (let i = 0; i < labels.length; i++) if (String(labels[i]) <= day) idx = i;
  if (idx < 0) return null;
  // Past the last bucket by more than a bucket's length: not on this chart.
  const step = labels.length > 1 ? dayMs(String(labels[1])) - dayMs(String(labels[0])) : DAY_MS;
  if (idx === labels.length - 1 && dayMs(day) - dayMs(String(labels[idx])) >= step) return null;
  return x.getPixelForValue(idx);
}

const markerPlugin = {
  id: 'goalpostAnnotations',
  afterDatasetsDraw(chart) {
    if (!pageNotes.length) return;
    const { ctx, chartArea } = chart;
    ctx.save();
    ctx.font = '11px system-ui, sans-serif';
    let row = 0;
    for (const n of pageNotes) {
      const px = noteX(chart, n.day);
      if (px === null || px < chartArea.left || px > chartArea.right) continue;
      ctx.strokeStyle = '#be185d';
      ctx.fillStyle = '#be185d';
      ctx.setLineDash([3, 3]);
      ctx.beginPath();
      ctx.moveTo(px, chartArea.top);
      ctx.lineTo(px, chartArea.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      // the label stays inside the plot (a small chart is narrower than a note): shortened to fit, never over the axis
      const room = chartArea.right - chartArea.left - 4;
      let label = n.text.length > 32 ? n.text.slice(0, 31) + '…' : n.text;
      while (label.length > 2 && ctx.measureText(label).width > room) label = label.slice(0, -2) + '…';
      const w = ctx.measureText(label).width;
      const lx = Math.max(chartArea.left + 2, px + 4 + w > chartArea.right ? px - 4 - w : px + 4);
      ctx.fillText(label, lx, chartArea.top + 12 + 13 * (row++ % 3));
    }
    ctx.restore();
  },
};

/** A canvas inside a sized box with an accessible label; returns {box, draw(config)}. */
export function chartBox(label, { height = 260, extraClass = '' } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const box = h('div', { class: ('chart-box ' + extraClass).trim(), style: `height:${height}px` }, canvas);
  return {
    box,
    draw(config) {
      if (!window.Chart) {
        box.replaceChildren(h('p', { class: 'muted' }, 'Charts are unavailable (chart library did not load).'));
        return null;
      }
      config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
      config.plugins = [...(config.plugins || []), markerPlugin];
      const chart = new window.Chart(canvas, config);
      live.add(chart);
      return chart;
    },
  };
}

const DAY_MS = 86400000;

/** A day (YYYY-MM-DD) as a millisecond timestamp on a linear time axis (UTC midnight: no DST jumps). */
export function dayMs(s) {
  const [y, m, d] = s.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

/** The day of such a timestamp, YYYY-MM-DD. */
export function msDay(ms) {
  return new Date(Math.round(ms / DAY_MS) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * A linear x scale of days (timestamps from {@link dayMs}): ticks on whole days, every 1, 2, 7, 14,
 * 28… days so that at most {@code maxTicks} show, labelled "4 Dec". No date adapter needed.
 */
export function dayScale(min, max, { maxTicks = 8, title } = {}) {
  return {
    type: 'linear', min, max,
    title: title ? { display: true, text: title } : undefined,
    afterBuildTicks(axis) {
      const span = Math.max(1, Math.round((axis.max - axis.min) / DAY_MS));
      // a label needs about 7 px a letter and a gap ("4 Feb 2027" 86 px, "23 Nov" 58 px): fewer ticks
      // on a narrow chart, so they never overlap
      const longest = Math.max(fmtDay(msDay(axis.min)).length, fmtDay(msDay(axis.max)).length);
      const fit = axis.width ? Math.max(2, Math.floor(axis.width / (longest * 7 + 16))) : maxTicks;
      const most = Math.min(maxTicks, fit);
      const step = [1, 2, 7, 14, 28, 56, 91, 182, 364, 728].find(n => span / n <= most - 1) || 728;
      const offset = step % 7 === 0 ? 4 : 0; // weekly ticks on Mondays (day 4 of the epoch was one)
      const first = Math.ceil((axis.min / DAY_MS - offset) / step) * step + offset;
      const ticks = [];
      for (let d = first; d * DAY_MS <= axis.max; d += step) ticks.push({ value: d * DAY_MS });
      axis.ticks = ticks;
    },
    ticks: { callback: v => fmtDay(msDay(v)), maxRotation: 0, autoSkip: true },
  };
}

const SUFFIX = [[1e12, ' T'], [1e9, ' B'], [1e6, ' M'], [1e3, ' k']];

/**
 * A tick label: compact ("255 k", "1.35 M") with as many decimals as the step between ticks needs,
 * so that two ticks never read the same.
 */
export function compactTick(v, ticks, unit) {
  if (v === 0) return unit === 'percent' ? '0 %' : '0';
  if (!ticks || ticks.length < 2) return fmtCompact(v, unit);
  const top = Math.max(...ticks.map(t => Math.abs(t.value)));
  const step = Math.abs(ticks[1].value - ticks[0].value) || 1;
  const [div, suffix] = unit === 'percent' ? [1, ' %'] : top >= 10000 ? SUFFIX.find(([n]) => top >= n) : [1, ''];
  const decimals = Math.max(0, Math.min(3, Math.ceil(-Math.log10(step / div) - 1e-9)));
  const text = new Intl.NumberFormat('en', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(v / div);
  return unit === 'currency' && div === 1 ? fmtNumber(v, unit) : text + suffix;
}

/** A y scale whose ticks are compact numbers ("255 k", "1.2 M"). */
export function compactAxis(unit, extra = {}) {
  return Object.assign({ ticks: { callback: (v, i, ticks) => compactTick(v, ticks, unit) } }, extra);
}

/** A category x scale of days (YYYY-MM-DD labels), ticks written "4 Dec". */
export function dayLabels(extra = {}) {
  return Object.assign({ ticks: { maxTicksLimit: 8, maxRotation: 0, callback(v) { return fmtDay(this.getLabelForValue(v)); } } }, extra);
}

// Charts resize to the printed page width.
window.addEventListener('beforeprint', () => { for (const c of live) c.resize(); });

/**
 * A chart's numbers as a table behind a "Show the numbers" disclosure: the chart's text alternative
 * for screen readers, and something to copy into a spreadsheet. {@code rows}: [label, ...cells].
 */
export function numbersTable(caption, head, rows) {
  return h('details', { class: 'chart-numbers' }, h('summary', {}, 'Show the numbers'),
    h('div', { class: 'table-wrap numbers-wrap' }, h('table', { class: 'numbers-table' },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, head.map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map(([label, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, label),
        cells.map(c => h('td', { class: c === 'not available' ? 'na' : 'num' }, c))))))));
}
