// Print-friendly report: goals, the KPI table, goal charts and KPI charts.
import { h, api, append, clear, loading, errorBox, downloadCsv, fmtDay, fmtDateTime } from './util.js';
import { chosenRange, dashboardPath, goalCard, kpiTable, kpiTableCsv, kpiCharts, rangeDays, changeNote } from './dashboard.js';
import { chartBox } from './charts.js';
import { goalSeries, drawGoalChart } from './goal.js';

/** The report, over the range in its address ({@code #/report?from=&to=}) or the dashboard's last one. */
export async function renderReport(view, ctx, query) {
  document.body.classList.add('report-mode');
  const chosen = chosenRange(query);
  const body = h('div', {}, h('h1', {}, 'Goalpost report'), loading('Preparing the report…'));
  view.append(body);
  let d;
  let problem = chosen.problem;
  try {
    d = await api(dashboardPath(chosen.range, true));
  } catch (e) {
    if (!ctx.isCurrent()) return;
    if (e.status === 400 && chosen.range) {
      problem = `The range ${chosen.range.from} to ${chosen.range.to} was not used: ${e.message}. Showing the last 28 days instead.`;
      try { d = await api(dashboardPath(null, true)); } catch (e2) {
        if (ctx.isCurrent()) clear(body).append(h('h1', {}, 'Goalpost report'), errorBox(e2, { retry: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }));
        return;
      }
    } else {
      clear(body).append(h('h1', {}, 'Goalpost report'), errorBox(e, { retry: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }));
      return;
    }
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  append(body, [h('div', { class: 'page-head' },
    h('h1', {}, `Goalpost report, ${fmtDay(d.from)} to ${fmtDay(d.to)}`),
    h('div', { class: 'actions no-print' },
      h('button', { type: 'button', class: 'button primary', on: { click: () => window.print() } }, 'Print / save as PDF'),
      h('button', { type: 'button', class: 'button', on: { click: () => downloadCsv(`goalpost-kpis-${d.from}-${d.to}.csv`, kpiTableCsv(d)) } }, 'Export KPI table (CSV)'))),
  problem ? h('p', { class: 'alert alert-error', role: 'alert', id: 'range-problem' }, problem) : null,
  h('p', { class: 'muted' }, `Generated ${fmtDateTime(new Date().toISOString())}. ${changeNote(d)}`)]);
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
      fig.append(errorBox(e));
    }
  }
  await kpiCharts(grid, d, ctx);
}
