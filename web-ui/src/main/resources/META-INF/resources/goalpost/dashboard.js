// Goals dashboard: goal cards, date range, cross-network KPI table, one chart per KPI.
import { h, api, fmtNumber, fmtCompact, fmtChange, fmtPct, fmtDay, badge, GOAL_STATUS, ATTAINABILITY, loading, errorBox,
  addDays, daysBetween, today, downloadCsv, networkColor, clear, canEdit } from './util.js';
import { chartBox, compactAxis, dayLabels } from './charts.js';
import { liveSource, dashboardPath } from './source.js';
import { shareButton } from './share.js';
import { annotationsPanel } from './annotations.js';

export { dashboardPath };

const has = v => typeof v === 'number' && Number.isFinite(v);

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

/** One goal as a card; {@code href} makes the goal page's link (null: the title is not a link). */
export function goalCard(g, todayStr, href = liveSource.goalHref) {
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
      h('h3', { class: 'goal-title' }, href ? h('a', { href: href(g.id) }, g.title) : g.title),
      badge(GOAL_STATUS, g.status, 'goal-status')),
    h('p', { class: 'goal-sentence' }, g.sentence || ''),
    bar,
    h('p', { class: 'progress-legend' },
      progress === null ? 'Progress not available' : `${Math.round(progress)} % done`,
      expected === null ? '' : ` · ${Math.round(expected)} % expected by now (marker)`),
    g.status === 'collecting' && g.ready_on ? h('p', { class: 'ready-on' }, h('span', { 'aria-hidden': 'true' }, '◷ '),
      `Ready on ${fmtDay(g.ready_on)}`) : null,
    h('dl', { class: 'goal-facts' },
      h('div', {}, h('dt', {}, 'Now'), compactDd(g.current && g.current.value, unit)),
      h('div', {}, h('dt', {}, 'Target'), compactDd(g.target && g.target.resolved, unit)),
      h('div', {}, h('dt', {}, 'Forecast'), has(fc.value)
        ? h('dd', { title: `${fmtNumber(fc.value, unit)}${fc.reason ? ' — ' + fc.reason : ''}` }, `${fmtCompact(fc.value, unit)} by ${fmtDay(fc.at || g.deadline)}`)
        : h('dd', { title: fc.reason || '' }, 'not available')),
      h('div', {}, h('dt', {}, 'Attainability'), h('dd', {}, att ? badge(ATTAINABILITY, att, 'small') : 'not checked')),
      h('div', {}, h('dt', {}, 'Owner'), h('dd', {}, g.owner || 'nobody')),
      h('div', {}, h('dt', {}, 'Deadline'), h('dd', {}, `${fmtDay(g.deadline)} (${daysLeft})`))),
    g.status_reason ? h('p', { class: 'status-reason muted' }, g.status_reason) : null);
}

/** A compact number on a card, the exact one in its title. */
function compactDd(v, unit) {
  return has(v) ? h('dd', { title: fmtNumber(v, unit) }, fmtCompact(v, unit)) : h('dd', {}, 'not available');
}

/** The cross-network KPI table; {@code days} is the length of the chosen range. */
export function kpiTable(table, days) {
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
      cells.map((c, i) => kpiCell(c, table.kpis[i], days)));
  });
  return h('div', { class: 'table-wrap' }, h('table', { class: 'kpi-table' },
    h('caption', { class: 'sr-only' }, 'KPIs per network for the chosen period, with the like-for-like change against the previous period and coverage'),
    h('thead', {}, head), h('tbody', {}, rows)));
}

function kpiCell(c, kpi, days) {
  if (!c) return h('td', { class: 'na', dataset: { kpi: kpi.id } }, 'not available');
  if (!has(c.value)) {
    return h('td', { class: 'na', title: c.reason || '', dataset: { kpi: kpi.id } }, h('span', { class: 'na-text' }, 'not available'),
      c.reason ? h('span', { class: 'cell-note' }, c.reason) : null);
  }
  const cmp = c.comparison || null;
  let trend = null;
  if (has(c.change)) {
    const good = (kpi.direction === 'down') ? c.change < 0 : c.change > 0;
    const tone = c.change === 0 ? 'neutral' : good ? 'good' : 'bad';
    // A percent KPI's change is in percentage points; its relative change would be a second "%", so it is left out.
    trend = h('span', { class: `change tone-text-${tone}`, title: cmp ? cmp.note : '' },
      h('span', { 'aria-hidden': 'true' }, c.change > 0 ? '▲ ' : c.change < 0 ? '▼ ' : '■ '),
      `${fmtChange(c.change, kpi.unit)}${kpi.unit !== 'percent' && has(c.change_pct) ? ' (' + fmtPct(c.change_pct) + ')' : ''} vs previous`);
  } else {
    trend = h('span', { class: 'change muted', title: c.previous_reason || (cmp ? cmp.note : '') }, 'no previous value to compare');
  }
  return h('td', { dataset: { kpi: kpi.id } },
    h('span', { class: 'cell-value' }, fmtNumber(c.value, kpi.unit)),
    c.label ? h('span', { class: 'cell-note' }, c.label) : null,
    trend,
    comparisonDetails(c, kpi, days),
    c.coverage && c.coverage.label ? h('span', { class: 'cell-note coverage', title: coverageTitle(c.coverage) }, 'coverage: ' + c.coverage.label) : null);
}

