// Goal detail: actual vs target vs forecast, per-network breakdown, KPI definition, tactics with a
// value/complexity quadrant chart, edit and delete, CSV export of the series.
import { h, api, clear, badge, GOAL_STATUS, ATTAINABILITY, loading, errorBox, fmtNumber, addDays,
  daysBetween, today, downloadCsv, field, setFieldError, fieldErrors, networkColor } from './util.js';
import { chartBox } from './charts.js';
import { goalCard } from './dashboard.js';

const QUADRANTS = {
  quick_win: 'Quick win', big_bet: 'Big bet', fill_in: 'Fill-in', money_pit: 'Money pit',
};
const TACTIC_STATUS = { todo: 'To do', doing: 'Doing', done: 'Done', dropped: 'Dropped' };

/** Range, granularity and series of a goal's measure, for chart and CSV. */
export async function goalSeries(g, accounts) {
  const t = today();
  let end = g.current && g.current.as_of ? g.current.as_of : (t < g.deadline ? t : g.deadline);
  if (end > g.deadline) end = g.deadline;
  let from = g.start;
  if (end < from) from = addDays(end, -89); // not started: show recent history
  const gran = g.measure === 'level' || g.measure === 'daily' || daysBetween(from, end) < 21 ? 'day' : 'week';
  const scopeQ = scopeQuery(g.scope);
  const r = await api(`/api/kpis/${encodeURIComponent(g.kpi.id)}?from=${from}&to=${end}&granularity=${gran}${scopeQ}`);
  return { from, to: end, gran, series: r.series || [], r };
}

function scopeQuery(scope) {
  let q = '';
  if (scope && scope.networks && scope.networks.length) q += '&networks=' + encodeURIComponent(scope.networks.join(','));
  if (scope && scope.accounts && scope.accounts.length) q += '&accounts=' + encodeURIComponent(scope.accounts.join(','));
  return q;
}

export function inScope(scope, accounts) {
  const nets = (scope && scope.networks) || [];
  const ids = (scope && scope.accounts) || [];
  if (!nets.length && !ids.length) return accounts;
  return accounts.filter(a => nets.includes(a.network) || ids.includes(a.id));
}

