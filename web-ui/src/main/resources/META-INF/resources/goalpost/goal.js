// Goal detail: the goal's own series (actual, target, expected pace, forecast) on a time axis with
// its numbers as a table, the server's per-network breakdown (same measure, days and accounts as the
// headline), what the numbers compare and how the baseline changed, the KPI definition, tactics
// with a value/complexity quadrant chart, edit and delete, CSV export of the series.
import { h, api, append, clear, badge, GOAL_STATUS, ATTAINABILITY, loading, errorBox, fmtNumber, fmtApprox, fmtChange,
  fmtDay, zoneDay, daysInWords, windowText, measureName, downloadCsv, field, setFieldError, fieldErrors, networkColor, canEdit } from './util.js';
import { chartBox, dayMs, msDay, dayScale, compactAxis } from './charts.js';
import { goalCard } from './dashboard.js';
import { liveSource } from './source.js';
import { shareButton } from './share.js';
import { goalPostsSection } from './posts.js';
import { annotationsPanel } from './annotations.js';
import { addDemoBanner } from './demo.js';

const QUADRANTS = {
  quick_win: 'Quick win', big_bet: 'Big bet', fill_in: 'Fill-in', money_pit: 'Money pit',
};
const TACTIC_STATUS = { todo: 'To do', doing: 'Doing', done: 'Done', dropped: 'Dropped' };

const has = v => typeof v === 'number' && Number.isFinite(v);

/** The goal's measure per day and the lines it is judged against (GET /api/goals/{id}/series). */
export function goalSeries(id) {
  return liveSource.goalSeries(id);
}

/**
 * Draws a goal's series on a time axis: actual (null days are gaps, never 0), target, expected pace
 * from the baseline, forecast to the deadline and the baseline point.
 */
export function drawGoalChart(box, s) {
  const unit = s.kpi.unit;
  const pts = arr => (arr || []).map(p => ({ x: dayMs(p.day), y: has(p.value) ? p.value : null }));
  const actual = pts(s.actual);
  const line = (label, data, color, extra) => Object.assign({ label, data, borderColor: color, backgroundColor: color,
    pointRadius: 0, borderWidth: 2 }, extra);
  const datasets = [line(`Actual (${measureName(s.kpi, s.measure)})`, actual, '#2563eb',
    { pointRadius: actual.length > 60 ? 0 : 2, spanGaps: false })];
  if (s.target && s.target.length) datasets.push(line('Target', pts(s.target), '#059669', { borderDash: [6, 4] }));
  if (s.expected && s.expected.length) datasets.push(line('Expected pace', pts(s.expected), '#6b7280', { borderDash: [2, 3], borderWidth: 1.5 }));
  if (s.forecast && s.forecast.length) datasets.push(line('Forecast', pts(s.forecast), '#d97706', { borderDash: [8, 4], pointRadius: 3 }));
  if (s.baseline && has(s.baseline.value)) {
    datasets.push(line('Baseline', [{ x: dayMs(s.baseline.as_of), y: s.baseline.value }], '#7c3aed',
      { showLine: false, pointRadius: 6, pointStyle: 'rectRot' }));
  }
  const xs = datasets.flatMap(d => d.data.map(p => p.x));
  return box.draw({
    type: 'line',
    data: { datasets },
    options: {
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: dayScale(Math.min(...xs), Math.max(dayMs(s.deadline), ...xs)),
        y: compactAxis(unit, { title: { display: true, text: measureName(s.kpi, s.measure) + (unit === 'percent' ? ' (%)' : '') } }),
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: {
          title: items => items.length ? fmtDay(msDay(items[0].parsed.x)) : '',
          label: c => `${c.dataset.label}: ${fmtNumber(c.parsed.y, unit)}`,
        } },
      },
    },
  });
}

/**
 * The plotted numbers as tables: the chart's text alternative. {@code ids}: the tables' ids, on the
 * goal page only (the report shows one per goal, and ids must stay unique).
 */
