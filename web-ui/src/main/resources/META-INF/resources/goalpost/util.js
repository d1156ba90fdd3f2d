// Shared helpers: DOM building (text only, never HTML from data), API calls, formatting.

/**
 * Builds an element. attrs: plain attributes, plus `class`, `dataset`, `on` (event map), `text`, `style`.
 * Children: nodes or strings (strings become text nodes, so API text is never parsed as HTML).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
    else if (k === 'style') el.style.cssText = String(v); // through the CSSOM: the CSP refuses style attributes
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'disabled' || k === 'selected' || k === 'required' || k === 'open') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/**
 * Marks a table of things to become one card per row under 600 px (CSS table.stack): each data
 * cell gets its column's name (data-label), shown above its value. Call again after adding rows.
 */
export function stackTable(el) {
  const table = el.tagName === 'TABLE' ? el : el.querySelector('table');
  if (!table) return el;
  table.classList.add('stack');
  if (table.parentElement && table.parentElement.classList.contains('table-wrap')) table.parentElement.classList.add('stack-wrap');
  const names = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
  for (const tr of table.querySelectorAll('tbody tr')) {
    [...tr.children].forEach((cell, i) => {
      if (cell.tagName === 'TD' && !cell.hasAttribute('data-label') && names[i]) cell.setAttribute('data-label', names[i]);
    });
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** An error answered by the API ({"error", "details"}). */
export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.error) || `request failed with status ${status}`);
    this.status = status;
    this.body = body || {};
    this.details = this.body.details;
  }
}

// The signed-in user (GET/POST /api/session), kept in memory only: {user: {id, username, role}, via, csrf_token}.
let session = null;
const sessionListeners = new Set();

export const ROLES = ['viewer', 'editor', 'admin'];

/** The current session, or null when nobody is signed in. */
export function currentSession() {
  return session;
}

/** Stores the answer of GET/POST /api/session or POST /api/setup (null: signed out) and tells the listeners. */
export function setSession(s) {
  session = s && s.user ? s : null;
  for (const fn of sessionListeners) fn(session);
}

export function onSessionChange(fn) {
  sessionListeners.add(fn);
}

/** Whether {@code role} is at least {@code min} (viewer < editor < admin). */
export function roleAtLeast(role, min) {
  return ROLES.indexOf(role) >= ROLES.indexOf(min) && ROLES.indexOf(min) >= 0;
}

/** Whether the signed-in user's role is at least {@code min}. */
export function hasRole(min) {
  return !!session && roleAtLeast(session.user.role, min);
}

/** Whether the signed-in user may change things (the editor role or higher). */
export function canEdit() {
  return hasRole('editor');
}

/** The sign-in page's address, remembering where the user was. */
export function signInHash(next) {
  const n = next === undefined ? location.hash : next;
  return n && n.startsWith('#/') && !/^#\/(sign-in|setup)\b/.test(n) ? '#/sign-in?next=' + encodeURIComponent(n) : '#/sign-in';
}

/** Routes where a 401 is an answer to show, not a reason to go to the sign-in page. */
const NO_SIGN_IN_REDIRECT = /^\/api\/(session|setup|shared\/)/;

/**
 * Calls the API. Non-GET requests carry the session's CSRF token. A 401 (outside the session,
 * setup and shared-link routes) ends the session in memory and goes to the sign-in page, which
 * returns here afterwards; {@code authRedirect: false} turns that off.
 */
