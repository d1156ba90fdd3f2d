// Goals dashboard: goal cards, date range, cross-network KPI table, one chart per KPI.
import { h, api, fmtNumber, fmtSigned, fmtPct, badge, GOAL_STATUS, ATTAINABILITY, loading, errorBox,
  addDays, daysBetween, today, downloadCsv, networkColor, clear } from './util.js';
import { chartBox } from './charts.js';

const RANGE_KEY = 'goalpost.range';

export function getRange() {
  try {
    const r = JSON.parse(sessionStorage.getItem(RANGE_KEY) || 'null');
    if (r && r.from && r.to) return r;
  } catch { /* ignore */ }
  return null;
}

function setRange(r) {
  if (r) sessionStorage.setItem(RANGE_KEY, JSON.stringify(r)); else sessionStorage.removeItem(RANGE_KEY);
}

export function dashboardPath(range) {
  return range ? `/api/dashboard?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}` : '/api/dashboard';
}

/** One goal as a card. */
export function goalCard(g, todayStr) {
  const unit = g.kpi && g.kpi.unit;
  const progress = typeof g.progress === 'number' ? g.progress : null;
  const expected = typeof g.expected_progress === 'number' ? g.expected_progress : null;
  const st = GOAL_STATUS[g.status] || GOAL_STATUS.no_data;
  const left = g.deadline ? daysBetween(todayStr || today(), g.deadline) : null;
  const daysLeft = left === null ? '' : left > 0 ? `${left} days left` : left === 0 ? 'due today' : `ended ${-left} days ago`;
  const bar = h('div', {
    class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': progress === null ? null : String(Math.max(0, Math.min(100, Math.round(progress)))),
    'aria-valuetext': progress === null ? 'progress not available'
      : `${Math.round(progress)} % done, ${expected === null ? '' : Math.round(expected) + ' % expected by now'}`,
  },
  h('div', { class: `progress-fill tone-${st.tone}`, style: `width:${progress === null ? 0 : Math.max(0, Math.min(100, progress))}%` }),
  expected === null ? null : h('div', { class: 'progress-pace', style: `left:${Math.max(0, Math.min(100, expected))}%`, title: `expected by now: ${Math.round(expected)} %` }));
  const att = g.attainability && g.attainability.label;
  const fc = g.forecast || {};
  return h('article', { class: `goal-card status-${g.status}`, dataset: { goalId: String(g.id), status: g.status || '' } },
    h('header', { class: 'goal-card-head' },
      h('h3', { class: 'goal-title' }, h('a', { href: `#/goals/${g.id}` }, g.title)),
      badge(GOAL_STATUS, g.status, 'goal-status')),
    h('p', { class: 'goal-sentence' }, g.sentence || ''),
    bar,
    h('p', { class: 'progress-legend' },
      progress === null ? 'Progress not available' : `${Math.round(progress)} % done`,
      expected === null ? '' : ` · ${Math.round(expected)} % expected by now (marker)`),
    h('dl', { class: 'goal-facts' },
      h('div', {}, h('dt', {}, 'Now'), h('dd', {}, g.current && g.current.value !== null && g.current.value !== undefined ? fmtNumber(g.current.value, unit) : 'not available')),
      h('div', {}, h('dt', {}, 'Target'), h('dd', {}, g.target && g.target.resolved !== null && g.target.resolved !== undefined ? fmtNumber(g.target.resolved, unit) : 'not available')),
      h('div', {}, h('dt', {}, 'Forecast'), h('dd', { title: fc.reason || '' }, fc.value !== null && fc.value !== undefined ? `${fmtNumber(fc.value, unit)} by ${fc.at || g.deadline}` : 'not available')),
      h('div', {}, h('dt', {}, 'Attainability'), h('dd', {}, att ? badge(ATTAINABILITY, att, 'small') : 'not checked')),
      h('div', {}, h('dt', {}, 'Owner'), h('dd', {}, g.owner || 'nobody')),
      h('div', {}, h('dt', {}, 'Deadline'), h('dd', {}, `${g.deadline || ''} (${daysLeft})`))),
    g.status_reason ? h('p', { class: 'status-reason muted' }, g.status_reason) : null);
}

/** The cross-network KPI table. */
export function kpiTable(table) {
  if (!table || !table.kpis || table.kpis.length === 0) {
    return h('p', { class: 'empty' }, 'No KPI to show yet: the table lists the KPIs your goals use.');
  }
  const netName = Object.fromEntries((table.networks || []).map(n => [n.id, n]));
  const kpiIdx = Object.fromEntries(table.kpis.map((k, i) => [k.id, i]));
  const head = h('tr', {}, h('th', { scope: 'col' }, 'Network'), table.kpis.map(k => h('th', { scope: 'col' }, k.name)));
  const rows = (table.rows || []).map(r => {
    const n = netName[r.network];
    const cells = new Array(table.kpis.length).fill(null);
    for (const c of r.cells || []) if (c.kpi in kpiIdx) cells[kpiIdx[c.kpi]] = c;
    return h('tr', { class: r.network === 'all' ? 'total-row' : '', dataset: { network: r.network } },
      h('th', { scope: 'row' }, n ? n.name : r.network, n && n.accounts !== undefined ? h('span', { class: 'muted small' }, ` (${n.accounts} account${n.accounts === 1 ? '' : 's'})`) : null),
      cells.map((c, i) => kpiCell(c, table.kpis[i])));
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'kpi-table' },
    h('caption', { class: 'sr-only' }, 'KPIs per network for the chosen period, with change against the previous period and coverage'),
    h('thead', {}, head), h('tbody', {}, rows)));
}