/**
 * What a change compares, when it is not the whole range over every account: a short qualifier
 * ("25 vs 25 days · 1 account left out") that opens to the server's note and the accounts left out.
 */
export function comparisonQualifier(cmp, days) {
  if (!cmp) return null;
  const parts = [];
  if (!cmp.days) parts.push('nothing compared yet');
  else if (days && cmp.days !== days) parts.push(`${cmp.days} vs ${cmp.previous_days} days`);
  const out = (cmp.excluded || []).length;
  if (out) parts.push(`${out} account${out === 1 ? '' : 's'} left out`);
  return parts.length ? parts.join(' · ') : null;
}

function comparisonDetails(c, kpi, days) {
  const cmp = c.comparison;
  const q = comparisonQualifier(cmp, days);
  if (!q) return null;
  const excluded = cmp.excluded || [];
  return h('details', { class: 'cmp' }, h('summary', { title: cmp.note }, q),
    h('p', { class: 'cmp-note' }, cmp.note),
    has(cmp.value) && has(c.previous) && cmp.value !== c.value
      ? h('p', {}, `Compared: ${fmtNumber(cmp.value, kpi.unit)} now against ${fmtNumber(c.previous, kpi.unit)} before, over ${cmp.accounts} account${cmp.accounts === 1 ? '' : 's'}.`) : null,
    excluded.length ? h('ul', {}, excluded.map(e => h('li', {}, h('strong', {}, e.name), ': ', e.why))) : null);
}

function coverageTitle(cov) {
  const parts = [];
  if (cov.cannot_report) parts.push(`${cov.cannot_report} cannot report it`);
  if (cov.no_data) parts.push(`${cov.no_data} without data`);
  return parts.join(', ');
}

export function kpiTableCsv(d) {
  const t = d.kpi_table;
  const rows = [['from', 'to', 'network', 'kpi', 'value', 'unit', 'previous', 'change', 'change_unit', 'change_pct', 'compared_value',
    'compared_days', 'compared_accounts', 'left_out', 'comparison', 'coverage', 'reason']];
  const netName = Object.fromEntries((t.networks || []).map(n => [n.id, n.name]));
  const kpis = Object.fromEntries((t.kpis || []).map(k => [k.id, k]));
  for (const r of t.rows || []) for (const c of r.cells || []) {
    if (!c) continue;
    const k = kpis[c.kpi] || {};
    const cmp = c.comparison || {};
    rows.push([d.from, d.to, netName[r.network] || r.network, k.name || c.kpi,
      c.value ?? 'not available', k.unit || '', c.previous ?? '', c.change ?? '', k.unit === 'percent' ? 'percentage points' : k.unit || '',
      c.change_pct ?? '', cmp.value ?? '', cmp.days ?? '', cmp.accounts ?? '', (cmp.excluded || []).map(e => `${e.name}: ${e.why}`).join('; '),
      cmp.note || '', c.coverage ? c.coverage.label : '', c.reason || '']);
  }
  return rows;
}

