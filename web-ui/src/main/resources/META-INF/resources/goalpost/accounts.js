// Accounts: list with sync status and warnings in words, token warnings and backfill progress
// (refreshed every few seconds while an account syncs), "Connect with …" through the network's own
// sign-in, reconnect and edit in place, sync now (disabled with the reason while it cannot run),
// delete, connect form from the network's declared configuration fields, CSV import of manual
// metrics and its undo, and a daily chart per account that tells reported from rebuilt follower days.
import { h, api, clear, badge, SYNC_STATUS, loading, errorBox, fmtDateTime, fmtDay, fmtNumber, field, setFieldError, daysInWords,
  fieldErrors, addDays, today, networkColor, canEdit, openDialog } from './util.js';
import { chartBox, compactAxis, dayMs, msDay, dayScale, numbersTable } from './charts.js';
import { connectButtons, connectErrorText, startHref } from './connect.js';
import { demoBanner, sandboxAccountsIn } from './demo.js';

/** The longest range GET /api/accounts/{id}/metrics answers, in days. */
const IMPORTED = new Set(['manual', 'csv']);
/** Statuses that change without a person: the list refreshes itself while an account is in one. */
const MOVING = new Set(['pending', 'pending_check', 'backfilling', 'syncing', 'queued']);
const REFRESH_MS = 4000;

export async function renderAccounts(view, ctx, selectedId, query = new URLSearchParams()) {
  // A viewer sees the accounts and their charts; connecting, syncing, deleting and importing need the editor role.
  const editable = canEdit();
  view.append(h('div', { class: 'page-head' }, h('h1', {}, 'Accounts'),
    editable ? h('div', { class: 'actions' }, h('a', { class: 'button primary', href: '#connect' ,
      on: { click: (e) => { e.preventDefault(); const el = document.getElementById('connect-with') || document.getElementById('connect'); if (el.tagName === 'DETAILS') el.open = true; el.scrollIntoView(); (el.querySelector('a.button') || document.getElementById('connect-network'))?.focus(); } } }, '+ Connect an account')) : null));
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
  // The "Demo data" banner from the list just read (no second request for the same accounts).
  const demo = demoBanner(sandboxAccountsIn(accounts));
  if (demo && !view.querySelector('#demo-banner')) view.prepend(demo);
  const reload = () => window.dispatchEvent(new HashChangeEvent('hashchange'));
  body.append(returnNotice(query, accounts));
  const listSec = h('section', { 'aria-labelledby': 'acc-h' }, h('h2', { id: 'acc-h' }, 'Connected accounts'));
  const notice = h('div', { class: 'notice', role: 'status', 'aria-live': 'polite' });
  listSec.append(notice);
  const list = h('div', { class: 'account-list' });
  listSec.append(list);
  const byNet = Object.fromEntries(networks.map(n => [n.id, n]));
  const show = (all) => {
    if (all.length === 0) {
      clear(list).append(h('div', { class: 'empty-state' }, h('p', {}, editable
        ? 'No accounts yet: connect one below, or add a manual source (e.g. your website) for CSV imports.' : 'No accounts yet.')));
    } else {
      // A refresh replaces the table: focus returns to the same control (by id) if it had it.
      const focused = document.activeElement && list.contains(document.activeElement) ? document.activeElement.id : null;
      clear(list).append(accountTable(all, byNet, notice, reload, editable));
      if (focused) document.getElementById(focused)?.focus();
    }
  };
  show(accounts);
  body.append(listSec);
  pollWhileMoving(accounts, ctx, show);
  const signIn = editable ? connectButtons(networks) : null;
  if (signIn) { signIn.id = 'connect-with'; body.append(signIn); }

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
  body.append(connectSection(networks, reload, !!signIn));
  if (location.hash.endsWith('#connect')) document.getElementById('connect').open = true;
}

/**
 * What the network's sign-in came back with: accounts connected or reconnected from the pick page,
 * or an error in words from the callback (consent denied, a permission not granted, an expired sign-in).
 */
