// Goals dashboard: goal cards, date range, cross-network KPI table, one chart per KPI.
import { h, api, fmtNumber, fmtCompact, fmtChange, fmtPct, fmtDay, badge, GOAL_STATUS, ATTAINABILITY, loading, errorBox,
  addDays, daysBetween, today, downloadCsv, networkColor, networkStyle, clear, canEdit, daysInWords } from './util.js';
import { chartBox, compactAxis, dayMs, msDay, dayScale, numbersTable } from './charts.js';
import { liveSource, dashboardPath } from './source.js';
import { countedBanner } from './demo.js';
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

/** The longest range the server answers, in days (the dashboard says its own; this until it has). */
export const MAX_RANGE_DAYS = 1100;

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Why a range cannot be shown, in words, or null when it can. */
export function rangeProblem(r, max = MAX_RANGE_DAYS) {
  if (!r || !DAY_RE.test(r.from || '') || !DAY_RE.test(r.to || '') || Number.isNaN(Date.parse(r.from)) || Number.isNaN(Date.parse(r.to))) {
    return 'pick both dates';
  }
  if (r.to < r.from) return `the end date (${fmtDay(r.to)}) is before the start date (${fmtDay(r.from)})`;
  const days = daysBetween(r.from, r.to) + 1;
  if (days > max) return `the range covers ${days.toLocaleString('en')} days; at most ${max.toLocaleString('en')} days can be shown at once`;
  return null;
}

/**
 * The range a page shows: the address's ({@code ?from=&to=}, so that a view can be bookmarked and
 * shared), else the last one chosen in this tab. One that cannot be shown is left out and said why
 * ({@code problem}), never stored, so a reload always gets a working page.
 */
export function chosenRange(query) {
  const fromUrl = query && (query.get('from') || query.get('to')) ? { from: query.get('from') || '', to: query.get('to') || '' } : null;
  const r = fromUrl || getRange();
  if (!r) return { range: null, problem: null };
  const problem = rangeProblem(r);
  if (problem) {
    if (!fromUrl) setRange(null);
    return { range: null, problem: `The range ${r.from || '?'} to ${r.to || '?'} was not used: ${problem}. Showing the last 28 days instead.` };
  }
  return { range: r, problem: null };
}

/** The dashboard's address for a range and goal filters: what the browser's address bar shows. */
export function dashboardHash(range, filters = {}, page = 'dashboard') {
  const q = new URLSearchParams();
  if (range) { q.set('from', range.from); q.set('to', range.to); }
  for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
  const qs = q.toString();
  return `#/${page}${qs ? '?' + qs : ''}`;
}