/** Chart per KPI, one series per network (from GET /api/kpis/{id}, or the share's). */
export async function kpiCharts(container, d, ctx, src = liveSource) {
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
      src.kpiSeries(k.id, { from: d.from, to: d.to, granularity: k.id === 'reach' ? 'day' : gran, networks: n.id })
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
    const incomplete = withData.some(a => a.r.series.some(p => p.complete === false && has(p.value)));
    if (incomplete) {
      const throughs = new Set(withData.map(a => a.r.total && a.r.total.to).filter(Boolean));
      const through = throughs.size === 1 ? [...throughs][0] : null;
      fig.append(h('p', { class: 'muted small chart-key' }, h('span', { class: 'key-dash', 'aria-hidden': 'true' }),
        `Dashed line, hollow points: ${gran === 'day' ? 'days' : gran + 's'} not every account has finished reporting yet`
        + (through ? ` (after ${fmtDay(through)})` : '') + ' — not final, so not a drop.'));
    }
    cb.draw({
      type: 'line',
      data: {
        labels,
        datasets: withData.map((a, i) => {
          const color = networkColor(a.n.id, i);
          const done = a.r.series.map(p => p.complete !== false);
          return {
            label: a.n.name,
            data: a.r.series.map(p => ({ x: p.start, y: p.value })),
            borderColor: color, backgroundColor: color,
            borderWidth: 2, spanGaps: false, tension: 0.2,
            // incomplete buckets (not every account has finished reporting them): dashed and hollow, not read as a drop
            segment: { borderDash: sc => done[sc.p1DataIndex] ? undefined : [5, 4] },
            pointBackgroundColor: c => done[c.dataIndex] ? color : '#fff',
            pointRadius: c => done[c.dataIndex] ? (labels.length > 40 ? 0 : 2) : 3,
          };
        }),
      },
      options: {
        interaction: { mode: 'index', intersect: false },
        scales: { y: compactAxis(k.unit, { beginAtZero: k.unit !== 'count' }), x: dayLabels() },
        plugins: {
          legend: { position: 'bottom' },
          tooltip: { callbacks: { label: c => `${c.dataset.label}: ${fmtNumber(c.parsed.y, k.unit)}${final(c, withData[c.datasetIndex]) ? '' : ' (not final yet)'}` } },
        },
      },
    });
  }
}

/** Whether a tooltip item's bucket is final. */
function final(c, a) {
  const p = a && a.r.series[c.dataIndex];
  return !p || p.complete !== false;
}

/**
 * The dashboard. {@code src} is where its data comes from; a read-only source (a share link) shows
 * its own range without the range picker, and no edit or share controls or links to other pages.
 */
export async function renderDashboard(view, ctx, src = liveSource, { note } = {}) {
  const range = src.readOnly ? null : getRange();
  const editable = !src.readOnly && canEdit();
  const actions = h('div', { class: 'actions' },
    editable ? h('a', { class: 'button primary', href: '#/goals/new' }, '+ New goal') : null);
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Goals dashboard'), actions));
  if (note) view.append(note);
  const body = h('div', {}, loading('Loading goals and KPIs…'));
  view.append(body);
  let d;
  try {
    d = await src.dashboard(range);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    clear(body).append(errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  if (editable) actions.append(shareButton({ kind: 'dashboard', from: d.from, to: d.to }));
  if (src.readOnly) body.append(h('p', { class: 'shared-range' }, `From ${fmtDay(d.from)} to ${fmtDay(d.to)}.`));
  else body.append(rangePicker(d));
  body.append(summaryBar(d.summary));
  const goalsSec = h('section', { 'aria-labelledby': 'goals-h' }, h('h2', { id: 'goals-h' }, 'Goals'));
  if (!d.goals || d.goals.length === 0) {
    goalsSec.append(h('div', { class: 'empty-state' },
      h('p', {}, editable ? 'No goals yet: create one.' : 'No goals yet.'),
      editable ? h('a', { class: 'button primary', href: '#/goals/new' }, 'Create a goal') : null));
  } else {
    goalsSec.append(h('div', { class: 'goal-grid' }, d.goals.map(g => goalCard(g, d.today, src.goalHref))));
  }
  body.append(goalsSec);
  const tableSec = h('section', { 'aria-labelledby': 'kpi-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'kpi-h' }, `KPIs across networks, ${d.from} to ${d.to}`),
      h('button', { type: 'button', class: 'button', on: { click: () => downloadCsv(`goalpost-kpis-${d.from}-${d.to}.csv`, kpiTableCsv(d)) } }, 'Export CSV')),
    h('p', { class: 'muted small' }, changeNote(d)),
    kpiTable(d.kpi_table, rangeDays(d)));
  body.append(tableSec);
  const chartsSec = h('section', { 'aria-labelledby': 'charts-h' }, h('h2', { id: 'charts-h' }, 'KPI trends'));
  const grid = h('div', { class: 'chart-grid' });
  chartsSec.append(grid);
  body.append(chartsSec);
  if (!src.readOnly) body.append(annotationsPanel({ ctx }));
  await kpiCharts(grid, d, ctx, src);
}

export function rangeDays(d) {
  return daysBetween(d.from, d.to) + 1;
}

/** How the table's changes compare, in words. */
export function changeNote(d) {
  return `Each change is like for like: the same days of ${d.previous ? `the previous period (${d.previous.from} to ${d.previous.to})` : 'the previous period'}, `
    + 'through the last day every account has finished reporting, over the accounts with data in both. '
    + 'When fewer days are compared or accounts are left out, the cell says so; open it for why. '
    + 'Changes of percentages are in percentage points (pp). "not available" means no account in scope could report the value — it is never shown as 0.';
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