export async function api(path, { method = 'GET', body, contentType, authRedirect = true } = {}) {
  const opts = { method, headers: { Accept: 'application/json' }, credentials: 'same-origin' };
  if (method !== 'GET' && method !== 'HEAD' && session && session.csrf_token) opts.headers['X-CSRF-Token'] = session.csrf_token;
  if (body !== undefined) {
    if (typeof body === 'string' || body instanceof Blob) {
      opts.body = body;
      opts.headers['Content-Type'] = contentType || 'text/plain';
    } else {
      opts.body = JSON.stringify(body);
      opts.headers['Content-Type'] = 'application/json';
    }
  }
  let res;
  try {
    res = await fetch(path, opts);
  } catch (e) {
    const err = new ApiError(0, { error: 'the server could not be reached: ' + e.message });
    for (const fn of failureListeners) fn(err, path);
    throw err;
  }
  if (res.status === 204) return null;
  let data = null;
  const text = await res.text();
  if (text) {
    // A proxy's or the server's error page is HTML: never pasted into the page, said in words instead.
    try { data = JSON.parse(text); } catch { data = { error: looksLikeText(text) ? text : `the server answered ${res.status} ${res.statusText || ''}`.trim() + ' without an explanation' }; }
  }
  if (!res.ok) {
    const err = new ApiError(res.status, data);
    if (res.status >= 500) for (const fn of failureListeners) fn(err, path);
    if (res.status === 401 && authRedirect && !NO_SIGN_IN_REDIRECT.test(path)) {
      err.signInRequired = true;
      if (session) setSession(null);
      if (!/^#\/(sign-in|setup)\b/.test(location.hash) && !location.hash.startsWith('#/shared/')) location.replace(signInHash());
    }
    throw err;
  }
  return data;
}

const failureListeners = new Set();

/** Calls {@code fn(error, path)} whenever a request fails on the server's side (5xx) or does not reach it. */
export function onApiFailure(fn) {
  failureListeners.add(fn);
}

/** Whether an error body is short plain text (not an HTML page) that can be shown as it is. */
function looksLikeText(t) {
  return t.length <= 300 && !/<\/?[a-z!][^>]*>/i.test(t);
}

/** Turns error details (object map, or list of {field, message}) into a {field: message} map. */
export function fieldErrors(details) {
  const out = {};
  if (Array.isArray(details)) {
    for (const d of details) if (d && d.field) out[d.field] = d.message || 'invalid';
  } else if (details && typeof details === 'object') {
    for (const [k, v] of Object.entries(details)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

const nf0 = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const nf2 = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const cur2 = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function missing(v) {
  return v === null || v === undefined || typeof v !== 'number' || !Number.isFinite(v);
}

/** Exact, as the server writes it in tables and exports: "1,200", "8,608.6", "4.12 %", "1,234.50". */
export function fmtNumber(v, unit) {
  if (missing(v)) return 'not available';
  if (unit === 'percent') return nf2.format(v) + ' %';
  if (unit === 'currency') return cur2.format(v);
  return nf2.format(v);
}

const COMPACT = [' k', ' M', ' B', ' T'];

/**
 * Compact, for cards, sentences and chart axes (as the server's status sentences): below 10,000
 * exact; then "255 k", "42.1 k", "1.2 M", "3.5 B". Percentages are never compacted.
 */
export function fmtCompact(v, unit) {
  if (missing(v)) return 'not available';
  if (unit === 'percent' || Math.abs(v) < 10000) return fmtNumber(v, unit);
  let scaled = v / 1000;
  let i = 0;
  while (Math.abs(scaled) >= 999.95 && i < COMPACT.length - 1) { scaled /= 1000; i++; }
  return (Math.abs(scaled) < 99.95 ? nf1 : nf0).format(scaled) + COMPACT[i];
}

/**
 * An estimate (a forecast, a weekly trend): compact from 10,000 on, and without false precision
 * below ("7,843", "48.5"); percentages with two decimals.
 */
export function fmtApprox(v, unit) {
  if (missing(v)) return 'not available';
  if (unit === 'percent' || Math.abs(v) >= 10000) return fmtCompact(v, unit);
  return (Math.abs(v) >= 100 ? nf0 : nf1).format(v);
}

export function fmtSigned(v, unit) {
  if (missing(v)) return '—';
  const s = fmtNumber(v, unit);
  return v > 0 ? '+' + s : s;
}

/**
 * A change between two values of a KPI: percentage points for a percent KPI ("+0.38 pp", never "%"),
 * exact in the KPI's unit otherwise.
 */
export function fmtChange(v, unit) {
  if (missing(v)) return '—';
  if (unit === 'percent') return (v > 0 ? '+' : '') + nf2.format(v) + ' pp';
  return fmtSigned(v, unit);
}

export function fmtPct(v) {
  if (missing(v)) return '—';
  return (v > 0 ? '+' : '') + nf1.format(v) + ' %';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A day (YYYY-MM-DD) as people write it, as the server does: "4 Dec", with the year when it is not this year's. */
export function fmtDay(s, ref = today()) {
  if (!s) return '';
  const [y, m, d] = String(s).slice(0, 10).split('-').map(Number);
  if (!y || !m || !d) return String(s);
  return `${d} ${MONTHS[m - 1]}` + (String(y) === String(ref).slice(0, 4) ? '' : ` ${y}`);
}

/**
 * A server sentence with its days written as everywhere else in the UI ("between 2026-11-26 and
 * 2027-02-04" → "between 26 Nov and 4 Feb 2027"); the API keeps ISO days for programs.
 */
export function daysInWords(text) {
  if (!text) return text;
  return String(text).replace(/\b(\d{4}-\d{2}-\d{2})\b/g, (m, day) => fmtDay(day));
}

/**
 * The window a goal's measure was taken over, in words: "7 days to 4 Dec", "level on 5 Dec"
 * (the last value in the 7 days to then), "on 4 Dec" (one day's value).
 */
export function windowText(measure, from, asOf) {
  if (!asOf) return '';
  if (measure === 'level') return `level on ${fmtDay(asOf)}`;
  if (!from || from === asOf) return `on ${fmtDay(asOf)}`;
  return `${daysBetween(from, asOf) + 1} days to ${fmtDay(asOf)}`;
}

/** What a goal's measure is called: "Views per 7 days", "Engagement rate over 7 days", "Followers". */
export function measureName(kpi, measure) {
  if (measure === 'per_7_days') return `${kpi.name} ${kpi.type === 'derived' ? 'over' : 'per'} 7 days`;
  if (measure === 'daily') return `${kpi.name} per day`;
  return kpi.name;
}

export function isoDay(d) {
  const y = d.getFullYear();
  const m = String(d.getMonth() + 1).padStart(2, '0');
  const day = String(d.getDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

export function parseDay(s) {
  const [y, m, d] = s.split('-').map(Number);
  return new Date(y, m - 1, d);
}

export function addDays(s, n) {
  const d = parseDay(s);
  d.setDate(d.getDate() + n);
  return isoDay(d);
}

export function daysBetween(a, b) {
  return Math.round((parseDay(b) - parseDay(a)) / 86400000);
}

// The team's settings (GET /api/settings/team): its time zone and the server's "today", read once
// after sign-in so that every page counts days from the same day and shows times in the same zone.
let team = { time_zone: 'UTC', today: null };

/** Stores the answer of GET/PUT /api/settings/team. */
export function setTeamSettings(t) {
  if (t && t.time_zone) team = { time_zone: t.time_zone, today: t.today || null };
}

/** The team's time zone (an IANA name, "UTC" by default). */
export function teamZone() {
  return team.time_zone;
}

/** Today as the server counts it (goals, dashboard, wizard alike); the browser's day only before it is known. */
export function today() {
  return team.today || isoDay(new Date());
}

/** The day (YYYY-MM-DD) a moment falls on in the team's time zone. */
export function zoneDay(instant) {
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return null;
  try {
    return d.toLocaleDateString('en-CA', { timeZone: team.time_zone }); // en-CA writes YYYY-MM-DD
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

/** A moment as "6 Dec 2026, 14:05 UTC": the one date format, in the team's time zone, which is named. */
export function fmtDateTime(s) {
  if (!s) return 'never';
  const d = new Date(s);
  if (Number.isNaN(d.getTime())) return String(s);
  let zone = team.time_zone;
  let text;
  try {
    text = d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
  } catch {
    zone = 'UTC';
    text = d.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone });
  }
  return `${text} ${zone}`;
}

export const GOAL_STATUS = {
  achieved: { words: 'Achieved', tone: 'good', icon: '✔' },
  on_track: { words: 'On track', tone: 'good', icon: '▲' },
  at_risk: { words: 'At risk', tone: 'warn', icon: '!' },
  off_track: { words: 'Off track', tone: 'bad', icon: '▼' },
  missed: { words: 'Missed', tone: 'bad', icon: '✖' },
  no_data: { words: 'No data', tone: 'neutral', icon: '?' },
  not_started: { words: 'Not started', tone: 'neutral', icon: '…' },
  collecting: { words: 'Collecting data', tone: 'neutral', icon: '◷' },
};

export const SYNC_STATUS = {
  pending: { words: 'Waiting for first sync', tone: 'neutral', icon: '…' },
  pending_check: { words: 'Connection check waits for the network', tone: 'warn', icon: '◷' },
  backfilling: { words: 'Fetching history', tone: 'info', icon: '↻' },
  needs_attention: { words: 'Reconnect soon', tone: 'warn', icon: '!' },
  syncing: { words: 'Syncing', tone: 'info', icon: '↻' },
  queued: { words: 'Queued within the network\'s quota', tone: 'info', icon: '◷' },
  interrupted: { words: 'Interrupted, will resume', tone: 'warn', icon: '!' },
  ok: { words: 'Up to date', tone: 'good', icon: '✔' },
  error: { words: 'Sync failed', tone: 'bad', icon: '✖' },
  needs_reauth: { words: 'Reconnect needed', tone: 'bad', icon: '✖' },
  permission_missing: { words: 'Permission missing', tone: 'bad', icon: '✖' },
  rate_limited: { words: 'Rate limited, will retry', tone: 'warn', icon: '!' },
  quota_exhausted: { words: 'Quota used up, will retry', tone: 'warn', icon: '!' },
  config_invalid: { words: 'Configuration invalid', tone: 'bad', icon: '✖' },
  plugin_missing: { words: 'Plugin missing', tone: 'bad', icon: '✖' },
  plugin_disabled: { words: 'Plugin disabled', tone: 'warn', icon: '!' },
  manual: { words: 'Manual source', tone: 'neutral', icon: '✎' },
};

export const ATTAINABILITY = {
  realistic: { words: 'Realistic', tone: 'good' },
  ambitious: { words: 'Ambitious', tone: 'warn' },
  unrealistic: { words: 'Unrealistic', tone: 'bad' },
  no_history: { words: 'Not enough history', tone: 'neutral' },
  achieved: { words: 'Already achieved', tone: 'good' },
};

/** A status badge: icon + words + colour (never colour alone). */
export function badge(map, key, extraClass = '') {
  const s = map[key] || { words: key ? String(key).replace(/_/g, ' ') : 'unknown', tone: 'neutral', icon: '•' };
  return h('span', { class: `badge tone-${s.tone} ${extraClass}`.trim(), dataset: { status: key || '' } },
    s.icon ? h('span', { 'aria-hidden': 'true', class: 'badge-icon' }, s.icon) : null, s.words);
}

export function loading(text = 'Loading…') {
  return h('p', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), text);
}

/** The server's words as a sentence: "this change would leave no enabled admin" → "This change would leave no enabled admin." */
export function sentence(s) {
  const t = String(s || '').trim();
  if (!t) return t;
  return t[0].toUpperCase() + t.slice(1) + (/[.!?]$/.test(t) ? '' : '.');
}

/**
 * An error in words: the server's own message, or what went wrong when it gave none; with a Retry
 * button when {@code retry} is given (it is called after the box is removed).
 */
export function errorBox(err, { retry } = {}) {
  const msg = err && err.message ? err.message : String(err);
  const status = err && typeof err.status === 'number' ? err.status : null;
  const lead = status === 0 ? 'Goalpost could not reach the server: ' : status >= 500 ? 'The server failed: ' : '';
  const box = h('div', { class: 'alert alert-error', role: 'alert' }, lead ? lead + msg.replace(/^the server could not be reached: /, '') : msg);
  if (retry) {
    box.append(' ', h('button', { type: 'button', class: 'button small retry', on: { click: () => { box.remove(); retry(); } } }, 'Retry'));
  }
  return box;
}

export function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function downloadCsv(filename, rows) {
  const text = rows.map(r => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A labelled form field; returns {wrap, input, error} and registers the error slot. */
export function field(id, label, input, help) {
  input.id = id;
  const err = h('p', { class: 'field-error', id: id + '-error', 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', id + '-error' + (help ? ' ' + id + '-help' : ''));
  const wrap = h('div', { class: 'field', dataset: { field: id } },
    h('label', { for: id }, label),
    input,
    help ? h('p', { class: 'help', id: id + '-help' }, help) : null,
    err);
  return { wrap, input, error: err };
}

export function setFieldError(f, message) {
  f.error.textContent = message || '';
  f.wrap.classList.toggle('has-error', !!message);
  if (message) f.input.setAttribute('aria-invalid', 'true'); else f.input.removeAttribute('aria-invalid');
}

// Each network its own hue (LinkedIn is a dark teal here, not a second Facebook blue) and, in charts,
// its own line dash and point shape (NETWORK_STYLE), so that lines are told apart without colour too.
export const NETWORK_COLORS = {
  facebook: '#1877f2', instagram: '#c13584', linkedin: '#0e6e5c', x: '#222222', twitter: '#222222',
  youtube: '#d40000', tiktok: '#00959b', pinterest: '#bd081c', threads: '#555555', bluesky: '#0085ff',
  mastodon: '#6364ff', manual: '#7a6a00', all: '#6b7280',
};
const PALETTE = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#65a30d', '#dc2626'];

export function networkColor(id, i = 0) {
  return NETWORK_COLORS[id] || PALETTE[i % PALETTE.length];
}

const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [12, 6]];
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'];
const NETWORK_ORDER = ['facebook', 'instagram', 'linkedin', 'tiktok', 'x', 'pinterest'];

/** A network's line style in charts: {borderDash, pointStyle}; the second cue beside its colour. */
export function networkStyle(id, i = 0) {
  const k = NETWORK_ORDER.indexOf(id);
  const n = k >= 0 ? k : i;
  return { borderDash: DASHES[n % DASHES.length], pointStyle: POINTS[n % POINTS.length] };
}

/** Caches GET answers for the lifetime of one page render. */
export function memo() {
  const m = new Map();
  return path => {
    if (!m.has(path)) m.set(path, api(path));
    return m.get(path);
  };
}

/** A page the signed-in user's role may not use, refused in words. */
export function forbidden(view, title, what, needed) {
  const role = session ? session.user.role : 'none';
  view.append(h('h1', {}, title),
    h('p', { class: 'alert alert-error', role: 'alert', id: 'role-refused' },
      `Your role (${role}) cannot ${what}: that needs the ${needed} role. Ask an admin if you need it.`),
    h('p', {}, h('a', { href: '#/dashboard' }, 'Back to the dashboard')));
}

/**
 * A modal dialog (native <dialog>): focus moves to its first field, Escape or Close closes it, and
 * focus returns to what opened it. {@code build(body, dialog)} fills it.
 */
export function openDialog({ id, title, build, onClose }) {
  const opener = document.activeElement;
  document.getElementById(id)?.remove();
  const closeBtn = h('button', { type: 'button', class: 'button small dialog-close' }, 'Close');
  const body = h('div', { class: 'dialog-body' });
  const dlg = h('dialog', { class: 'dialog', id, 'aria-labelledby': id + '-title' },
    h('div', { class: 'dialog-head' }, h('h2', { id: id + '-title' }, title), closeBtn), body);
  closeBtn.addEventListener('click', () => dlg.close());
  dlg.addEventListener('close', () => {
    dlg.remove();
    if (onClose) onClose();
    if (opener && opener.isConnected && typeof opener.focus === 'function') opener.focus();
  });
  document.body.append(dlg);
  build(body, dlg);
  dlg.showModal();
  const first = body.querySelector('input:not([type=hidden]):not([readonly]), select, textarea') || closeBtn;
  first.focus();
  return dlg;
}

/** Closes every open dialog (when the page changes under it). */
export function closeDialogs() {
  for (const d of document.querySelectorAll('dialog.dialog')) d.close();
}

/**
 * A read-only value with a Copy button and a status line that says whether the copy worked (where the
 * clipboard is refused, the text is left selected to copy by hand).
 */
export function copyableValue(id, value) {
  const input = h('input', { type: 'text', id, value, readonly: true, class: 'once-value', spellcheck: 'false', autocomplete: 'off' });
  const status = h('span', { class: 'copy-status small', role: 'status' });
  const copy = h('button', { type: 'button', class: 'button', id: id + '-copy', on: { click: async () => {
    input.focus();
    input.select();
    let ok = false;
    try {
      await navigator.clipboard.writeText(value);
      ok = true;
    } catch {
      try { ok = document.execCommand('copy'); } catch { ok = false; }
    }
    status.textContent = ok ? 'Copied.' : 'Could not copy: the text is selected, copy it by hand.';
  } } }, 'Copy');
  return { row: h('div', { class: 'once-row' }, input, copy), status };
}

/**
 * A secret shown exactly once (an API token, a share link): a read-only field, a Copy button and
 * the warning that it will not be shown again.
 */
export function shownOnce(id, label, value, note = 'Copy it now, it will not be shown again.') {
  const { row, status } = copyableValue(id, value);
  return h('div', { class: 'once alert alert-ok' },
    h('label', { for: id }, label),
    row,
    h('p', { class: 'once-note', id: id + '-note' }, h('strong', {}, note)),
    status);
}

/**
 * When a token or share link stops working, in words. The API answers the instant it stops (the
 * start of the day after the chosen last day, UTC); people chose, and read, the last day it works.
 */
export function expiryText(instant) {
  if (!instant) return 'never expires';
  const s = String(instant);
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return `works through ${fmtDay(s)}`;
  const t = new Date(s).getTime();
  if (Number.isNaN(t)) return `expires ${s}`;
  return `works through ${fmtDay(new Date(t - 1).toISOString().slice(0, 10))}`;
}