/** Goes to {@code hash}, re-rendering when it is the address already. */
function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
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
    class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': `Progress of ${g.title}`,
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
    h('p', { class: 'goal-sentence' }, daysInWords(g.sentence) || ''),
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
        ? h('dd', { title: `${fmtNumber(fc.value, unit)}${fc.reason ? ' — ' + daysInWords(fc.reason) : ''}` }, `${fmtCompact(fc.value, unit)} by ${fmtDay(fc.at || g.deadline)}`)
        : h('dd', { title: daysInWords(fc.reason) || '' }, 'not available')),
      h('div', {}, h('dt', {}, 'Attainability'), h('dd', {}, att ? badge(ATTAINABILITY, att, 'small') : 'not checked')),
      h('div', {}, h('dt', {}, 'Owner'), h('dd', {}, g.owner || 'nobody')),
      h('div', {}, h('dt', {}, 'Deadline'), h('dd', {}, `${fmtDay(g.deadline)} (${daysLeft})`))),
    g.status_reason ? h('p', { class: 'status-reason muted' }, daysInWords(g.status_reason)) : null);
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
    return h('td', { class: 'na', title: daysInWords(c.reason) || '', dataset: { kpi: kpi.id } }, h('span', { class: 'na-text' }, 'not available'),
      c.reason ? h('span', { class: 'cell-note' }, daysInWords(c.reason)) : null);
  }
  const cmp = c.comparison || null;
  let trend = null;
  if (has(c.change)) {
    const good = (kpi.direction === 'down') ? c.change < 0 : c.change > 0;
    const tone = c.change === 0 ? 'neutral' : good ? 'good' : 'bad';
    // A percent KPI's change is in percentage points; its relative change would be a second "%", so it is left out.
    trend = h('span', { class: `change tone-text-${tone}`, title: cmp ? daysInWords(cmp.note) : '' },
      h('span', { 'aria-hidden': 'true' }, c.change > 0 ? '▲ ' : c.change < 0 ? '▼ ' : '■ '),
      `${fmtChange(c.change, kpi.unit)}${kpi.unit !== 'percent' && has(c.change_pct) ? ' (' + fmtPct(c.change_pct) + ')' : ''} vs previous`);
  } else {
    trend = h('span', { class: 'change muted', title: daysInWords(c.previous_reason || (cmp ? cmp.note : '')) }, 'no previous value to compare');
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
  return h('details', { class: 'cmp' }, h('summary', { title: daysInWords(cmp.note) }, q),
    h('p', { class: 'cmp-note' }, daysInWords(cmp.note)),
    has(cmp.value) && has(c.previous) && cmp.value !== c.value
      ? h('p', {}, `Compared: ${fmtNumber(cmp.value, kpi.unit)} now against ${fmtNumber(c.previous, kpi.unit)} before, over ${cmp.accounts} account${cmp.accounts === 1 ? '' : 's'}.`) : null,
    excluded.length ? h('ul', {}, excluded.map(e => h('li', {}, h('strong', {}, e.name), ': ', daysInWords(e.why)))) : null);
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

/** The bucket a chart uses for a range of {@code span} days (as GET /api/dashboard/full does). */
export function chartGranularity(kpiId, span) {
  if (kpiId === 'reach') return 'day';
  return span > 120 ? 'month' : span > 45 ? 'week' : 'day';
}

const GRAN_WORDS = { day: 'day', week: 'week', month: 'month' };

/**
 * A chart per KPI, one series per network. The series come with the dashboard
 * ({@code d.charts}, GET /api/dashboard/full) or, for a share link or a retry, from
 * GET /api/kpis/{id} per network. A network that cannot report a KPI is "not available"; a request
 * that failed says so, with Retry.
 */
export async function kpiCharts(container, d, ctx, src = liveSource) {
  const t = d.kpi_table;
  const nets = (t.networks || []).filter(n => n.id !== 'all');
  if (!t.kpis || t.kpis.length === 0 || nets.length === 0) {
    container.append(h('p', { class: 'empty' }, 'No charts yet: they follow the KPIs your goals use.'));
    return;
  }
  const span = daysBetween(d.from, d.to) + 1;
  const jobs = t.kpis.map(k => {
    const pre = d.charts && d.charts[k.id];
    const gran = pre ? pre.granularity : chartGranularity(k.id, span);
    const fig = h('figure', { class: 'chart-card', dataset: { kpi: k.id } },
      h('figcaption', {}, `${k.name} per network`, h('span', { class: 'muted small' }, ` · by ${GRAN_WORDS[gran] || gran}`)));
    container.append(fig);
    const body = h('div', {});
    fig.append(body);
    const load = async (prefetched) => {
      clear(body).append(loading('Loading chart…'));
      const answers = await Promise.all(nets.map(n => {
        const got = prefetched && prefetched.networks && prefetched.networks[n.id];
        if (got) return Promise.resolve(got.error ? { n, e: { message: got.error, status: 500 } } : { n, r: got });
        return src.kpiSeries(k.id, { from: d.from, to: d.to, granularity: gran, networks: n.id }).then(r => ({ n, r }), e => ({ n, e }));
      }));
      if (!ctx.isCurrent()) return;
      clear(body);
      drawKpiChart(body, k, answers, d, gran, () => load(null));
    };
    return load(pre);
  });
  await Promise.all(jobs);
}

const has2 = p => p && typeof p.value === 'number' && Number.isFinite(p.value);

function drawKpiChart(body, k, answers, d, gran, retry) {
  const failed = answers.filter(a => a.e);
  const withData = answers.filter(a => a.r && (a.r.series || []).some(has2));
  const cannot = answers.filter(a => a.r && !withData.includes(a));
  if (failed.length) {
    body.append(h('div', { class: 'alert alert-error chart-error', role: 'alert' },
      `Could not load ${k.name} for ${failed.map(a => a.n.name).join(', ')}: `,
      failed[0].e.status === 0 ? 'the server could not be reached' : `the server failed (${failed[0].e.message})`, '. ',
      h('button', { type: 'button', class: 'button small retry', on: { click: retry } }, 'Retry')));
  }
  if (withData.length === 0) {
    if (!failed.length) body.append(h('p', { class: 'empty' }, `${k.name}: not available for any network in this period.`));
    return;
  }
  if (cannot.length) {
    body.append(h('p', { class: 'muted small' }, 'Not available: ',
      cannot.map(a => a.n.name + (a.r.total && a.r.total.reason ? ` (${daysInWords(a.r.total.reason)})` : '')).join('; ')));
  }
  const incomplete = withData.some(a => a.r.series.some(p => p.complete === false && has2(p)));
  if (incomplete) {
    const throughs = new Set(withData.map(a => a.r.total && a.r.total.to).filter(Boolean));
    const through = throughs.size === 1 ? [...throughs][0] : null;
    body.append(h('p', { class: 'muted small chart-key' }, h('span', { class: 'key-hollow', 'aria-hidden': 'true' }, '○'),
      `Hollow points: ${gran === 'day' ? 'days' : gran + 's'} not every account has finished reporting yet`
      + (through ? ` (after ${fmtDay(through)})` : '') + ' — not final, so not a drop.'));
  }
  const values = withData.flatMap(a => a.r.series.filter(has2).map(p => Math.abs(p.value))).filter(v => v > 0);
  // Levels (followers) of networks of very different sizes on one axis flatten every line but the
  // biggest: each network then gets a small chart of its own, with its own axis.
  const ratio = values.length ? Math.max(...withData.map(a => Math.max(0, ...a.r.series.filter(has2).map(p => p.value))))
    / Math.max(1, Math.min(...withData.map(a => Math.max(0, ...a.r.series.filter(has2).map(p => p.value))))) : 1;
  const multiples = withData.length > 1 && (k.id === 'followers' || ratio > 20);
  const xs = withData.flatMap(a => a.r.series.map(p => dayMs(p.start)));
  const x = dayScale(Math.min(...xs), Math.max(...xs), { maxTicks: multiples ? 4 : 7 });
  const dataset = (a, i) => {
    const color = networkColor(a.n.id, i);
    const style = networkStyle(a.n.id, i);
    const done = a.r.series.map(p => p.complete !== false);
    return {
      label: a.n.name,
      data: a.r.series.map(p => ({ x: dayMs(p.start), y: has2(p) ? p.value : null })),
      borderColor: color, backgroundColor: color, borderDash: style.borderDash, pointStyle: style.pointStyle,
      borderWidth: 2, spanGaps: false, tension: 0.2,
      pointBackgroundColor: c => done[c.dataIndex] ? color : '#fff',
      pointRadius: c => done[c.dataIndex] ? (a.r.series.length > 40 ? 1.5 : 3) : 4,
    };
  };
  const options = (legend) => ({
    interaction: { mode: 'index', intersect: false },
    scales: { y: compactAxis(k.unit, { beginAtZero: k.unit !== 'count' }), x },
    plugins: {
      legend: { display: legend, position: 'bottom', labels: { usePointStyle: true } },
      tooltip: { callbacks: {
        title: items => items.length ? `${GRAN_WORDS[gran] === 'day' ? '' : gran + ' from '}${fmtDay(msDay(items[0].parsed.x))}` : '',
        label: c => `${c.dataset.label}: ${fmtNumber(c.parsed.y, k.unit)}${final(c, withData.find(a => a.n.name === c.dataset.label)) ? '' : ' (not final yet)'}`,
      } },
    },
  });
  const alt = `${k.name} per network by ${gran} from ${fmtDay(d.from)} to ${fmtDay(d.to)}: `
    + withData.map(a => { const last = [...a.r.series].reverse().find(has2); return `${a.n.name} ${last ? fmtCompact(last.value, k.unit) + ' in the last ' + gran : 'no value'}`; }).join(', ')
    + '. The numbers are in the table below the chart.';
  if (multiples) {
    body.append(h('p', { class: 'muted small' }, 'One small chart per network, each on its own scale: their sizes differ too much for one axis.'));
    const grid = h('div', { class: 'small-multiples' });
    body.append(grid);
    withData.forEach((a, i) => {
      const cb = chartBox(`${k.name} of ${a.n.name} by ${gran}`, { height: 150 });
      grid.append(h('div', { class: 'small-multiple' }, h('p', { class: 'sm-title' }, h('span', { class: 'net-dot', style: `background:${networkColor(a.n.id, i)}`, 'aria-hidden': 'true' }), a.n.name), cb.box));
      cb.draw({ type: 'line', data: { datasets: [dataset(a, i)] }, options: options(false) });
    });
    grid.setAttribute('role', 'img');
    grid.setAttribute('aria-label', alt);
  } else {
    const cb = chartBox(alt, { height: 240 });
    body.append(cb.box);
    cb.draw({ type: 'line', data: { datasets: withData.map(dataset) }, options: options(true) });
  }
  // the chart's numbers: for screen readers and for copy-paste
  const starts = [...new Set(withData.flatMap(a => a.r.series.map(p => p.start)))].sort();
  const byNet = withData.map(a => Object.fromEntries(a.r.series.map(p => [p.start, p])));
  body.append(numbersTable(`${k.name} per network, by ${gran}`,
    [gran === 'day' ? 'Day' : `${gran[0].toUpperCase()}${gran.slice(1)} from`, ...withData.map(a => a.n.name)],
    starts.map(st => [fmtDay(st), ...byNet.map(m => {
      const p = m[st];
      return !p ? '' : has2(p) ? fmtNumber(p.value, k.unit) + (p.complete === false ? ' (not final)' : '') : 'not available';
    })])));
}

/**
 * The dashboard. {@code src} is where its data comes from; a read-only source (a share link) shows
 * its own range without the range picker, and no edit or share controls or links to other pages.
 * The range and the goal filters are in the address ({@code #/dashboard?from=&to=&status=&owner=&network=}).
 */
export async function renderDashboard(view, ctx, src = liveSource, { note, query } = {}) {
  const chosen = src.readOnly ? { range: null, problem: null } : chosenRange(query);
  const filters = src.readOnly || !query ? {} : { status: query.get('status') || '', owner: query.get('owner') || '', network: query.get('network') || '' };
  const editable = !src.readOnly && canEdit();
  const actions = h('div', { class: 'actions' });
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Goals dashboard'), actions));
  if (note) view.append(note);
  const body = h('div', {}, loading('Loading goals and KPIs…'));
  view.append(body);
  let d;
  let problem = chosen.problem;
  const fetch = r => src.dashboardFull ? src.dashboardFull(r) : src.dashboard(r);
  try {
    d = await fetch(chosen.range);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    // A range the server refuses is said in words, and the default range shown with the picker.
    if (e.status === 400 && chosen.range) {
      setRange(null);
      problem = `The range ${chosen.range.from} to ${chosen.range.to} was not used: ${e.message}. Showing the last 28 days instead.`;
      try {
        d = await fetch(null);
      } catch (e2) {
        if (ctx.isCurrent()) clear(body).append(errorBox(e2, { retry: () => go(location.hash) }));
        return;
      }
      if (!ctx.isCurrent()) return;
    } else {
      clear(body).append(errorBox(e, { retry: () => go(location.hash) }));
      return;
    }
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  // GET /api/dashboard/full says whether simulated accounts are counted (a share link's page adds its own).
  const demo = d.demo_data && countedBanner(d.demo_data.accounts, d.demo_data.networks || []);
  if (demo && !view.querySelector('#demo-banner')) view.prepend(demo);
  if (chosen.range && !problem) setRange(chosen.range);
  // a goal measures accounts: the wizard is offered once one exists (the checklist says so before)
  if (editable && hasAccounts(d)) actions.append(h('a', { class: 'button primary', href: '#/goals/new' }, '+ New goal'));
  if (editable) actions.append(shareButton({ kind: 'dashboard', from: d.from, to: d.to }));
  if (src.readOnly) body.append(h('p', { class: 'shared-range' }, `From ${fmtDay(d.from)} to ${fmtDay(d.to)}.`));
  else body.append(rangePicker(d, filters, problem));
  if (!src.readOnly && firstRun(d)) body.append(firstRunChecklist(d, editable));
  if (d.summary) body.append(summaryBar(d.summary));
  const backfilling = backfillingNote(d.accounts_backfilling);
  if (backfilling) body.append(backfilling);
  const goalsSec = h('section', { 'aria-labelledby': 'goals-h' }, h('h2', { id: 'goals-h' }, 'Goals'));
  if (!d.goals || d.goals.length === 0) {
    goalsSec.append(h('div', { class: 'empty-state' },
      h('p', {}, editable ? 'No goals yet: create one.' : 'No goals yet.'),
      editable && hasAccounts(d) ? h('a', { class: 'button primary', href: '#/goals/new' }, 'Create a goal') : null));
  } else {
    goalsSec.append(h('p', { class: 'muted small', id: 'goals-range-note' },
      'Each goal is measured over its own period (start to deadline), up to today — not over the range above, which sets the KPI table and the charts.'));
    if (!src.readOnly) goalsSec.append(goalFilters(d, filters));
    const shown = d.goals.filter(g => goalMatches(g, filters));
    goalsSec.append(shown.length
      ? h('div', { class: 'goal-grid' }, shown.map(g => goalCard(g, d.today, src.goalHref)))
      : h('p', { class: 'empty', id: 'goals-none-match' }, 'No goal matches these filters.'));
  }
  body.append(goalsSec);
  const tableSec = h('section', { 'aria-labelledby': 'kpi-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'kpi-h' }, `KPIs across networks, ${fmtDay(d.from)} to ${fmtDay(d.to)}`),
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

/**
 * The accounts whose first sync is still fetching their history: their numbers (and the goals and
 * KPIs that count them) are incomplete until it ends.
 */
function backfillingNote(list) {
  if (!list || !list.length) return null;
  return h('section', { class: 'alert alert-info backfilling-note', id: 'accounts-backfilling', 'aria-labelledby': 'backfilling-h' },
    h('h2', { id: 'backfilling-h', class: 'inline-h' }, 'Still fetching history'),
    h('p', { class: 'small' }, 'The numbers of these accounts are incomplete until their history is in:'),
    h('ul', { class: 'small' }, list.map(a => {
      const p = a.progress || {};
      return h('li', { dataset: { accountId: String(a.id) } }, h('a', { href: `#/accounts/${a.id}` }, a.name),
        ` (${a.network}): ${fmtNumber(p.daysFetched)} of ${fmtNumber(p.daysToFetch)} days, ${fmtNumber(p.postsFetched || 0)} posts so far`);
    })));
}

/** Whether a goal passes the dashboard's filters (status, owner, network). */
export function goalMatches(g, f) {
  if (f.status && g.status !== f.status) return false;
  if (f.owner && (g.owner || '') !== (f.owner === '(nobody)' ? '' : f.owner)) return false;
  if (f.network) {
    const nets = new Set([...((g.scope && g.scope.networks) || []), ...((g.breakdown || []).map(r => r.network))]);
    if (!nets.has(f.network)) return false;
  }
  return true;
}

function goalFilters(d, f) {
  const statuses = [...new Set(d.goals.map(g => g.status))];
  const owners = [...new Set(d.goals.map(g => g.owner || '(nobody)'))].sort();
  const nets = (d.kpi_table && d.kpi_table.networks || []).filter(n => n.id !== 'all');
  const sel = (id, label, opts, value) => h('div', { class: 'filter' }, h('label', { for: id }, label),
    h('select', { id, on: { change: apply } }, h('option', { value: '' }, 'All'),
      opts.map(([v, t]) => h('option', { value: v, selected: v === value }, t))));
  function apply() {
    const next = { status: document.getElementById('filter-status').value, owner: document.getElementById('filter-owner').value,
      network: document.getElementById('filter-network').value };
    go(dashboardHash(currentRange(d), next));
  }
  return h('div', { class: 'goal-filters', role: 'group', 'aria-label': 'Filter goals' },
    sel('filter-status', 'Status', statuses.map(s => [s, (GOAL_STATUS[s] || { words: s }).words]), f.status),
    sel('filter-owner', 'Owner', owners.map(o => [o, o]), f.owner),
    sel('filter-network', 'Network', nets.map(n => [n.id, n.name]), f.network));
}

/** The range shown, unless it is the default one (then the address stays short). */
function currentRange(d) {
  return getRange() ? { from: d.from, to: d.to } : null;
}

function hasAccounts(d) {
  return ((d.kpi_table && d.kpi_table.networks) || []).some(n => n.id !== 'all' && n.accounts > 0);
}

/** A new install: no account or no goal yet. */
function firstRun(d) {
  return !hasAccounts(d) || !(d.goals && d.goals.length);
}

/**
 * The first-run checklist: connect an account, import what the networks' APIs do not give, create a
 * goal; each step says whether it is done, and a goal is offered only once an account exists (the
 * wizard could not save one before).
 */
function firstRunChecklist(d, editable) {
  const accounts = hasAccounts(d);
  const goals = !!(d.goals && d.goals.length);
  const step = (done, title, text, link) => h('li', { class: done ? 'done' : '' },
    h('span', { class: 'check-mark', 'aria-hidden': 'true' }, done ? '✔' : '○'),
    h('span', { class: 'sr-only' }, done ? 'Done: ' : 'To do: '),
    h('strong', {}, title), ' — ', text, link ? [' ', link] : null);
  return h('section', { class: 'panel first-run', id: 'first-run', 'aria-labelledby': 'first-run-h' },
    h('h2', { id: 'first-run-h' }, 'Getting started'),
    h('ol', { class: 'checklist' },
      step(accounts, 'Connect an account', 'sign in with a network so Goalpost can keep its daily history.',
        !accounts && editable ? h('a', { class: 'button primary small', href: '#/accounts', id: 'first-run-connect' }, 'Connect an account') : null),
      step(false, 'Import what the APIs do not give', 'optional: website sessions, leads or older history as CSV, on the Accounts page.',
        accounts && editable ? h('a', { class: 'button small', href: '#/accounts' }, 'Import a CSV') : null),
      step(goals, 'Create a goal', accounts ? 'pick a KPI, a target and a deadline.' : 'possible once an account is connected: a goal measures its accounts.',
        accounts && !goals && editable ? h('a', { class: 'button primary small', href: '#/goals/new', id: 'first-run-goal' }, 'Create a goal') : null)));
}

export function rangeDays(d) {
  return daysBetween(d.from, d.to) + 1;
}

/** How the table's changes compare, in words. */
export function changeNote(d) {
  return `Each change is like for like: the same days of ${d.previous ? `the previous period (${fmtDay(d.previous.from)} to ${fmtDay(d.previous.to)})` : 'the previous period'}, `
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

function rangePicker(d, filters, problem) {
  const max = d.max_range_days || MAX_RANGE_DAYS;
  const from = h('input', { type: 'date', id: 'range-from', value: d.from, required: true, 'aria-describedby': 'range-error' });
  const to = h('input', { type: 'date', id: 'range-to', value: d.to, required: true, 'aria-describedby': 'range-error' });
  const err = h('p', { class: 'field-error range-error', id: 'range-error', 'aria-live': 'polite' });
  const apply = (r) => { setRange(r); go(dashboardHash(r, filters)); };
  const base = d.today || today();
  const preset = (days) => h('button', { type: 'button', class: 'button small', on: { click: () => apply({ from: addDays(base, -(days - 1)), to: base }) } }, `Last ${days} days`);
  return h('div', { class: 'range-block' },
    problem ? h('p', { class: 'alert alert-error', role: 'alert', id: 'range-problem' }, problem) : null,
    h('form', { class: 'range-picker', 'aria-label': 'Date range', novalidate: true, on: { submit: (e) => {
      e.preventDefault();
      const r = { from: from.value, to: to.value };
      const why = rangeProblem(r, max);
      if (why) { err.textContent = why[0].toUpperCase() + why.slice(1) + '.'; from.setAttribute('aria-invalid', 'true'); to.setAttribute('aria-invalid', 'true'); return; }
      apply(r);
    } } },
    h('label', { for: 'range-from' }, 'From'), from,
    h('label', { for: 'range-to' }, 'To'), to,
    h('button', { type: 'submit', class: 'button', id: 'range-apply' }, 'Apply'),
    preset(28), preset(90), preset(365),
    h('span', { class: 'muted small' }, `at most ${max.toLocaleString('en')} days`)),
    err);
}