function returnNotice(query, accounts) {
  const out = h('div', { id: 'connect-result' });
  const names = ids => (ids || '').split(',').map(Number).filter(Boolean)
    .map(id => (accounts.find(a => a.id === id) || { name: `account ${id}` }).name);
  const connected = names(query.get('connected'));
  const reconnected = names(query.get('reconnected'));
  if (connected.length) {
    out.append(h('p', { class: 'alert alert-ok', role: 'status' }, `Connected ${connected.map(n => `“${n}”`).join(', ')}. `
      + 'Goalpost is fetching their history now: the progress shows below.'));
  }
  if (reconnected.length) {
    out.append(h('p', { class: 'alert alert-ok', role: 'status' }, `Reconnected “${reconnected[0]}”: its history and goals are kept, and it syncs again.`));
  }
  const error = query.get('connect_error');
  if (error) {
    out.append(h('div', { class: 'alert alert-error', role: 'alert', id: 'connect-error' },
      h('strong', {}, connected.length ? 'Some accounts could not be connected. ' : 'Nothing was connected. '), connectErrorText(error)));
  }
  return out;
}

/** Re-reads the accounts every few seconds while one of them is pending, checked later, backfilling or syncing. */
function pollWhileMoving(accounts, ctx, show) {
  let last = JSON.stringify(accounts);
  const moving = list => list.some(a => a.sync && MOVING.has(a.sync.status));
  if (!moving(accounts)) return;
  const tick = async () => {
    if (!ctx.isCurrent()) return;
    let fresh;
    try {
      fresh = await api('/api/accounts');
    } catch {
      fresh = null; // a missed refresh: try again at the next tick
    }
    if (!ctx.isCurrent()) return;
    if (fresh) {
      const now = JSON.stringify(fresh);
      if (now !== last) { last = now; show(fresh); }
      if (!moving(fresh)) return;
    }
    setTimeout(tick, REFRESH_MS);
  };
  setTimeout(tick, REFRESH_MS);
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
    h('ul', {}, warnings.map(w => h('li', {}, daysInWords(w)))));
}

/** The account's token warning (a sign-in or token that lapses soon, or has lapsed), in words. */
function tokenWarning(a) {
  const t = a.tokenHealth;
  if (!t || !t.warning) return null;
  return h('p', { class: 'token-warning small', id: `token-warning-${a.id}` }, h('span', { 'aria-hidden': 'true' }, '! '), t.warning);
}

/** The first sync's progress: days fetched of days to fetch, posts so far, and the estimate. */
function backfillProgress(a) {
  const b = a.backfill;
  // Only while it moves (or an interrupted first sync, which resumes): an account waiting for a person
  // says what it needs instead.
  if (!b || !a.sync || !(MOVING.has(a.sync.status) || a.sync.status === 'interrupted')) return null;
  const done = b.daysFetched || 0;
  const total = b.daysToFetch || 0;
  const pct = total ? Math.round(done * 100 / total) : 0;
  const eta = b.estimatedDoneAt ? `done about ${fmtDateTime(b.estimatedDoneAt)}` : 'estimating the time left';
  const words = `History: ${fmtNumber(done)} of ${fmtNumber(total)} days fetched, ${fmtNumber(b.postsFetched || 0)} posts so far; ${eta}.`;
  // While backfilling, the status text above already says the same in words.
  return h('div', { class: 'backfill', id: `backfill-${a.id}` },
    h('progress', { max: String(total || 1), value: String(done), 'aria-label': `History fetched for ${a.name}`, 'aria-valuetext': `${pct} %` }),
    a.sync.status === 'backfilling' ? null : h('span', { class: 'small block backfill-text' }, words));
}