function kpiCell(c, kpi) {
  if (!c) return h('td', { class: 'na' }, 'not available');
  if (c.value === null || c.value === undefined) {
    return h('td', { class: 'na', title: c.reason || '' }, h('span', { class: 'na-text' }, 'not available'),
      c.reason ? h('span', { class: 'cell-note' }, c.reason) : null);
  }
  let trend = null;
  if (c.change !== null && c.change !== undefined) {
    const good = (kpi.direction === 'down') ? c.change < 0 : c.change > 0;
    const tone = c.change === 0 ? 'neutral' : good ? 'good' : 'bad';
    trend = h('span', { class: `change tone-text-${tone}` },
      h('span', { 'aria-hidden': 'true' }, c.change > 0 ? '▲ ' : c.change < 0 ? '▼ ' : '■ '),
      `${fmtSigned(c.change, kpi.unit)}${c.change_pct !== null && c.change_pct !== undefined ? ' (' + fmtPct(c.change_pct) + ')' : ''} vs previous`);
  } else {
    trend = h('span', { class: 'change muted', title: c.previous_reason || '' }, 'no previous value to compare');
  }
  return h('td', {},
    h('span', { class: 'cell-value' }, fmtNumber(c.value, kpi.unit)),
    c.label ? h('span', { class: 'cell-note' }, c.label) : null,
    trend,
    c.coverage && c.coverage.label ? h('span', { class: 'cell-note coverage', title: coverageTitle(c.coverage) }, 'coverage: ' + c.coverage.label) : null);
}

function coverageTitle(cov) {
  const parts = [];
  if (cov.cannot_report) parts.push(`${cov.cannot_report} cannot report it`);
  if (cov.no_data) parts.push(`${cov.no_data} without data`);
  return parts.join(', ');
}

export function kpiTableCsv(d) {
  const t = d.kpi_table;
  const rows = [['from', 'to', 'network', 'kpi', 'value', 'unit', 'previous', 'change', 'change_pct', 'coverage', 'reason']];
  const netName = Object.fromEntries((t.networks || []).map(n => [n.id, n.name]));
  const kpis = Object.fromEntries((t.kpis || []).map(k => [k.id, k]));
  for (const r of t.rows || []) for (const c of r.cells || []) {
    rows.push([d.from, d.to, netName[r.network] || r.network, (kpis[c.kpi] || {}).name || c.kpi,
      c.value ?? 'not available', (kpis[c.kpi] || {}).unit || '', c.previous ?? '', c.change ?? '', c.change_pct ?? '',
      c.coverage ? c.coverage.label : '', c.reason || '']);
  }
  return rows;
}

/** Chart per KPI, one series per network (from GET /api/kpis/{id}). */
export async function kpiCharts(container, d, ctx) {
  const t = d.kpi_table;
  const nets = (t.networks || []).filter(n => n.id !== 'all');
  if (!t.kpis || t.kpis.length === 0 || nets.length === 0) {
    container.append(h('p', { class: 'empty' }, 'No charts yet: they follow the KPIs your goals use.'));
    return;
  }
  const span = daysBetween(d.from, d.to) + 1;
  for (const k of t.kpis) {
    const gran = span > 120 ? 'month' : span > 45 ? 'week' : 'day';
    const fig = h('figure', { class: 'chart-card' }, h('figcaption', {}, `${k.name} per network`, h('span', { class: 'muted small' }, ` · by ${gran}`)));
    container.append(fig);
    const status = loading('Loading chart…');
    fig.append(status);
    const answers = await Promise.all(nets.map(n =>
      api(`/api/kpis/${encodeURIComponent(k.id)}?from=${d.from}&to=${d.to}&granularity=${k.id === 'reach' ? 'day' : gran}&networks=${encodeURIComponent(n.id)}`)
        .then(r => ({ n, r }), e => ({ n, e }))));
    if (!ctx.isCurrent()) return;
    status.remove();
    const withData = answers.filter(a => a.r && (a.r.series || []).some(p => p.value !== null && p.value !== undefined));
    const labels = [];
    const seen = new Set();
    for (const a of answers) for (const p of (a.r && a.r.series) || []) if (!seen.has(p.start)) { seen.add(p.start); labels.push(p.start); }
    labels.sort();
    if (withData.length === 0) {
      fig.append(h('p', { class: 'empty' }, `${k.name}: not available for any network in this period.`));
      continue;
    }
    const missing = answers.filter(a => !withData.includes(a));
    const cb = chartBox(`${k.name} per network from ${d.from} to ${d.to}`, { height: 240 });
    fig.append(cb.box);
    if (missing.length) {
      fig.append(h('p', { class: 'muted small' }, 'Not available: ',
        missing.map(a => a.n.name + (a.e ? ` (${a.e.message})` : a.r && a.r.total && a.r.total.reason ? ` (${a.r.total.reason})` : '')).join('; ')));
    }
    cb.draw({
      type: 'line',
      data: {
        labels,
        datasets: withData.map((a, i) => ({
          label: a.n.name,
          data: a.r.series.map(p => ({ x: p.start, y: p.value })),
          borderColor: networkColor(a.n.id, i), backgroundColor: networkColor(a.n.id, i),
          pointRadius: labels.length > 40 ? 0 : 2, borderWidth: 2, spanGaps: false, tension: 0.2,
        })),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: { y: { beginAtZero: k.unit !== 'count' }, x: { ticks: { maxTicksLimit: 8 } } },
        plugins: { legend: { position: 'bottom' } },
      },
    });
  }
}

