// Accounts: list with sync status and warnings in words, sync now, delete, connect form from the
// network's declared configuration fields, CSV import of manual metrics and its undo, and a daily
// chart per account that tells reported from rebuilt follower days.
import { h, api, clear, badge, SYNC_STATUS, loading, errorBox, fmtDateTime, fmtDay, fmtNumber, field, setFieldError,
  fieldErrors, addDays, today, networkColor, canEdit } from './util.js';
import { chartBox, compactAxis, dayMs, msDay, dayScale, numbersTable } from './charts.js';

/** The longest range GET /api/accounts/{id}/metrics answers, in days. */
const IMPORTED = new Set(['manual', 'csv']);

export async function renderAccounts(view, ctx, selectedId) {
  // A viewer sees the accounts and their charts; connecting, syncing, deleting and importing need the editor role.
  const editable = canEdit();
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Accounts'),
    editable ? h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#connect' ,
      on: { click: (e) => { e.preventDefault(); const el = document.getElementById('connect'); el.open = true; el.scrollIntoView(); document.getElementById('connect-network')?.focus(); } } }, '+ Connect an account')) : null));
  const body = h('div', {}, loading('Loading accounts…'));
  view.append(body);
  let accounts, networks;
  try {
    [accounts, networks] = await Promise.all([api('/api/accounts'), api('/api/networks').catch(() => [])]);
  } catch (e) {
    if (ctx.isCurrent()) clear(body).append(errorBox(e, { retry: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  const listSec = h('section', { 'aria-labelledby': 'acc-h' }, h('h2', { id: 'acc-h' }, 'Connected accounts'));
  const notice = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  listSec.append(notice);
  if (accounts.length === 0) {
    listSec.append(h('div', { class: 'empty-state' }, h('p', {}, editable
      ? 'No accounts yet: connect one below, or add a manual source (e.g. your website) for CSV imports.' : 'No accounts yet.')));
  } else {
    listSec.append(accountTable(accounts, notice, reload, editable));
  }
  body.append(listSec);

  const chartSec = h('section', { 'aria-labelledby': 'chart-h' }, h('h2', { id: 'chart-h' }, 'Daily followers and views'));
  body.append(chartSec);
  let redraw = null;
  let chartSel = null;
  if (accounts.length) {
    const chosen = accounts.find(a => a.id === selectedId) || accounts.find(a => a.kind !== 'manual' && a.sync && a.sync.status === 'ok') || accounts[0];
    const sel = h('select', { id: 'chart-account' }, accounts.map(a => h('option', { value: String(a.id), selected: a.id === chosen.id }, `${a.name} (${a.networkName || a.network})`)));
    const days = h('select', { id: 'chart-days' }, [90, 365, 730].map(n => h('option', { value: String(n), selected: n === 365 }, `Last ${n} days`)));
    const holder = h('div', {});
    const draw = () => accountChart(holder, accounts.find(a => String(a.id) === sel.value), Number(days.value), ctx);
    sel.addEventListener('change', draw);
    days.addEventListener('change', draw);
    redraw = draw;
    chartSel = sel;
    chartSec.append(h('div', { class: 'inline-form' }, h('label', { for: 'chart-account' }, 'Account'), sel,
      h('label', { for: 'chart-days' }, 'Period'), days), holder);
    draw();
  } else {
    chartSec.append(h('p', { class: 'empty' }, 'Connect an account to see its daily numbers.'));
  }

  if (!editable) return;
  const redrawIf = id => { if (redraw && chartSel && chartSel.value === String(id)) redraw(); };
  const remover = removeImportSection(accounts, redrawIf);
  body.append(importSection(accounts, id => { remover.load(); redrawIf(id); }));
  body.append(remover.sec);
  body.append(connectSection(networks, reload));
  if (location.hash.endsWith('#connect')) document.getElementById('connect').open = true;
}

function syncText(s) {
  if (!s) return '';
  return s.statusText || (SYNC_STATUS[s.status] || {}).words || s.status;
}

/** Values the host refused to store at the last sync, in words. */
function syncWarnings(warnings) {
  if (!warnings || !warnings.length) return null;
  const n = warnings.length;
  return h('div', { class: 'sync-warnings' },
    h('p', { class: 'warn-title' }, h('span', { 'aria-hidden': 'true' }, '! '), `${n} value${n === 1 ? ' was' : 's were'} not stored:`),
    h('ul', {}, warnings.map(w => h('li', {}, w))));
}

function accountTable(accounts, notice, reload, editable) {
  const rows = accounts.map(a => {
    const s = a.sync || {};
    const errText = s.lastError ? s.lastError : '';
    return h('tr', { dataset: { accountId: String(a.id), syncStatus: s.status || '' } },
      h('td', { dataset: { label: 'Network' } }, h('span', { class: 'net-dot', style: `background:${networkColor(a.network)}`, 'aria-hidden': 'true' }), a.networkName || a.network),
      h('th', { scope: 'row', class: 'account-name' }, a.name,
        a.identity && (a.identity.handle || a.identity.displayName) ? h('span', { class: 'muted small block' }, a.identity.handle || a.identity.displayName) : null),
      h('td', { dataset: { label: 'Status' } }, badge(SYNC_STATUS, s.status), h('span', { class: 'status-text block' }, syncText(s)),
        s.retryAt ? h('span', { class: 'muted small block' }, 'next try: ' + fmtDateTime(s.retryAt)) : null,
        syncWarnings(s.warnings)),
      h('td', { dataset: { label: 'Last sync' } }, s.syncedThrough ? `data through ${fmtDay(s.syncedThrough)}` : 'no data yet',
        h('span', { class: 'muted small block' }, 'last success: ' + fmtDateTime(s.lastSuccessAt))),
      h('td', { class: 'last-error', dataset: { label: 'Last error' } }, errText ? h('span', { class: 'tone-text-bad' }, errText) : h('span', { class: 'muted' }, 'none'),
        s.notes ? (s.notes.length > 140
          ? h('details', { class: 'notes small muted' }, h('summary', {}, s.notes.slice(0, 100) + '…'), s.notes)
          : h('span', { class: 'muted small block' }, s.notes)) : null),
      // accessible names start with the visible words ("Sync now", then whose), as voice control users say them
      h('td', { class: 'row-actions', dataset: { label: 'Actions' } },
        h('a', { class: 'button small', href: `#/accounts/${a.id}` }, 'Chart', h('span', { class: 'sr-only' }, ` of ${a.name}`)),
        !editable || a.kind === 'manual' ? null : h('button', { type: 'button', class: 'button small sync-now', on: { click: async (e) => {
          const btn = e.currentTarget;
          btn.disabled = true;
          try { await api(`/api/accounts/${a.id}/sync`, { method: 'POST' }); notice.className = 'notice alert alert-ok'; notice.textContent = `Sync of “${a.name}” scheduled.`; setTimeout(reload, 1500); }
          catch (err) { notice.className = 'notice alert alert-error'; notice.textContent = err.message; btn.disabled = false; }
        } } }, 'Sync now', h('span', { class: 'sr-only' }, ` ${a.name}`)),
        editable ? h('button', { type: 'button', class: 'button small danger', on: { click: async () => {
          if (!confirm(`Delete the account “${a.name}” and all its stored data?`)) return;
          try { await api(`/api/accounts/${a.id}`, { method: 'DELETE' }); reload(); }
          catch (err) { notice.className = 'notice alert alert-error'; notice.textContent = err.message; }
        } } }, 'Delete', h('span', { class: 'sr-only' }, ` ${a.name}`)) : null));
  });
  return h('div', { class: 'table-wrap stack-wrap' }, h('table', { class: 'accounts-table stack' },
    h('thead', {}, h('tr', {}, ['Network', 'Name', 'Status', 'Last sync', 'Last error', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows)));
}

/** Normalises both documented shapes of GET /api/accounts/{id}/metrics into {metric: [{day, value, source}]}. */
function seriesOf(r) {
  if (r && r.series && !Array.isArray(r.series)) return r.series;
  const out = {};
  for (const p of (r && r.points) || []) (out[p.metric] ||= []).push({ day: p.day, value: p.value, source: p.source });
  for (const k of Object.keys(out)) out[k].sort((a, b) => a.day < b.day ? -1 : 1);
  return out;
}

async function accountChart(holder, account, days, ctx) {
  clear(holder).append(loading('Loading the chart…'));
  const to = today();
  const from = addDays(to, -(days - 1));
  let r;
  try {
    r = await api(`/api/accounts/${account.id}/metrics?from=${from}&to=${to}`);
  } catch (e) {
    if (ctx.isCurrent()) clear(holder).append(errorBox(e, { retry: () => accountChart(holder, account, days, ctx) }));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(holder);
  const s = seriesOf(r);
  const f = s.followers || [];
  const v = s.views || [];
  const note = account.coverage && account.coverage.note;
  if (note) holder.append(h('p', { class: 'coverage-note small' }, h('strong', {}, 'Follower history: '), note));
  if (f.length === 0 && v.length === 0) {
    const other = Object.keys(s);
    holder.append(h('p', { class: 'empty' }, `No followers or views stored for “${account.name}” in this period.`,
      other.length ? ` Stored metrics: ${other.join(', ')}.` : ''));
    return;
  }
  // Follower days the host rebuilt from daily gains are a separate, dashed line, joined to the first
  // reported day after them; reported and imported days are the solid line.
  const derived = f.filter(p => p.source === 'derived');
  const reported = f.filter(p => p.source !== 'derived');
  const imported = [...f, ...v].filter(p => IMPORTED.has(p.source)).length;
  const lastDerived = derived.length ? derived[derived.length - 1].day : null;
  const join = lastDerived ? reported.find(p => p.day > lastDerived) : null;
  const labels = [...new Set([...f, ...v].map(p => p.day))].sort();
  const pt = p => ({ x: dayMs(p.day), y: p.value });
  const datasets = [
    { label: 'Followers', data: reported.map(pt), borderColor: '#2563eb', backgroundColor: '#2563eb', yAxisID: 'y', pointRadius: 0, borderWidth: 2 },
  ];
  if (derived.length) {
    datasets.push({ label: 'Followers (rebuilt from daily gains)', data: [...derived, ...(join ? [join] : [])].map(pt),
      borderColor: '#7c3aed', backgroundColor: '#7c3aed', borderDash: [6, 4], yAxisID: 'y', pointRadius: 0, borderWidth: 2 });
  }
  if (v.length) datasets.push({ label: 'Views', data: v.map(pt), borderColor: '#d97706', backgroundColor: '#d97706', yAxisID: 'y1', pointRadius: 0, borderWidth: 1.5 });
  const cb = chartBox(`Daily followers${derived.length ? ' (reported and rebuilt)' : ''} and views of ${account.name}`, { height: 300 });
  holder.append(h('p', { class: 'muted small', id: 'chart-summary' }, `${account.name}: ${f.length} days of followers`,
    derived.length ? ` (${derived.length} rebuilt from daily gains, ${fmtDay(derived[0].day)} to ${fmtDay(lastDerived)}: dashed line)` : '',
    `, ${v.length} days of views.`, imported ? ` ${imported} of these days were imported by hand or from CSV.` : '',
    ' Days without data are gaps, not zeros.'), cb.box);
  const fByDay = Object.fromEntries(f.map(p => [p.day, p]));
  const vByDay = Object.fromEntries(v.map(p => [p.day, p]));
  holder.append(numbersTable(`Daily followers and views of ${account.name}`, ['Day', 'Followers', 'Views'],
    labels.map(day => [fmtDay(day),
      fByDay[day] ? fmtNumber(fByDay[day].value) + (fByDay[day].source === 'derived' ? ' (rebuilt)' : '') : '',
      vByDay[day] ? fmtNumber(vByDay[day].value) : ''])));
  cb.draw({
    type: 'line',
    data: { datasets },
    options: {
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      scales: {
        x: labels.length ? dayScale(dayMs(labels[0]), dayMs(labels[labels.length - 1])) : undefined,
        y: compactAxis('count', { position: 'left', title: { display: true, text: 'Followers' } }),
        y1: compactAxis('count', { display: v.length > 0, position: 'right', title: { display: true, text: 'Views per day' }, grid: { drawOnChartArea: false }, beginAtZero: true }),
      },
      plugins: { legend: { position: 'bottom' }, tooltip: { callbacks: { title: items => items.length ? fmtDay(msDay(items[0].parsed.x)) : '' } } },
    },
  });
}

/**
 * Undo of an import (DELETE /api/accounts/{id}/metrics): removes the points imported by hand or
 * from CSV — never what a sync stored or the host derived — of one metric or all, within optional
 * days, and says how many went.
 */
function removeImportSection(accounts, onRemoved) {
  const sec = h('details', { class: 'panel', id: 'remove-import' }, h('summary', {}, h('h2', { class: 'inline-h' }, 'Remove imported data')));
  if (accounts.length === 0) {
    sec.append(h('p', { class: 'empty' }, 'Add an account or a manual source first.'));
    return { sec, load: () => {} };
  }
  const ordered = [...accounts.filter(a => a.kind === 'manual'), ...accounts.filter(a => a.kind !== 'manual')];
  const acc = field('remove-account', 'From account', h('select', {}, ordered.map(a => h('option', { value: String(a.id) }, `${a.name} (${a.networkName || a.network})`))));
  const metric = field('remove-metric', 'Metric', h('select', {}), 'Only metrics with imported points are listed.');
  const from = field('remove-from', 'From day (optional)', h('input', { type: 'date' }));
  const to = field('remove-to', 'To day (optional)', h('input', { type: 'date' }));
  const result = h('div', { class: 'remove-result', 'aria-live': 'polite' });
  const btn = h('button', { type: 'submit', class: 'button danger' }, 'Remove imported points');
  let found = {};
  const account = () => accounts.find(a => String(a.id) === acc.input.value);
  const load = async () => {
    const id = acc.input.value;
    metric.input.disabled = true;
    btn.disabled = true;
    const keepWhileLoading = metric.input.value;
    clear(metric.input).append(h('option', { value: keepWhileLoading }, 'Loading…'));
    let r;
    try {
      r = await api(`/api/accounts/${id}/imports`);
    } catch (e) {
      clear(metric.input).append(h('option', { value: '' }, 'not available'));
      setFieldError(metric, e.message);
      return;
    }
    if (acc.input.value !== id) return;
    setFieldError(metric, '');
    found = {};
    for (const x of r.imports || []) {
      const f = found[x.metric] || { count: 0, first: x.first, last: x.last };
      f.count += x.count;
      if (x.first < f.first) f.first = x.first;
      if (x.last > f.last) f.last = x.last;
      found[x.metric] = f;
    }
    const keep = metric.input.value;
    const names = Object.keys(found).sort();
    const total = names.reduce((n, m) => n + found[m].count, 0);
    clear(metric.input);
    if (!names.length) {
      metric.input.append(h('option', { value: '' }, 'No imported points'));
      return;
    }
    metric.input.append(...names.map(m => h('option', { value: m },
      `${m}: ${found[m].count} imported point${found[m].count === 1 ? '' : 's'}, ${found[m].first === found[m].last ? found[m].first : found[m].first + ' to ' + found[m].last}`)));
    if (names.length > 1) metric.input.append(h('option', { value: '' }, `Every imported metric (${total} points)`));
    if (names.includes(keep)) metric.input.value = keep;
    metric.input.disabled = false;
    btn.disabled = false;
  };
  acc.input.addEventListener('change', () => { clear(result); load(); });
  const form = h('form', { novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(result);
    [from, to].forEach(f => setFieldError(f, ''));
    if (from.input.value && to.input.value && to.input.value < from.input.value) { setFieldError(to, 'must not be before the from day'); to.input.focus(); return; }
    const a = account();
    const m = metric.input.value;
    const f = from.input.value;
    const t = to.input.value;
    const range = f && t ? ` from ${f} to ${t}` : f ? ` from ${f} on` : t ? ` up to ${t}` : '';
    const what = m ? `the imported ${m} points` : 'every imported point';
    if (!confirm(`Remove ${what} of “${a.name}”${range}? Points stored by a sync are kept. This cannot be undone.`)) return;
    const q = new URLSearchParams();
    if (m) q.set('metric', m);
    if (from.input.value) q.set('from', from.input.value);
    if (to.input.value) q.set('to', to.input.value);
    btn.disabled = true;
    try {
      const r = await api(`/api/accounts/${a.id}/metrics${q.toString() ? '?' + q : ''}`, { method: 'DELETE' });
      const n = r.deleted;
      result.append(h('p', { class: n ? 'alert alert-ok' : 'alert alert-info', id: 'remove-result-text' }, n
        ? `Removed ${fmtNumber(n)} imported point${n === 1 ? '' : 's'} (${m || 'every imported metric'}) from “${a.name}”${range}.`
        : `Nothing was removed: no imported ${m || ''} point of “${a.name}”${range} matched.`.replace('  ', ' ')));
      onRemoved(a.id);
    } catch (err) {
      result.append(errorBox(err));
      for (const [k, msg] of Object.entries(fieldErrors(err.details))) ({ from, to, metric })[k] && setFieldError(({ from, to, metric })[k], msg);
    } finally {
      await load();
    }
  } } }, h('p', { class: 'help' }, 'Removes points imported by hand or from CSV; what a sync stored and the follower days Goalpost rebuilt stay. Goals and KPIs follow at once.'),
  acc.wrap, metric.wrap, h('div', { class: 'form-row' }, from.wrap, to.wrap), btn, result);
  sec.append(form);
  // The list of imported metrics reads up to three years of the account's points: only once opened.
  let opened = false;
  sec.addEventListener('toggle', () => { if (sec.open && !opened) { opened = true; load(); } });
  return { sec, load: () => { if (opened) load(); } };
}

function importSection(accounts, onImported) {
  const sec = h('details', { class: 'panel', id: 'import' }, h('summary', {}, h('h2', { class: 'inline-h' }, 'Import metrics from CSV')));
  if (accounts.length === 0) {
    sec.append(h('p', { class: 'empty' }, 'Add an account or a manual source first.'));
    return sec;
  }
  const acc = field('import-account', 'Into account', h('select', {}, accounts.map(a => h('option', { value: String(a.id) }, `${a.name} (${a.networkName || a.network})`))));
  const file = field('import-file', 'CSV file', h('input', { type: 'file', accept: '.csv,text/csv' }), 'Columns: day,metric,value (header optional). Metrics: e.g. web_sessions, conversions, leads, or manual.response_time.');
  const text = field('import-text', 'Or paste CSV', h('textarea', { rows: '6', placeholder: 'day,metric,value\n2026-01-05,web_sessions,1200' }));
  const result = h('div', { class: 'import-result', 'aria-live': 'polite' });
  const form = h('form', { on: { submit: async (e) => {
    e.preventDefault();
    clear(result);
    setFieldError(text, '');
    let csv = text.input.value;
    if (file.input.files && file.input.files[0]) csv = await file.input.files[0].text();
    if (!csv.trim()) { setFieldError(text, 'Choose a file or paste CSV rows.'); return; }
    const btn = form.querySelector('button[type=submit]');
    btn.disabled = true;
    try {
      const r = await api(`/api/accounts/${acc.input.value}/metrics/csv`, { method: 'POST', body: csv, contentType: 'text/csv' });
      result.append(importSummary(r, false));
      onImported(Number(acc.input.value));
    } catch (err) {
      result.append(errorBox(err));
      if (err.details && typeof err.details === 'object' && Array.isArray(err.details.rejected)) result.append(importSummary(err.details, true));
    } finally {
      btn.disabled = false;
    }
  } } }, acc.wrap, file.wrap, text.wrap, h('button', { type: 'submit', class: 'button primary' }, 'Import'), result);
  sec.append(form);
  return sec;
}

function importSummary(r, failed) {
  const out = h('div', { class: 'import-summary' });
  if (!failed) {
    // the colour follows what share of the rows was refused: all in is good, some out a warning, most out an error
    const rejected = r.rejected ? r.rejected.length : 0;
    const share = r.received ? rejected / r.received : 0;
    const tone = rejected === 0 ? 'alert-ok' : share >= 0.5 ? 'alert-error' : 'alert-warn';
    out.append(h('p', { class: `alert ${tone}`, id: 'import-summary-text', dataset: { rejectedShare: String(Math.round(share * 100)) } },
      rejected ? h('strong', {}, `${Math.round(share * 100)} % of the rows were rejected. `) : null,
      `${r.accepted} of ${r.received} rows accepted: ${r.inserted} new, ${r.updated} updated, ${r.unchanged} unchanged.`,
      r.rejected && r.rejected.length ? ` ${r.rejected.length} rejected (listed below).` : ''));
  }
  if (r.rejected && r.rejected.length) {
    out.append(h('table', { class: 'rejected-table' },
      h('caption', {}, 'Rejected rows'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Line'), h('th', { scope: 'col' }, 'Reason'))),
      h('tbody', {}, r.rejected.map(x => h('tr', {}, h('td', {}, x.line ?? (x.index !== null && x.index !== undefined ? `row ${x.index + 1}` : '?')), h('td', {}, x.reason))))));
  }
  return out;
}

function connectSection(networks, reload) {
  const sec = h('details', { class: 'panel', id: 'connect' }, h('summary', {}, h('h2', { class: 'inline-h' }, 'Connect an account')));
  const all = [...networks, { id: 'manual', displayName: 'Manual source (website, CRM, surveys…)', config: [] }];
  const netSel = field('connect-network', 'Network', h('select', {}, all.map(n => h('option', { value: n.id }, n.displayName || n.id))));
  const name = field('connect-name', 'Name', h('input', { type: 'text', required: true, autocomplete: 'off' }), 'How this account is called in Goalpost, e.g. “Acme Facebook Page”.');
  const fieldsBox = h('div', {});
  const status = h('div', { 'aria-live': 'polite' });
  let cfgFields = {};
  const renderFields = () => {
    clear(fieldsBox);
    cfgFields = {};
    const n = all.find(x => x.id === netSel.input.value);
    if (!n) return;
    if (n.docsUrl) fieldsBox.append(h('p', { class: 'small' }, 'How to get these values: ', h('a', { href: n.docsUrl, target: '_blank', rel: 'noopener noreferrer' }, n.docsUrl)));
    const basic = h('div', {});
    const adv = h('details', { class: 'advanced' }, h('summary', {}, 'Advanced settings'));
    for (const c of n.config || []) {
      const f = configInput(c);
      cfgFields[c.key] = f;
      (c.advanced ? adv : basic).append(f.wrap);
    }
    fieldsBox.append(basic);
    if (adv.children.length > 1) fieldsBox.append(adv);
  };
  netSel.input.addEventListener('change', renderFields);
  renderFields();
  const form = h('form', { novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(status);
    setFieldError(name, '');
    for (const f of Object.values(cfgFields)) setFieldError(f, '');
    const config = {};
    for (const [k, f] of Object.entries(cfgFields)) {
      const v = f.read();
      if (v !== undefined) config[k] = v;
    }
    const body = netSel.input.value === 'manual' ? { network: 'manual', name: name.input.value } : { network: netSel.input.value, name: name.input.value, config };
    const btn = form.querySelector('button[type=submit]');
    btn.disabled = true;
    status.append(loading('Checking the connection…'));
    try {
      const a = await api('/api/accounts', { method: 'POST', body });
      clear(status).append(h('p', { class: 'alert alert-ok' }, `Connected “${a.name}”. The first sync has started.`));
      setTimeout(reload, 800);
    } catch (err) {
      clear(status).append(errorBox(err));
      const fe = fieldErrors(err.details);
      let first = null;
      for (const [k, msg] of Object.entries(fe)) {
        const f = k === 'name' ? name : k === 'network' ? netSel : cfgFields[k] || cfgFields[k.replace(/^config\./, '')];
        if (f) { setFieldError(f, msg); first ||= f; const adv = f.wrap.closest('details.advanced'); if (adv) adv.open = true; }
      }
      if (first) first.input.focus();
    } finally {
      btn.disabled = false;
    }
  } } }, netSel.wrap, name.wrap, fieldsBox, h('button', { type: 'submit', class: 'button primary' }, 'Connect'), status);
  sec.append(form);
  return sec;
}

function configInput(c) {
  const id = 'cfg-' + c.key.replace(/[^a-zA-Z0-9_-]/g, '_');
  let input;
  switch (c.type) {
    case 'SECRET': input = h('input', { type: 'password', autocomplete: 'new-password' }); break;
    case 'URL': input = h('input', { type: 'url', value: c.defaultValue ?? '' }); break;
    case 'INTEGER': input = h('input', { type: 'number', step: '1', value: c.defaultValue ?? '' }); break;
    case 'BOOLEAN': input = h('input', { type: 'checkbox', checked: String(c.defaultValue) === 'true' }); break;
    case 'ENUM': input = h('select', {}, (c.required ? [] : [h('option', { value: '' }, '—')]).concat((c.allowedValues || []).map(v => h('option', { value: v, selected: String(c.defaultValue) === v }, v)))); break;
    default: input = h('input', { type: 'text', value: c.defaultValue ?? '', autocomplete: 'off' });
  }
  if (c.required) input.setAttribute('aria-required', 'true');
  const f = field(id, (c.label || c.key) + (c.required ? ' (required)' : ''), input, c.help);
  f.read = () => {
    if (c.type === 'BOOLEAN') return input.checked;
    const v = input.value;
    if (v === '' || v === null) return undefined;
    if (c.type === 'INTEGER') return Number.isNaN(Number(v)) ? v : Number(v);
    return v;
  };
  return f;
}