function accountTable(accounts, byNet, notice, reload, editable) {
  const say = (ok, text) => { notice.className = 'notice alert ' + (ok ? 'alert-ok' : 'alert-error'); notice.textContent = text; };
  const rows = accounts.map(a => {
    const s = a.sync || {};
    // the server's sentences keep ISO days for programs; a person reads them as everywhere else ("6 Dec")
    const errText = s.lastError ? daysInWords(s.lastError) : '';
    const notes = daysInWords(s.notes);
    const net = byNet[a.network];
    const nameId = `account-name-${a.id}`;
    const reasonId = `sync-reason-${a.id}`;
    const network = a.kind !== 'manual';
    // The action buttons' names are their visible words; the account they act on is their description.
    const actions = [h('a', { class: 'button small', href: `#/accounts/${a.id}`, id: `chart-${a.id}`, 'aria-describedby': nameId }, 'Chart')];
    if (editable && network) {
      const blocked = a.canSync === false;
      actions.push(h('button', { type: 'button', class: 'button small sync-now', id: `sync-${a.id}`, disabled: blocked,
        'aria-describedby': blocked ? `${nameId} ${reasonId}` : nameId, on: { click: async (e) => {
          e.target.disabled = true;
          try { await api(`/api/accounts/${a.id}/sync`, { method: 'POST' }); say(true, `Sync of “${a.name}” scheduled.`); setTimeout(reload, 1500); }
          catch (err) { say(false, err.message); }
        } } }, 'Sync now'));
      if (needsReconnect(a)) actions.push(reconnectControl(a, net, nameId, reload, say));
    }
    if (editable) {
      actions.push(h('button', { type: 'button', class: 'button small', id: `edit-${a.id}`, 'aria-describedby': nameId,
        on: { click: () => editDialog(a, net, reload, say) } }, 'Edit'));
      actions.push(h('button', { type: 'button', class: 'button small danger', id: `delete-${a.id}`, 'aria-describedby': nameId, on: { click: async () => {
        if (!confirm(`Delete the account “${a.name}” and all its stored data?`)) return;
        try { await api(`/api/accounts/${a.id}`, { method: 'DELETE' }); reload(); }
        catch (err) { say(false, err.message); }
      } } }, 'Delete'));
    }
    return h('tr', { dataset: { accountId: String(a.id), syncStatus: s.status || '', canSync: String(a.canSync !== false) } },
      h('td', { dataset: { label: 'Network' } }, h('span', { class: 'net-dot', style: `background:${networkColor(a.network)}`, 'aria-hidden': 'true' }), a.networkName || a.network),
      h('th', { scope: 'row', class: 'account-name', id: nameId }, a.name,
        a.identity && (a.identity.handle || a.identity.displayName) ? h('span', { class: 'muted small block' }, a.identity.handle || a.identity.displayName) : null,
        a.origin === 'sandbox' ? h('span', { class: 'badge small demo-tag', title: 'Connected to a simulated network of the demo: its numbers are synthetic' }, 'Demo data') : null),
      h('td', { class: 'status-cell', dataset: { label: 'Status' } }, badge(SYNC_STATUS, s.status), h('span', { class: 'status-text block' }, syncText(s)),
        backfillProgress(a),
        s.status === 'needs_attention' ? null : tokenWarning(a),
        s.retryAt ? h('span', { class: 'muted small block' }, 'next try: ' + fmtDateTime(s.retryAt)) : null,
        network && a.canSync === false && a.cannotSyncReason ? h('span', { class: 'small block cannot-sync', id: reasonId }, 'Cannot sync now: ' + a.cannotSyncReason) : null,
        syncWarnings(s.warnings)),
      h('td', { dataset: { label: 'Last sync' } }, s.syncedThrough ? `data through ${fmtDay(s.syncedThrough)}` : 'no data yet',
        h('span', { class: 'muted small block' }, 'last success: ' + fmtDateTime(s.lastSuccessAt))),
      h('td', { class: 'last-error', dataset: { label: 'Last error' } }, errText ? h('span', { class: 'tone-text-bad' }, errText) : h('span', { class: 'muted' }, 'none'),
        notes ? (notes.length > 140
          ? h('details', { class: 'notes small muted' }, h('summary', {}, notes.slice(0, 100) + '…'), notes)
          : h('span', { class: 'muted small block' }, notes)) : null),
      // the action buttons' accessible names are their visible words; the account is their description
      h('td', { class: 'actions-cell', dataset: { label: 'Actions' } }, h('div', { class: 'row-actions' }, actions)));
  });
  return h('div', { class: 'table-wrap stack-wrap' }, h('table', { class: 'accounts-table stack' },
    h('thead', {}, h('tr', {}, ['Network', 'Name', 'Status', 'Last sync', 'Last error', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, rows)));
}

/** Whether the account needs a person to sign in again (or paste a new token) before it syncs or before its sign-in lapses. */
function needsReconnect(a) {
  const st = a.sync && a.sync.status;
  return a.canSync === false || st === 'needs_reauth' || st === 'needs_attention' || st === 'permission_missing';
}

/**
 * Reconnect: through the network's sign-in when it has one set up (the same flow as a new connect,
 * with the account's id: its history and goals stay), else by pasting a new token in the edit dialog.
 */
function reconnectControl(a, net, nameId, reload, say) {
  if (net && net.supportsConnect && net.connectConfigured) {
    return h('a', { class: 'button small primary', href: startHref(a.network, a.id), id: `reconnect-${a.id}`, 'aria-describedby': nameId },
      `Reconnect with ${net.displayName || a.network}`);
  }
  return h('button', { type: 'button', class: 'button small primary', id: `reconnect-${a.id}`, 'aria-describedby': nameId,
    on: { click: () => editDialog(a, net, reload, say, true) } }, 'Reconnect');
}

/**
 * Edits an account in place (PUT /api/accounts/{id}): its name and settings; a secret left empty
 * keeps the stored one, a new one reconnects the account with it. Its id, history and goals stay.
 */
function editDialog(a, net, reload, say, reconnect = false) {
  openDialog({
    id: 'account-edit',
    title: reconnect ? `Reconnect “${a.name}”` : `Edit “${a.name}”`,
    build: (body, dlg) => {
      const name = field('edit-name', 'Name', h('input', { type: 'text', required: true, autocomplete: 'off', value: a.name }));
      const cfg = {};
      const basic = h('div', {});
      const adv = h('details', { class: 'advanced' }, h('summary', {}, 'Advanced settings'));
      const fields = a.kind === 'manual' || !net ? [] : net.config || [];
      for (const c of fields) {
        const stored = (a.config || {})[c.key];
        const f = configInput({ ...c, defaultValue: c.secret ? null : stored ?? c.defaultValue, required: c.required && !c.secret,
          help: c.secret ? 'Stored and never shown. Leave empty to keep it; paste a new one to reconnect with it.' : c.help }, 'edit-cfg-');
        cfg[c.key] = { f, c };
        (c.advanced && !(reconnect && c.secret) ? adv : basic).append(f.wrap);
      }
      const status = h('div', { 'aria-live': 'polite' });
      const submit = h('button', { type: 'submit', class: 'button primary', id: 'edit-submit' }, reconnect ? 'Reconnect' : 'Save');
      const form = h('form', { novalidate: true, on: { submit: async (e) => {
        e.preventDefault();
        clear(status);
        setFieldError(name, '');
        Object.values(cfg).forEach(({ f }) => setFieldError(f, ''));
        if (!name.input.value.trim()) { setFieldError(name, 'Give the account a name.'); name.input.focus(); return; }
        // Only what changed is sent (an emptied setting goes back to its default; a secret only when typed):
        // a rename alone calls no network, so an account that needs a new sign-in can be renamed too.
        const config = {};
        for (const [k, { f, c }] of Object.entries(cfg)) {
          const v = f.read();
          if (c.secret) { if (v !== undefined) config[k] = v; continue; }
          const was = (a.config || {})[k] ?? c.defaultValue ?? undefined;
          if (String(v ?? '') !== String(was ?? '')) config[k] = v === undefined ? '' : v;
        }
        const reqBody = { name: name.input.value.trim() };
        if (Object.keys(config).length) reqBody.config = config;
        submit.disabled = true;
        status.append(loading(Object.keys(config).length ? 'Checking the connection…' : 'Saving…'));
        try {
          const r = await api(`/api/accounts/${a.id}`, { method: 'PUT', body: reqBody });
          dlg.close();
          say(true, r.sync && r.sync.status === 'pending_check' ? `Saved “${r.name}”: ${r.sync.statusText}.` : `Saved “${r.name}”.`);
          setTimeout(reload, 600);
        } catch (err) {
          clear(status).append(errorBox(err));
          let first = null;
          for (const [k, msg] of Object.entries(fieldErrors(err.details))) {
            const f = k === 'name' ? name : (cfg[k] || cfg[k.replace(/^config\./, '')] || {}).f;
            if (f) { setFieldError(f, msg); first ||= f; const d = f.wrap.closest('details.advanced'); if (d) d.open = true; }
          }
          if (first) first.input.focus();
          submit.disabled = false;
        }
      } } }, name.wrap, basic, adv.children.length > 1 ? adv : null,
      h('p', { class: 'help' }, 'The account keeps its id, history and goals.'), submit, status);
      body.append(form);
      if (reconnect) {
        const secret = Object.values(cfg).find(({ c }) => c.secret);
        if (secret) setTimeout(() => secret.f.input.focus(), 0);
      }
    },
  });
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
  const file = field('import-file', 'CSV file', h('input', { type: 'file', accept: '.csv,text/csv' }), 'Columns: day,metric,value (header optional), separated by commas or by semicolons (then 4,5 is a decimal comma, as spreadsheets write it). Metrics: e.g. web_sessions, conversions, leads, or manual.response_time.');
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

function connectSection(networks, reload, hasSignIn) {
  const sec = h('details', { class: 'panel', id: 'connect' }, h('summary', {}, h('h2', { class: 'inline-h' },
    hasSignIn ? 'Connect with a token, or add a manual source' : 'Connect an account')));
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

function configInput(c, prefix = 'cfg-') {
  const id = prefix + c.key.replace(/[^a-zA-Z0-9_-]/g, '_');
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