export async function renderDashboard(view, ctx) {
  const range = getRange();
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Goals dashboard'),
    h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#/goals/new' }, '+ New goal'))));
  const body = h('div', {}, loading('Loading goals and KPIs…'));
  view.append(body);
  let d;
  try {
    d = await api(dashboardPath(range));
  } catch (e) {
    if (!ctx.isCurrent()) return;
    clear(body).append(errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  body.append(rangePicker(d));
  body.append(summaryBar(d.summary));
  const goalsSec = h('section', { 'aria-labelledby': 'goals-h' }, h('h2', { id: 'goals-h' }, 'Goals'));
  if (!d.goals || d.goals.length === 0) {
    goalsSec.append(h('div', { class: 'empty-state' },
      h('p', {}, 'No goals yet: create one.'),
      h('a', { class: 'button primary', href: '#/goals/new' }, 'Create a goal')));
  } else {
    goalsSec.append(h('div', { class: 'goal-grid' }, d.goals.map(g => goalCard(g, d.today))));
  }
  body.append(goalsSec);
  const tableSec = h('section', { 'aria-labelledby': 'kpi-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'kpi-h' }, `KPIs across networks, ${d.from} to ${d.to}`),
      h('button', { type: 'button', class: 'button', on: { click: () => downloadCsv(`goalpost-kpis-${d.from}-${d.to}.csv`, kpiTableCsv(d)) } }, 'Export CSV')),
    h('p', { class: 'muted small' }, d.previous ? `Change is against ${d.previous.from} to ${d.previous.to}. "not available" means no account in scope could report the value — it is never shown as 0.` : ''),
    kpiTable(d.kpi_table));
  body.append(tableSec);
  const chartsSec = h('section', { 'aria-labelledby': 'charts-h' }, h('h2', { id: 'charts-h' }, 'KPI trends'));
  const grid = h('div', { class: 'chart-grid' });
  chartsSec.append(grid);
  body.append(chartsSec);
  await kpiCharts(grid, d, ctx);
}

function summaryBar(s) {
  if (!s) return null;
  const items = ['on_track', 'at_risk', 'off_track', 'achieved', 'missed', 'collecting', 'no_data', 'not_started']
    .filter(k => s[k]).map(k => h('li', {}, badge(GOAL_STATUS, k), ' ', h('strong', {}, String(s[k]))));
  return h('ul', { class: 'summary', 'aria-label': 'Goals by status' },
    h('li', {}, h('strong', {}, String(s.goals ?? 0)), ' goals'), items);
}

function rangePicker(d) {
  const from = h('input', { type: 'date', id: 'range-from', value: d.from, required: true });
  const to = h('input', { type: 'date', id: 'range-to', value: d.to, required: true });
  const err = h('span', { class: 'field-error', 'aria-live': 'polite' });
  const apply = (r) => { setRange(r); window.dispatchEvent(new HashChangeEvent('hashchange')); };
  const preset = (days) => h('button', { type: 'button', class: 'button small', on: { click: () => apply({ from: addDays(d.today || today(), -(days - 1)), to: d.today || today() }) } }, `Last ${days} days`);
  return h('form', { class: 'range-picker', 'aria-label': 'Date range', on: { submit: (e) => {
    e.preventDefault();
    if (!from.value || !to.value) { err.textContent = 'Pick both dates.'; return; }
    if (to.value < from.value) { err.textContent = 'The end date is before the start date.'; return; }
    apply({ from: from.value, to: to.value });
  } } },
  h('label', { for: 'range-from' }, 'From'), from,
  h('label', { for: 'range-to' }, 'To'), to,
  h('button', { type: 'submit', class: 'button' }, 'Apply'),
  preset(28), preset(90), preset(365),
  err);
}