export function seriesNumbers(s, { ids = true } = {}) {
  const unit = s.kpi.unit;
  const name = measureName(s.kpi, s.measure);
  const lines = [['Target', s.target], ['Expected pace', s.expected], ['Forecast', s.forecast]].filter(([, pts]) => pts && pts.length);
  return h('details', { class: 'chart-numbers' }, h('summary', {}, 'Show the numbers'),
    h('div', { class: 'numbers-cols' },
      h('div', { class: 'table-wrap' }, h('table', { id: ids ? 'goal-numbers-actual' : null, class: 'numbers-table' },
        h('caption', {}, `Actual: ${name}, per day`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, name))),
        h('tbody', {}, s.actual.map(p => h('tr', { dataset: { day: p.day } },
          h('th', { scope: 'row' }, fmtDay(p.day)),
          has(p.value) ? h('td', { class: 'num' }, fmtNumber(p.value, unit)) : h('td', { class: 'na' }, 'gap: window incomplete')))))),
      h('div', { class: 'table-wrap' }, h('table', { id: ids ? 'goal-numbers-lines' : null, class: 'numbers-table' },
        h('caption', {}, 'Baseline, target, expected pace and forecast'),
        h('thead', {}, h('tr', {}, ['Line', 'From', 'Value', 'To', 'Value'].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {},
          s.baseline && has(s.baseline.value) ? h('tr', {}, h('th', { scope: 'row' }, 'Baseline'), h('td', {}, fmtDay(s.baseline.as_of)),
            h('td', { class: 'num' }, fmtNumber(s.baseline.value, unit)), h('td', {}, '—'), h('td', {}, '—')) : null,
          lines.map(([label, pts]) => h('tr', {}, h('th', { scope: 'row' }, label),
            h('td', {}, fmtDay(pts[0].day)), h('td', { class: 'num' }, fmtNumber(pts[0].value, unit)),
            h('td', {}, fmtDay(pts[pts.length - 1].day)), h('td', { class: 'num' }, fmtNumber(pts[pts.length - 1].value, unit)))))))));
}

function seriesCsv(s) {
  const rows = [['goal_id', 'kpi', 'measure', 'line', 'day', 'value', 'note']];
  const add = (line, pts, note) => (pts || []).forEach(p => rows.push([s.goal_id, s.kpi.id, s.measure, line, p.day,
    has(p.value) ? p.value : '', has(p.value) ? '' : note]));
  add('actual', s.actual, 'window incomplete (a gap, not 0)');
  if (s.baseline && has(s.baseline.value)) add('baseline', [{ day: s.baseline.as_of, value: s.baseline.value }]);
  add('target', s.target);
  add('expected', s.expected);
  add('forecast', s.forecast);
  return rows;
}

/**
 * The goal page. {@code src} is where its data comes from; a read-only source (a share link) shows
 * no edit, delete, share or tactic controls and no link back to the dashboard.
 */
