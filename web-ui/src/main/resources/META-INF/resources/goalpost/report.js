// Print-friendly report: goals, the KPI table, goal charts and KPI charts.
import { h, api, clear, loading, errorBox, downloadCsv } from './util.js';
import { getRange, dashboardPath, goalCard, kpiTable, kpiTableCsv, kpiCharts, rangeDays, changeNote } from './dashboard.js';
import { chartBox } from './charts.js';
import { goalSeries, drawGoalChart } from './goal.js';

export async function renderReport(view, ctx) {
  document.body.classList.add('report-mode');
  const body = h('div', {}, loading('Preparing the report…'));
  view.append(body);
  let d;
  try {
    d = await api(dashboardPath(getRange()));
  } catch (e) {
    if (ctx.isCurrent()) clear(body).append(errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  body.append(h('div', { class: 'page-head' },
    h('h1', {}, `Goalpost report, ${d.from} to ${d.to}`),
    h('div', { class: 'actions no-print' },
      h('button', { type: 'button', class: 'button primary', on: { click: () => window.print() } }, 'Print / save as PDF'),
      h('button', { type: 'button', class: 'button', on: { click: () => downloadCsv(`goalpost-kpis-${d.from}-${d.to}.csv`, kpiTableCsv(d)) } }, 'Export KPI table (CSV)'))),
  h('p', { class: 'muted' }, `Generated ${new Date().toLocaleString('en-GB')}. ${changeNote(d)}`));
  body.append(h('section', { class: 'report-section' }, h('h2', {}, 'Goals'),
    d.goals && d.goals.length ? h('div', { class: 'goal-grid' }, d.goals.map(g => goalCard(g, d.today))) : h('p', { class: 'empty' }, 'No goals yet.')));
  body.append(h('section', { class: 'report-section' }, h('h2', {}, 'KPIs across networks'), kpiTable(d.kpi_table, rangeDays(d))));
  const gc = h('section', { class: 'report-section' }, h('h2', {}, 'Goal progress'));
  body.append(gc);
  const charts = h('section', { class: 'report-section' }, h('h2', {}, 'KPI trends'));
  const grid = h('div', { class: 'chart-grid' });
  charts.append(grid);
  body.append(charts);
  for (const g of d.goals || []) {
    const fig = h('figure', { class: 'chart-card' }, h('figcaption', {}, g.title));
    gc.append(fig);
    try {
      const s = await goalSeries(g.id);
      if (!ctx.isCurrent()) return;
      if (!(s.actual || []).some(p => typeof p.value === 'number')) {
        fig.append(h('p', { class: 'muted' }, 'No complete window stored for this goal yet.'));
        continue;
      }
      const cb = chartBox(`${g.title}: actual, target, expected pace and forecast`, { height: 220 });
      fig.append(cb.box);
      drawGoalChart(cb, s);
    } catch (e) {
      fig.append(h('p', { class: 'muted' }, 'Chart not available: ' + e.message));
    }
  }
  await kpiCharts(grid, d, ctx);
}
