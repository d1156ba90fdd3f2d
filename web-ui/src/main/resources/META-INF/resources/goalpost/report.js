// Print-friendly report: goals, the KPI table, goal charts and KPI charts.
import { h, api, append, clear, loading, errorBox, downloadCsv, fmtDay, fmtDateTime, canEdit, hasRole, teamZone, field, setFieldError, fieldErrors } from './util.js';
import { chosenRange, dashboardPath, goalCard, kpiTable, kpiTableCsv, kpiCharts, rangeDays, changeNote } from './dashboard.js';
import { chartBox } from './charts.js';
import { goalSeries, drawGoalChart, seriesNumbers } from './goal.js';
import { loadAnnotations } from './annotations.js';
import { setChartAnnotations } from './charts.js';

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
      h('a', { class: 'button primary', id: 'report-pdf', download: '', href: `/api/reports/summary.pdf?from=${encodeURIComponent(d.from)}&to=${encodeURIComponent(d.to)}` }, 'Download PDF report'),
      h('button', { type: 'button', class: 'button', on: { click: () => window.print() } }, 'Print this page'),
      h('button', { type: 'button', class: 'button', on: { click: () => downloadCsv(`goalpost-kpis-${d.from}-${d.to}.csv`, kpiTableCsv(d)) } }, 'Export KPI table (CSV)'))),
  problem ? h('p', { class: 'alert alert-error', role: 'alert', id: 'range-problem' }, problem) : null,
  h('p', { class: 'muted' }, `Generated ${fmtDateTime(new Date().toISOString())}. ${changeNote(d)}`)]);
  body.append(commentaryPanel());
  loadAnnotations(null).then(notes => { if (ctx.isCurrent()) setChartAnnotations(notes); }, () => { /* charts without markers */ });
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
      // its numbers too: the chart's text alternative, and something to copy
      fig.append(cb.box, seriesNumbers(s, { ids: false }));
      drawGoalChart(cb, s);
    } catch (e) {
      fig.append(errorBox(e));
    }
  }
  await kpiCharts(grid, d, ctx);
}

/**
 * The team time zone the PDF report states and dates itself in: the one every page shows times in,
 * set by an admin on the Users page (PUT /api/settings/team), so it is named here and linked to.
 */
function zoneNote() {
  return h('p', { class: 'muted small', id: 'report-zone' }, `Team time zone: ${teamZone()} (the report's cover states it). `,
    hasRole('admin') ? [h('a', { href: '#/users', id: 'report-zone-link' }, 'Change the team time zone'), ' on the Users page.']
      : 'An admin can change it on the Users page.');
}

/**
 * The commentary printed on the PDF report's cover: editors write it here (PUT
 * /api/reports/commentary), everyone else reads it.
 */
function commentaryPanel() {
  const sec = h('section', { class: 'panel no-print', 'aria-labelledby': 'commentary-h', id: 'report-commentary' },
    h('h2', { id: 'commentary-h' }, 'Commentary for the PDF report'));
  const status = h('p', { class: 'muted small', 'aria-live': 'polite', id: 'commentary-status' });
  api('/api/reports/commentary').then(c => {
    if (!canEdit()) {
      sec.append(c.commentary ? h('p', { class: 'commentary-text' }, c.commentary) : h('p', { class: 'empty' }, 'No commentary.'),
        zoneNote());
      return;
    }
    const text = field('commentary-text', 'Commentary (optional; a blank line starts a new paragraph)',
      h('textarea', { rows: '5', maxlength: '5000' }), 'Printed on the cover of the PDF report.');
    text.input.value = c.commentary || '';
    const stamp = who => who.updated_at ? `Last saved ${fmtDateTime(who.updated_at)}${who.updated_by ? ' by ' + who.updated_by : ''}.` : '';
    status.textContent = stamp(c);
    sec.append(h('form', { 'aria-label': 'Report commentary', on: { submit: async (e) => {
      e.preventDefault();
      setFieldError(text, '');
      try {
        const saved = await api('/api/reports/commentary', { method: 'PUT', body: { commentary: text.input.value } });
        status.textContent = 'Saved. ' + stamp(saved);
      } catch (err) {
        const f = fieldErrors(err.details);
        if (f.commentary) setFieldError(text, f.commentary);
        else status.textContent = err.message;
      }
    } } }, text.wrap, h('button', { type: 'submit', class: 'button', id: 'commentary-save' }, 'Save commentary')), zoneNote());
  }, e => sec.append(errorBox(e)));
  sec.append(status);
  return sec;
}