export async function renderGoal(view, ctx, id, src = liveSource, { note } = {}) {
  const editable = !src.readOnly && canEdit();
  const body = h('div', {}, loading('Loading the goal…'));
  view.append(body);
  let g, kpis;
  try {
    [g, kpis] = await Promise.all([src.goal(id), src.kpis().catch(() => ({ kpis: [] }))]);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    append(clear(body), [h('h1', {}, e.status === 404 ? 'Goal not found' : 'Goal'), errorBox(e, e.status === 404 ? {} : { retry: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }), src.readOnly ? null : h('p', {}, h('a', { href: '#/dashboard' }, 'Back to the dashboard'))]);
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  if (!src.readOnly) addDemoBanner(view, ctx, g.scope);
  const kpiDef = (kpis.kpis || []).find(k => k.id === g.kpi.id) || g.kpi;
  const unit = g.kpi.unit;
  const notice = h('div', { 'aria-live': 'polite' });
  // through append(): a share link's missing crumbs and a page without a note add nothing (DOM append would write "null")
  append(body, [src.readOnly ? null : h('p', { class: 'crumbs' }, h('a', { href: '#/dashboard' }, '← Dashboard')),
    h('div', { class: 'page-head' },
      h('h1', { class: 'goal-title' }, g.title),
      editable ? h('div', { class: 'actions' },
        shareButton({ kind: 'goal', goal: { id: g.id, name: g.title } }),
        h('a', { class: 'button', href: `#/goals/${g.id}/edit` }, 'Edit'),
        h('button', { type: 'button', class: 'button danger', on: { click: async () => {
          if (!confirm(`Delete the goal “${g.title}” and its tactics?`)) return;
          try { await api(`/api/goals/${g.id}`, { method: 'DELETE' }); location.hash = '#/dashboard'; }
          catch (err) { clear(notice).append(errorBox(err)); }
        } } }, 'Delete')) : null),
    note || null,
    notice]);

  const collecting = g.status === 'collecting';
  const fc = g.forecast || {};
  body.append(h('div', { class: 'detail-top' },
    h('section', { class: 'panel' },
      h('p', { class: 'goal-sentence big' }, daysInWords(g.sentence) || ''),
      h('p', { class: 'goal-status-line' }, badge(GOAL_STATUS, g.status, 'goal-status'), ' ', h('span', { id: 'goal-status-reason' }, daysInWords(g.status_reason) || '')),
      h('dl', { class: 'facts-grid' },
        fact('Objective', g.objective ? g.objective.name : ''),
        fact('Baseline', measured('goal-baseline', g.baseline, g.measure, unit)),
        fact('Current', measured('goal-current', g.current, g.measure, unit)),
        fact('Target', g.target && has(g.target.resolved) ? fmtNumber(g.target.resolved, unit) : 'not available'),
        collecting && g.ready_on ? fact('Ready on', h('span', { id: 'goal-ready-on' }, fmtDay(g.ready_on))) : null,
        fact('Progress', has(g.progress) ? `${Math.round(g.progress)} % (expected ${Math.round(g.expected_progress ?? 0)} %)` : 'not available'),
        fact('Forecast', has(fc.value) ? h('span', { title: fmtNumber(fc.value, unit) }, `about ${fmtApprox(fc.value, unit)} on ${fmtDay(fc.at)} (${perWeek(fc.trend_per_week, unit)} per week)`) : `not available${fc.reason ? ': ' + daysInWords(fc.reason) : ''}`),
        fact('Attainability', g.attainability ? [badge(ATTAINABILITY, g.attainability.label, 'small'), ' ', attText(g.attainability, unit)] : 'not checked'),
        fact('Period', `${fmtDay(g.start)} to ${fmtDay(g.deadline)}`),
        fact('Owner', g.owner || 'nobody'),
        fact('Coverage', g.coverage ? g.coverage.label : ''),
        fact('Why', g.why || '—')),
      g.comparison && g.comparison.note ? h('p', { class: 'comparison-note small', id: 'goal-comparison-note' },
        h('strong', {}, 'Like for like: '), daysInWords(g.comparison.note)) : null,
      baselineChanges(g)),
    h('aside', { class: 'panel kpi-def', 'aria-labelledby': 'def-h' },
      h('h2', { id: 'def-h' }, kpiDef.name || g.kpi.name),
      h('p', {}, kpiDef.definition || ''),
      kpiDef.formula ? h('p', { class: 'small' }, h('strong', {}, 'Formula: '), kpiDef.formula) : null,
      h('p', { class: 'small muted' }, `Measured as ${g.measure === 'level' ? 'the level on a day (the last value in the 7 days to then)' : g.measure === 'daily' ? 'the value of one day' : 'the total of the last 7 days'}; good direction: ${g.kpi.direction === 'down' ? 'down' : 'up'}.`))));

  const chartSec = h('section', { class: 'panel', 'aria-labelledby': 'gchart-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'gchart-h' }, 'Actual vs target vs forecast')));
  const chartHolder = h('div', {}, loading('Loading the series…'));
  chartSec.append(chartHolder);
  body.append(chartSec);
  body.append(breakdownSection(g));
  body.append(tacticsSection(g, ctx, editable));
  if (!src.readOnly) {
    body.append(goalPostsSection(g, ctx), annotationsPanel({ goalId: g.id, ctx }),
      h('p', { class: 'goal-report-link' }, h('a', { class: 'button', id: 'goal-report-pdf', href: `/api/goals/${g.id}/report.pdf`, download: '' }, 'Download the goal report (PDF)')));
  }

  src.goalSeries(g.id).then(s => {
    if (!ctx.isCurrent()) return;
    clear(chartHolder);
    chartSec.querySelector('.section-head').append(h('button', { type: 'button', class: 'button', on: {
      click: () => downloadCsv(`goal-${g.id}-series.csv`, seriesCsv(s)) } }, 'Export CSV'));
    const actual = s.actual || [];
    if (!actual.some(p => has(p.value))) {
      chartHolder.append(h('p', { class: 'empty' }, `No complete ${measureName(s.kpi, s.measure)} window stored for this goal's accounts yet.`),
        seriesNumbers(s));
      return;
    }
    const gaps = actual.filter(p => !has(p.value)).length;
    const cb = chartBox(`${measureName(s.kpi, s.measure)}: actual, target, expected pace and forecast for ${g.title}. The numbers are in the table below.`, { height: 320 });
    chartHolder.append(cb.box,
      h('p', { class: 'muted small' }, `Each point is the goal's measure on that day (${g.measure === 'per_7_days' ? 'the 7 days to it' : g.measure === 'level' ? 'the level' : 'that day'}); the last one is the current value.`,
        gaps ? ` ${gaps} day${gaps === 1 ? ' has' : 's have'} no value because not every account had reported the whole window: they are gaps, not zeros.` : ''),
      seriesNumbers(s));
    drawGoalChart(cb, s);
  }, e => { if (ctx.isCurrent()) clear(chartHolder).append(errorBox(e, { retry: () => window.dispatchEvent(new HashChangeEvent('hashchange')) })); });
}

/** A baseline or current value with the window it was measured over. */
function measured(id, v, measure, unit) {
  if (!v || !has(v.value)) {
    return [h('span', { id: id + '-value', class: 'na' }, 'not available'), v && v.reason ? h('span', { class: 'cell-note' }, daysInWords(v.reason)) : null];
  }
  return [h('span', { id: id + '-value', class: 'fact-value' }, fmtNumber(v.value, unit)),
    h('span', { id: id + '-window', class: 'cell-note' }, windowText(measure, v.from, v.as_of))];
}

export function perWeek(v, unit) {
  if (!has(v)) return '—';
  return unit === 'percent' ? fmtChange(v, unit) : (v > 0 ? '+' : '') + fmtApprox(v, unit);
}

/** "On 6 Dec, Acme X Support was added: baseline 1,030 → 1,530 (why)." */
function baselineChanges(g) {
  const changes = g.baseline_changes || [];
  if (!changes.length) return null;
  const unit = g.kpi.unit;
  return h('div', { class: 'baseline-changes' }, h('h3', {}, 'Baseline changes'),
    h('ul', { id: 'goal-baseline-changes' }, changes.map(c => {
      const when = c.when ? fmtDay(zoneDay(c.when)) : 'Once';
      const name = c.account ? c.account.name : 'an account';
      return h('li', {}, `On ${when}, ${name} was ${c.change === 'removed' ? 'removed' : 'added'}: baseline `,
        has(c.old_baseline) ? fmtNumber(c.old_baseline, unit) : 'not available', ' → ',
        has(c.new_baseline) ? fmtNumber(c.new_baseline, unit) : 'not available',
        c.why ? ` (${daysInWords(c.why)}).` : '.');
    })));
}

/**
 * The server's breakdown: one row per network over the same measure, days and accounts as the
 * headline, a total row equal to the headline, and the accounts left out with why.
 */
function breakdownSection(g) {
  const unit = g.kpi.unit;
  const sec = h('section', { class: 'panel', 'aria-labelledby': 'bd-h' }, h('h2', { id: 'bd-h' }, 'Per network'));
  const rows = g.breakdown || [];
  const cmp = g.comparison || {};
  const excluded = cmp.excluded || [];
  const base = g.baseline || {};
  const cur = g.current || {};
  sec.append(h('p', { class: 'muted small' }, 'Same measure, days and accounts as the headline: current ',
    cur.as_of ? windowText(g.measure, cur.from, cur.as_of) : 'not available', ', baseline ',
    base.as_of && has(base.value) ? windowText(g.measure, base.from, base.as_of) : 'not available', '.'));
  if (!rows.length) {
    sec.append(h('p', { class: 'empty' }, 'No account is measured for this goal yet.'));
  } else {
    const cell = (v, reason, cls) => has(v) ? h('td', { class: 'num ' + cls }, fmtNumber(v, unit))
      : h('td', { class: 'na ' + cls }, 'not available', reason ? h('span', { class: 'cell-note' }, reason) : null);
    const change = (b, c) => has(b) && has(c) ? fmtChange(c - b, unit) : '—';
    const accounts = rows.reduce((n, r) => n + (r.accounts || []).length, 0);
    sec.append(h('div', { class: 'table-wrap' }, h('table', { class: 'breakdown-table' },
      h('caption', { class: 'sr-only' }, `${measureName(g.kpi, g.measure)} per network, with the headline as the total`),
      h('thead', {}, h('tr', {}, ['Network and accounts', 'Baseline', 'Current', 'Change'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows.map(r => h('tr', { dataset: { network: r.network } },
        h('th', { scope: 'row' }, h('span', { class: 'net-dot', style: `background:${networkColor(r.network)}`, 'aria-hidden': 'true' }), r.name || r.network,
          h('span', { class: 'cell-note bd-accounts' }, (r.accounts || []).map(a => a.name).join(', '))),
        cell(r.baseline, r.baseline_reason, 'bd-baseline'), cell(r.current, r.current_reason, 'bd-current'),
        h('td', { class: 'num' }, has(r.change) ? fmtChange(r.change, unit) : '—')))),
      h('tfoot', {}, h('tr', { class: 'total-row' },
        h('th', { scope: 'row' }, 'Total (headline)', h('span', { class: 'cell-note' }, `${accounts} account${accounts === 1 ? '' : 's'}`)),
        cell(base.value, base.reason, 'bd-baseline'), cell(cur.value, cur.reason, 'bd-current'),
        h('td', { class: 'num' }, change(base.value, cur.value)))))));
    if (unit === 'percent' || g.kpi.type === 'derived') {
      sec.append(h('p', { class: 'muted small' }, `A rate does not add up across networks: the total is ${g.kpi.name} over all measured accounts' sums.`));
    }
  }
  if (excluded.length) {
    sec.append(h('h3', {}, 'Left out'), h('ul', { class: 'excluded-list', id: 'goal-excluded' },
      excluded.map(e => h('li', {}, h('strong', {}, e.name), ': ', daysInWords(e.why)))));
  }
  return sec;
}

function fact(k, v) {
  return h('div', {}, h('dt', {}, k), h('dd', {}, v));
}

export function attText(a, unit) {
  const parts = [];
  if (has(a.required_weekly_change)) parts.push(`needs ${perWeek(a.required_weekly_change, unit)} per week`);
  if (has(a.historical_weekly_change)) parts.push(`history shows ${perWeek(a.historical_weekly_change, unit)} per week`);
  if (a.reason) parts.push(daysInWords(a.reason));
  return parts.join('; ');
}

function tacticsSection(g, ctx, editable) {
  const sec = h('section', { class: 'panel', 'aria-labelledby': 'tac-h' }, h('h2', { id: 'tac-h' }, 'Tactics'));
  const tactics = g.tactics || [];
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  const notice = h('div', { 'aria-live': 'polite' });
  sec.append(notice);
  if (!tactics.length) {
    sec.append(h('p', { class: 'empty' }, editable ? 'No tactics yet: add what you will do to reach this goal.' : 'No tactics yet.'));
  } else {
    const layout = h('div', { class: 'tactics-layout' });
    // under 600 px each tactic becomes a card, every value under its column's name (table.stack)
    const cell = (label, ...content) => h('td', { 'data-label': label }, ...content);
    layout.append(h('div', { class: 'table-wrap stack-wrap' }, h('table', { class: 'tactics-table stack' },
      h('thead', {}, h('tr', {}, ['#', 'Tactic', 'Quadrant', 'Value', 'Complexity', 'Owner', 'Due', 'Status', editable ? 'Actions' : null]
        .filter(t => t !== null).map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, tactics.map(t => h('tr', { dataset: { tacticId: String(t.id) } },
        cell('#', String(t.priority ?? '')), h('th', { scope: 'row' }, t.title), cell('Quadrant', QUADRANTS[t.quadrant] || t.quadrant || ''),
        cell('Value', String(t.value)), cell('Complexity', String(t.complexity)),
        editable ? tacticCells(g, t, notice, cell) : [cell('Owner', t.owner || '—'), cell('Due', t.due ? fmtDay(t.due) : '—'), cell('Status', TACTIC_STATUS[t.status] || t.status || '')],
        editable ? cell('Actions', h('button', { type: 'button', class: 'button small danger', on: { click: async () => {
          if (!confirm(`Delete the tactic “${t.title}”?`)) return;
          try { await api(`/api/goals/${g.id}/tactics/${t.id}`, { method: 'DELETE' }); reload(); } catch (e) { clear(notice).append(errorBox(e)); }
        } } }, 'Delete', h('span', { class: 'sr-only' }, ` tactic ${t.title}`))) : null))))));
    const cb = chartBox(`Value and complexity of the tactics of ${g.title}`, { height: 280, extraClass: 'quadrant' });
    layout.append(h('figure', { class: 'quadrant-fig' }, h('figcaption', {}, 'Value / complexity: quick wins top-left'), cb.box));
    sec.append(layout);
    setTimeout(() => ctx.isCurrent() && cb.draw(quadrantConfig(tactics)), 0);
  }
  if (editable) sec.append(tacticForm(g, reload));
  return sec;
}

/**
 * A tactic's owner, due date and status, changed in place: each control saves on change (PUT with
 * the tactic's other fields as they are) and says "Saved" or why not, next to it.
 */
function tacticCells(g, t, notice, cell) {
  const current = { title: t.title, value: t.value, complexity: t.complexity, status: t.status, owner: t.owner || null, due: t.due || null };
  const said = h('span', { class: 'tactic-saved small', role: 'status' });
  const save = async (change, control) => {
    const body = Object.assign({}, current, change);
    if (!body.owner) delete body.owner;
    if (!body.due) delete body.due;
    control.disabled = true;
    said.textContent = 'Saving…';
    try {
      const r = await api(`/api/goals/${g.id}/tactics/${t.id}`, { method: 'PUT', body });
      Object.assign(current, { status: r.status, owner: r.owner || null, due: r.due || null });
      said.textContent = 'Saved.';
      clear(notice);
    } catch (e) {
      said.textContent = 'Not saved.';
      clear(notice).append(errorBox(e));
    } finally {
      control.disabled = false;
    }
  };
  const owner = h('input', { type: 'text', class: 'tactic-owner', value: t.owner || '', 'aria-label': `Owner of ${t.title}`, maxlength: '200',
    on: { change: e => save({ owner: e.target.value.trim() || null }, e.target) } });
  const due = h('input', { type: 'date', class: 'tactic-due', value: t.due || '', 'aria-label': `Due date of ${t.title}`,
    on: { change: e => save({ due: e.target.value || null }, e.target) } });
  const status = h('select', { class: 'tactic-status', 'aria-label': `Status of ${t.title}`, on: { change: e => save({ status: e.target.value }, e.target) } },
    Object.entries(TACTIC_STATUS).map(([k, v]) => h('option', { value: k, selected: k === t.status }, v)));
  return [cell('Owner', owner), cell('Due', due), cell('Status', status, said)];
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