export function drawGoalChart(box, g, s) {
  const unit = g.kpi.unit;
  const labels = s.series.map(p => p.start);
  // extend the axis to the deadline so target and forecast show where they land
  const step = s.gran === 'week' ? 7 : 1;
  let last = labels.length ? labels[labels.length - 1] : s.from;
  const futureStep = Math.max(step, Math.ceil(daysBetween(last, g.deadline) / 60));
  while (last < g.deadline) {
    last = addDays(last, futureStep);
    labels.push(last > g.deadline ? g.deadline : last);
  }
  if (!labels.includes(g.deadline)) labels.push(g.deadline);
  const target = g.target && g.target.resolved;
  const datasets = [{
    label: `Actual (${g.kpi.name}${s.gran === 'week' ? ', per week' : ''})`,
    data: s.series.map(p => ({ x: p.start, y: p.value })), borderColor: '#2563eb', backgroundColor: '#2563eb',
    pointRadius: s.series.length > 60 ? 0 : 2, borderWidth: 2,
  }];
  if (target !== null && target !== undefined) {
    datasets.push({ label: 'Target', data: [{ x: labels[0], y: target }, { x: g.deadline, y: target }],
      borderColor: '#059669', backgroundColor: '#059669', borderDash: [6, 4], pointRadius: 0, borderWidth: 2 });
    if (g.baseline && g.baseline.value !== null && g.baseline.value !== undefined && labels.includes(g.start)) {
      datasets.push({ label: 'Expected pace', data: [{ x: g.start, y: g.baseline.value }, { x: g.deadline, y: target }],
        borderColor: '#9ca3af', backgroundColor: '#9ca3af', borderDash: [2, 3], pointRadius: 0, borderWidth: 1.5 });
    }
  }
  if (g.forecast && g.forecast.value !== null && g.forecast.value !== undefined && g.current && g.current.value !== null && g.current.as_of) {
    const x0 = labels.includes(g.current.as_of) ? g.current.as_of : (s.series.length ? s.series[s.series.length - 1].start : g.current.as_of);
    datasets.push({ label: 'Forecast', data: [{ x: x0, y: g.current.value }, { x: g.deadline, y: g.forecast.value }],
      borderColor: '#d97706', backgroundColor: '#d97706', borderDash: [8, 4], pointRadius: 3, borderWidth: 2 });
  }
  return box.draw({
    type: 'line',
    data: { labels, datasets },
    options: {
      interaction: { mode: 'nearest', intersect: false },
      scales: { x: { ticks: { maxTicksLimit: 10 } }, y: { title: { display: true, text: g.kpi.name + (unit === 'percent' ? ' (%)' : '') } } },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

export async function renderGoal(view, ctx, id) {
  const body = h('div', {}, loading('Loading the goal…'));
  view.append(body);
  let g, kpis, accounts;
  try {
    [g, kpis, accounts] = await Promise.all([api(`/api/goals/${id}`), api('/api/kpis').catch(() => ({ kpis: [] })), api('/api/accounts').catch(() => [])]);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    clear(body).append(errorBox(e), h('p', {}, h('a', { href: '#/dashboard' }, 'Back to the dashboard')));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  const kpiDef = (kpis.kpis || []).find(k => k.id === g.kpi.id) || g.kpi;
  const unit = g.kpi.unit;
  const notice = h('div', { 'aria-live': 'polite' });
  body.append(h('p', { class: 'crumbs' }, h('a', { href: '#/dashboard' }, '← Dashboard')),
    h('div', { class: 'page-head' },
      h('h1', { class: 'goal-title' }, g.title),
      h('div', { class: 'actions' },
        h('a', { class: 'button', href: `#/goals/${g.id}/edit` }, 'Edit'),
        h('button', { type: 'button', class: 'button danger', on: { click: async () => {
          if (!confirm(`Delete the goal “${g.title}” and its tactics?`)) return;
          try { await api(`/api/goals/${g.id}`, { method: 'DELETE' }); location.hash = '#/dashboard'; }
          catch (err) { clear(notice).append(errorBox(err)); }
        } } }, 'Delete'))),
    notice);

  body.append(h('div', { class: 'detail-top' },
    h('section', { class: 'panel' },
      h('p', { class: 'goal-sentence big' }, g.sentence || ''),
      h('p', {}, badge(GOAL_STATUS, g.status, 'goal-status'), ' ', g.status_reason || ''),
      h('dl', { class: 'facts-grid' },
        fact('Objective', g.objective ? g.objective.name : ''),
        fact('Baseline', g.baseline && g.baseline.value !== null ? `${fmtNumber(g.baseline.value, unit)} (${g.baseline.as_of})` : `not available${g.baseline && g.baseline.reason ? ': ' + g.baseline.reason : ''}`),
        fact('Current', g.current && g.current.value !== null ? `${fmtNumber(g.current.value, unit)} (${g.current.as_of})` : `not available${g.current && g.current.reason ? ': ' + g.current.reason : ''}`),
        fact('Target', g.target && g.target.resolved !== null && g.target.resolved !== undefined ? fmtNumber(g.target.resolved, unit) : 'not available'),
        fact('Progress', g.progress !== null && g.progress !== undefined ? `${Math.round(g.progress)} % (expected ${Math.round(g.expected_progress ?? 0)} %)` : 'not available'),
        fact('Forecast', g.forecast && g.forecast.value !== null && g.forecast.value !== undefined ? `${fmtNumber(g.forecast.value, unit)} at ${g.forecast.at} (${fmtNumber(g.forecast.trend_per_week, unit)} per week)` : `not available${g.forecast && g.forecast.reason ? ': ' + g.forecast.reason : ''}`),
        fact('Attainability', g.attainability ? [badge(ATTAINABILITY, g.attainability.label, 'small'), ' ', attText(g.attainability, unit)] : 'not checked'),
        fact('Period', `${g.start} to ${g.deadline}`),
        fact('Owner', g.owner || 'nobody'),
        fact('Coverage', g.coverage ? g.coverage.label : ''),
        fact('Why', g.why || '—'))),
    h('aside', { class: 'panel kpi-def', 'aria-labelledby': 'def-h' },
      h('h2', { id: 'def-h' }, kpiDef.name || g.kpi.name),
      h('p', {}, kpiDef.definition || ''),
      kpiDef.formula ? h('p', { class: 'small' }, h('strong', {}, 'Formula: '), kpiDef.formula) : null,
      h('p', { class: 'small muted' }, `Measured as ${g.measure === 'level' ? 'the level on a day' : g.measure === 'daily' ? 'the value of one day' : 'the total of the last 7 days'}; good direction: ${g.kpi.direction === 'down' ? 'down' : 'up'}.`))));

  const chartSec = h('section', { class: 'panel', 'aria-labelledby': 'gchart-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'gchart-h' }, 'Actual vs target vs forecast')));
  const chartHolder = h('div', {}, loading('Loading the series…'));
  chartSec.append(chartHolder);
  body.append(chartSec);

  const breakdownSec = h('section', { class: 'panel', 'aria-labelledby': 'bd-h' }, h('h2', { id: 'bd-h' }, 'Per network'));
  const bdHolder = h('div', {}, loading());
  breakdownSec.append(bdHolder);
  body.append(breakdownSec);

  body.append(tacticsSection(g, ctx));

  // series + chart
  goalSeries(g, accounts).then(s => {
    if (!ctx.isCurrent()) return;
    clear(chartHolder);
    const exportBtn = h('button', { type: 'button', class: 'button', on: { click: () => downloadCsv(`goal-${g.id}-series.csv`,
      [['period_start', 'period_end', 'kpi', 'value', 'target', 'coverage', 'reason'],
        ...s.series.map(p => [p.start, p.end, g.kpi.id, p.value ?? 'not available', g.target ? g.target.resolved ?? '' : '', p.coverage ? p.coverage.label : '', p.reason || ''])]) } }, 'Export CSV');
    chartSec.querySelector('.section-head').append(exportBtn);
    if (!s.series.some(p => p.value !== null && p.value !== undefined)) {
      chartHolder.append(h('p', { class: 'empty' }, `No ${g.kpi.name} data stored for this goal's scope between ${s.from} and ${s.to}.`));
      return;
    }
    const cb = chartBox(`${g.kpi.name}: actual, target and forecast for ${g.title}`, { height: 320 });
    chartHolder.append(cb.box);
    drawGoalChart(cb, g, s);
  }, e => { if (ctx.isCurrent()) clear(chartHolder).append(errorBox(e)); });

  // per-network breakdown
  breakdown(g, accounts).then(rows => {
    if (!ctx.isCurrent()) return;
    clear(bdHolder);
    if (!rows.length) { bdHolder.append(h('p', { class: 'empty' }, 'No account in scope.')); return; }
    bdHolder.append(h('div', { class: 'table-wrap' }, h('table', { class: 'breakdown-table' },
      h('thead', {}, h('tr', {}, ['Network', 'Accounts', `${g.kpi.name} at start`, `${g.kpi.name} now`, 'Change', 'Coverage'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map(r => h('tr', {},
        h('th', { scope: 'row' }, h('span', { class: 'net-dot', style: `background:${networkColor(r.network)}`, 'aria-hidden': 'true' }), r.name),
        h('td', {}, r.accounts.join(', ')),
        valueCell(r.first, unit), valueCell(r.last, unit),
        h('td', {}, r.first && r.last && r.first.value !== null && r.last.value !== null && r.first.value !== undefined && r.last.value !== undefined ? fmtNumber(r.last.value - r.first.value, unit) : '—'),
        h('td', {}, r.coverage || '')))))));
  }, e => { if (ctx.isCurrent()) clear(bdHolder).append(errorBox(e)); });
}

function valueCell(p, unit) {
  if (!p || p.value === null || p.value === undefined) return h('td', { class: 'na', title: p && p.reason ? p.reason : '' }, 'not available', p && p.reason ? h('span', { class: 'cell-note' }, p.reason) : null);
  return h('td', {}, fmtNumber(p.value, unit), h('span', { class: 'cell-note' }, p.start));
}

async function breakdown(g, accounts) {
  const scoped = inScope(g.scope, accounts);
  const byNet = new Map();
  for (const a of scoped) {
    if (!byNet.has(a.network)) byNet.set(a.network, { network: a.network, name: a.networkName || a.network, ids: [], accounts: [] });
    byNet.get(a.network).ids.push(a.id);
    byNet.get(a.network).accounts.push(a.name);
  }
  const t = today();
  let end = g.current && g.current.as_of ? g.current.as_of : (t < g.deadline ? t : g.deadline);
  const start = g.start <= end ? g.start : addDays(end, -27);
  const gran = g.measure === 'level' || g.measure === 'daily' ? 'day' : 'week';
  return Promise.all([...byNet.values()].map(async n => {
    try {
      const r = await api(`/api/kpis/${encodeURIComponent(g.kpi.id)}?from=${start}&to=${end}&granularity=${gran}&accounts=${n.ids.join(',')}`);
      const s = r.series || [];
      const withVal = s.filter(p => p.value !== null && p.value !== undefined);
      return { ...n, first: withVal[0] || s[0], last: withVal[withVal.length - 1] || s[s.length - 1], coverage: r.total && r.total.coverage ? r.total.coverage.label : '' };
    } catch (e) {
      return { ...n, first: { value: null, reason: e.message }, last: null, coverage: '' };
    }
  }));
}

function fact(k, v) {
  return h('div', {}, h('dt', {}, k), h('dd', {}, v));
}

function attText(a, unit) {
  const parts = [];
  if (a.required_weekly_change !== null && a.required_weekly_change !== undefined) parts.push(`needs ${fmtNumber(a.required_weekly_change, unit)} per week`);
  if (a.historical_weekly_change !== null && a.historical_weekly_change !== undefined) parts.push(`history shows ${fmtNumber(a.historical_weekly_change, unit)} per week`);
  if (a.reason) parts.push(a.reason);
  return parts.join('; ');
}

function tacticsSection(g, ctx) {
  const sec = h('section', { class: 'panel', 'aria-labelledby': 'tac-h' }, h('h2', { id: 'tac-h' }, 'Tactics'));
  const tactics = g.tactics || [];
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  const notice = h('div', { 'aria-live': 'polite' });
  sec.append(notice);
  if (!tactics.length) {
    sec.append(h('p', { class: 'empty' }, 'No tactics yet: add what you will do to reach this goal.'));
  } else {
    const layout = h('div', { class: 'tactics-layout' });
    layout.append(h('div', { class: 'table-wrap' }, h('table', { class: 'tactics-table' },
      h('thead', {}, h('tr', {}, ['#', 'Tactic', 'Quadrant', 'Value', 'Complexity', 'Owner', 'Due', 'Status', ''].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, tactics.map(t => h('tr', {},
        h('td', {}, String(t.priority ?? '')), h('th', { scope: 'row' }, t.title), h('td', {}, QUADRANTS[t.quadrant] || t.quadrant || ''),
        h('td', {}, String(t.value)), h('td', {}, String(t.complexity)), h('td', {}, t.owner || '—'), h('td', {}, t.due || '—'),
        h('td', {}, TACTIC_STATUS[t.status] || t.status || ''),
        h('td', {}, h('button', { type: 'button', class: 'button small danger', 'aria-label': `Delete tactic ${t.title}`, on: { click: async () => {
          if (!confirm(`Delete the tactic “${t.title}”?`)) return;
          try { await api(`/api/goals/${g.id}/tactics/${t.id}`, { method: 'DELETE' }); reload(); } catch (e) { clear(notice).append(errorBox(e)); }
        } } }, 'Delete'))))))));
    const cb = chartBox(`Value and complexity of the tactics of ${g.title}`, { height: 280, extraClass: 'quadrant' });
    layout.append(h('figure', { class: 'quadrant-fig' }, h('figcaption', {}, 'Value / complexity: quick wins top-left'), cb.box));
    sec.append(layout);
    setTimeout(() => ctx.isCurrent() && cb.draw(quadrantConfig(tactics)), 0);
  }
  sec.append(tacticForm(g, reload));
  return sec;
}

function quadrantConfig(tactics) {
  const colors = { quick_win: '#059669', big_bet: '#2563eb', fill_in: '#9ca3af', money_pit: '#dc2626' };
  const groups = {};
  tactics.forEach((t, i) => {
    (groups[t.quadrant] ||= []).push({ x: t.complexity + ((i % 3) - 1) * 0.08, y: t.value + ((i % 2) ? 0.08 : -0.08), title: t.title });
  });
  const quadLines = {
    id: 'quadLines',
    beforeDraw(chart) {
      const { ctx, chartArea: a, scales: { x, y } } = chart;
      ctx.save();
      ctx.strokeStyle = '#cbd5e1';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(x.getPixelForValue(2.5), a.top); ctx.lineTo(x.getPixelForValue(2.5), a.bottom);
      ctx.moveTo(a.left, y.getPixelForValue(2.5)); ctx.lineTo(a.right, y.getPixelForValue(2.5));
      ctx.stroke();
      ctx.fillStyle = '#64748b';
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillText('Quick wins', a.left + 6, a.top + 14);
      ctx.fillText('Big bets', x.getPixelForValue(2.5) + 6, a.top + 14);
      ctx.fillText('Fill-ins', a.left + 6, a.bottom - 6);
      ctx.fillText('Money pits', x.getPixelForValue(2.5) + 6, a.bottom - 6);
      ctx.restore();
    },
  };
  return {
    type: 'scatter',
    data: { datasets: Object.entries(groups).map(([q, pts]) => ({ label: QUADRANTS[q] || q, data: pts, backgroundColor: colors[q] || '#666', pointRadius: 7, pointHoverRadius: 9 })) },
    options: {
      scales: {
        x: { min: 0.5, max: 5.5, title: { display: true, text: 'Complexity (1–5)' }, ticks: { stepSize: 1 } },
        y: { min: 0.5, max: 5.5, title: { display: true, text: 'Value (1–5)' }, ticks: { stepSize: 1 } },
      },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { label: (c) => `${c.raw.title} (value ${Math.round(c.raw.y)}, complexity ${Math.round(c.raw.x)})` } } },
    },
    plugins: [quadLines],
  };
}

function tacticForm(g, reload) {
  const title = field('tactic-title', 'Tactic', h('input', { type: 'text', required: true }));
  const value = field('tactic-value', 'Value (1–5)', h('input', { type: 'number', min: '1', max: '5', step: '1', value: '3' }));
  const complexity = field('tactic-complexity', 'Complexity (1–5)', h('input', { type: 'number', min: '1', max: '5', step: '1', value: '2' }));
  const owner = field('tactic-owner', 'Owner', h('input', { type: 'text' }));
  const due = field('tactic-due', 'Due', h('input', { type: 'date' }));
  const status = field('tactic-status', 'Status', h('select', {}, Object.entries(TACTIC_STATUS).map(([k, v]) => h('option', { value: k }, v))));
  const fields = { title, value, complexity, owner, due, status };
  const msg = h('div', { 'aria-live': 'polite' });
  const form = h('form', { class: 'tactic-form', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(msg);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    const body = { title: title.input.value, value: Number(value.input.value), complexity: Number(complexity.input.value), status: status.input.value };
    if (owner.input.value) body.owner = owner.input.value;
    if (due.input.value) body.due = due.input.value;
    try {
      await api(`/api/goals/${g.id}/tactics`, { method: 'POST', body });
      reload();
    } catch (err) {
      msg.append(errorBox(err));
      for (const [k, m] of Object.entries(fieldErrors(err.details))) if (fields[k]) setFieldError(fields[k], m);
    }
  } } }, h('h3', {}, 'Add a tactic'), h('div', { class: 'form-row' }, title.wrap, value.wrap, complexity.wrap),
  h('div', { class: 'form-row' }, owner.wrap, due.wrap, status.wrap), h('button', { type: 'submit', class: 'button' }, 'Add tactic'), msg);
  return form;
}

export { goalCard };
