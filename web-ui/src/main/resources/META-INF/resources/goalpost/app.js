// Goalpost web UI: who is signed in, the header for them, and hash routing between pages.
import { h, clear, api, errorBox, currentSession, setSession, onSessionChange, hasRole, signInHash, forbidden,
  closeDialogs, onApiFailure, setTeamSettings } from './util.js';
import { destroyCharts } from './charts.js';
import { renderDashboard } from './dashboard.js';
import { renderGoal } from './goal.js';
import { renderWizard } from './wizard.js';
import { renderAccounts } from './accounts.js';
import { renderPlugins } from './plugins.js';
import { renderReport } from './report.js';
import { renderPosts } from './posts.js';
import { renderSignIn, renderPassword } from './auth.js';
import { renderUsers } from './users.js';
import { renderTokens } from './tokens.js';
import { renderAudit } from './audit.js';
import { renderShared } from './shared.js';
import { renderSettings } from './settings.js';
import { renderConnectPick } from './connect.js';
import { renderNotifications, refreshUnread } from './notifications.js';
import { addDemoBanner } from './demo.js';

const view = document.getElementById('view');
let renderSeq = 0;

/** What a role may not do, for pages refused in words: [title, what, needed role]. */
const NEW_GOAL = ['New goal', 'create goals', 'editor'];
const EDIT_GOAL = ['Edit goal', 'edit goals', 'editor'];
const USERS = ['Users', 'manage users', 'admin'];
const AUDIT = ['Audit log', 'read the audit log', 'admin'];
const SETTINGS = ['Settings', 'set up the networks\' apps', 'admin'];
const CONNECT = ['Connect accounts', 'connect accounts', 'editor'];

// [pattern, (match, query) => {nav, render, title?, public?, mode?, needs?: [title, what, role], banner?}]
// banner: the page shows numbers of every account, so it says "Demo data" when some are simulated (the
// goal page says it for the accounts of its goal; the dashboard and the accounts page from what they read anyway).
// The page's title is its h1 once rendered; {@code title} names it while it loads.
const routes = [
  [/^#?\/?$/, (m, q) => ({ nav: 'dashboard', title: 'Goals dashboard', render: (el, ctx) => renderDashboard(el, ctx, undefined, { query: q }) })],
  [/^#\/dashboard$/, (m, q) => ({ nav: 'dashboard', title: 'Goals dashboard', render: (el, ctx) => renderDashboard(el, ctx, undefined, { query: q }) })],
  [/^#\/sign-in$/, (m, q) => ({ public: true, mode: 'anonymous', render: (el, ctx) => renderSignIn(el, ctx, q) })],
  [/^#\/setup$/, (m, q) => ({ public: true, mode: 'anonymous', render: (el, ctx) => renderSignIn(el, ctx, q, { setup: true }) })],
  [/^#\/shared\/([A-Za-z0-9_~.-]+)$/, m => ({ public: true, mode: 'shared', render: (el, ctx) => renderShared(el, ctx, m[1]) })],
  [/^#\/goals\/new$/, () => ({ nav: 'new', needs: NEW_GOAL, render: renderWizard })],
  [/^#\/goals\/(\d+)\/edit$/, m => ({ nav: 'dashboard', needs: EDIT_GOAL, render: (el, ctx) => renderWizard(el, ctx, Number(m[1])) })],
  [/^#\/goals\/(\d+)$/, m => ({ nav: 'dashboard', render: (el, ctx) => renderGoal(el, ctx, Number(m[1])) })],
  [/^#\/accounts(?:\/(\d+))?$/, (m, q) => ({ nav: 'accounts', render: (el, ctx) => renderAccounts(el, ctx, m[1] ? Number(m[1]) : null, q) })],
  [/^#\/accounts\/connect\/([a-z0-9_-]+)$/, (m, q) => ({ nav: 'accounts', needs: CONNECT, render: (el, ctx) => renderConnectPick(el, ctx, m[1], q) })],
  [/^#\/settings$/, () => ({ nav: 'settings', needs: SETTINGS, render: renderSettings })],
  [/^#\/plugins$/, () => ({ nav: 'plugins', render: renderPlugins })],
  [/^#\/report$/, (m, q) => ({ nav: 'report', banner: true, title: 'Report', render: (el, ctx) => renderReport(el, ctx, q) })],
  [/^#\/posts$/, () => ({ nav: 'posts', banner: true, title: 'Top posts', render: renderPosts })],
  [/^#\/notifications$/, () => ({ nav: 'notifications', title: 'Notifications', render: renderNotifications })],
  [/^#\/users$/, () => ({ nav: 'users', needs: USERS, render: renderUsers })],
  [/^#\/audit$/, () => ({ nav: 'audit', needs: AUDIT, render: renderAudit })],
  [/^#\/tokens$/, () => ({ nav: null, render: renderTokens })],
  [/^#\/password$/, () => ({ nav: null, render: renderPassword })],
];

function match(hash) {
  const [path, query] = hash.split(/\?(.*)/s);
  for (const [re, make] of routes) {
    const m = path.match(re);
    if (m) return make(m, new URLSearchParams(query || ''));
  }
  return null;
}

const SKIP_TARGET = 'view';
let firstRoute = true;

/** The page's title: its h1, then the app's name ("Accounts · Goalpost"). */
function setTitle(fallback) {
  const h1 = view.querySelector('h1');
  const text = (h1 && h1.textContent.trim()) || fallback;
  document.title = text ? `${text} · Goalpost` : 'Goalpost';
}

/**
 * After a page change, focus goes to its main heading, so that a keyboard or screen-reader user
 * starts reading the new page (not the link they left); unless they already moved on inside it.
 */
function focusHeading() {
  const active = document.activeElement;
  if (active && active !== document.body && view.contains(active)) return;
  const h1 = view.querySelector('h1');
  const target = h1 || view;
  if (h1 && !h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
  target.focus({ preventScroll: false });
}

async function route() {
  // "Skip to content" targets #view: that is a place on the page, not a page.
  if (location.hash === '#' + SKIP_TARGET && !firstRoute) return;
  const seq = ++renderSeq;
  const first = firstRoute;
  firstRoute = false;
  destroyCharts();
  closeDialogs();
  closeUserMenu();
  const hash = !location.hash || location.hash === '#' + SKIP_TARGET ? '#/dashboard' : location.hash;
  const found = match(hash);
  // Everything but sign-in, setup and share links needs a signed-in user: remember where they were going.
  if (!currentSession() && !(found && found.public)) {
    location.replace(signInHash(hash));
    return;
  }
  clear(view);
  document.body.classList.remove('report-mode');
  headerMode(found ? found.mode || 'app' : 'app');
  if (!found) {
    view.append(h('h1', {}, 'Page not found'), h('p', {}, 'There is no page here. ', h('a', { href: '#/dashboard' }, 'Go to the dashboard')));
    markNav(null);
    setTitle('Page not found');
    if (!first) focusHeading();
    return;
  }
  markNav(found.nav);
  if (currentSession() && (found.mode || 'app') === 'app') refreshUnread();
  if (found.needs && !hasRole(found.needs[2])) {
    forbidden(view, ...found.needs);
    setTitle(found.needs[0]);
    if (!first) focusHeading();
    return;
  }
  const ctx = { isCurrent: () => seq === renderSeq };
  document.title = `${found.title || navTitle(found.nav) || 'Goalpost'} · Goalpost`;
  try {
    if (found.banner) addDemoBanner(view, ctx);
    await found.render(view, ctx);
  } catch (e) {
    if (ctx.isCurrent()) {
      console.error(e);
      if (!view.querySelector('h1')) view.append(h('h1', {}, found.title || 'Something went wrong'));
      view.append(errorBox(e, { retry: route }));
    }
  }
  if (ctx.isCurrent()) {
    setTitle(found.title || navTitle(found.nav));
    if (!first) focusHeading();
  }
}

/** The nav link's words for a page ("Accounts"), the title of pages that name none. */
function navTitle(nav) {
  const a = nav && document.querySelector(`[data-nav="${nav}"]`);
  return a ? a.textContent.trim() : null;
}

document.querySelector('.skip-link').addEventListener('click', (e) => {
  e.preventDefault();
  const h1 = view.querySelector('h1');
  const target = h1 || view;
  if (h1 && !h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
  target.focus();
  target.scrollIntoView({ block: 'start' });
});

function markNav(nav) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === nav) {
      a.setAttribute('aria-current', 'page');
      // on a phone the nav scrolls sideways: keep the current page's link in view
      const bar = document.getElementById('main-nav');
      if (bar.scrollWidth > bar.clientWidth) bar.scrollLeft = Math.max(0, a.offsetLeft - bar.offsetLeft - 24);
    } else a.removeAttribute('aria-current');
  }
}

let mode = 'app';

/**
 * The header for the page: the app (nav for the user's role, user menu), sign-in (neither), or a
 * share link (no way to other pages: just the name).
 */
function headerMode(m) {
  mode = m;
  const signedIn = !!currentSession();
  const app = m === 'app' && signedIn;
  document.getElementById('main-nav').hidden = !app;
  document.getElementById('user-menu').hidden = !app;
  document.getElementById('brand-link').hidden = m === 'shared';
  document.getElementById('brand-plain').hidden = m !== 'shared';
  document.body.classList.toggle('shared-mode', m === 'shared');
  for (const li of document.querySelectorAll('#main-nav [data-role]')) li.hidden = !hasRole(li.dataset.role);
}

/** The user menu: a disclosure button (username and role) opening Change password, API tokens, Sign out. */
function renderUserMenu(s) {
  const holder = document.getElementById('user-menu');
  clear(holder);
  if (!s) return;
  const panel = h('ul', { class: 'user-menu-panel', id: 'user-menu-panel', hidden: true },
    h('li', {}, h('a', { href: '#/password', id: 'menu-password' }, 'Change password')),
    h('li', {}, h('a', { href: '#/tokens', id: 'menu-tokens' }, 'API tokens')),
    h('li', {}, h('button', { type: 'button', class: 'menu-item', id: 'menu-sign-out', on: { click: signOut } }, 'Sign out')));
  const button = h('button', { type: 'button', class: 'user-menu-button', id: 'user-menu-button', 'aria-expanded': 'false',
    'aria-controls': 'user-menu-panel' },
  h('span', { class: 'user-name' }, s.user.username), ' ', h('span', { class: 'user-role' }, `(${s.user.role})`),
  h('span', { class: 'caret', 'aria-hidden': 'true' }, ' ▾'));
  const setOpen = (open) => {
    panel.hidden = !open;
    button.setAttribute('aria-expanded', String(open));
  };
  button.addEventListener('click', () => setOpen(panel.hidden));
  holder.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !panel.hidden) { setOpen(false); button.focus(); }
  });
  holder.addEventListener('focusout', (e) => { if (!holder.contains(e.relatedTarget)) setOpen(false); });
  panel.addEventListener('click', (e) => { if (e.target.closest('a')) setOpen(false); });
  closeUserMenu = () => setOpen(false);
  holder.append(button, panel);
}

let closeUserMenu = () => {};
document.addEventListener('click', (e) => { if (!document.getElementById('user-menu').contains(e.target)) closeUserMenu(); });

async function signOut() {
  try {
    await api('/api/session', { method: 'DELETE' });
  } catch (e) {
    console.error(e); // signed out in this page anyway
  }
  setSession(null);
  location.hash = '#/sign-in';
}

/** The header says so when a request fails on the server's side, until a health check passes again. */
let failedAt = null;
onApiFailure((err, path) => {
  if (path === '/api/health') return;
  failedAt = Date.now();
  const el = document.getElementById('health');
  showHealth(el, 'tone-bad', 'Error', err.status === 0 ? 'Server unreachable' : `Server error (${err.status})`);
  el.title = `${path.split('?')[0]} failed: ${err.message}`;
});

/**
 * The header's server badge: the whole sentence, and a one-word form that a phone's narrow header
 * shows instead (the sentence stays for screen readers there), rather than an ellipsis such as "Ser…".
 */
function showHealth(el, tone, short, sentence) {
  el.className = 'health ' + tone;
  el.replaceChildren(h('span', { class: 'health-short', 'aria-hidden': 'true' }, short), h('span', { class: 'health-long' }, sentence));
  el.title = sentence;
}

async function health() {
  const el = document.getElementById('health');
  el.title = '';
  try {
    const hh = await api('/api/health', { authRedirect: false });
    const ok = hh.status === 'ok' && hh.database !== 'down';
    if (ok) showHealth(el, 'tone-good', 'OK', `Server OK · ${hh.plugins ?? '?'} plugins`);
    else showHealth(el, 'tone-bad', 'Problem', `Server problem: database ${hh.database}`);
  } catch (e) {
    if (e.status === 401) { el.className = 'health'; el.textContent = ''; return; }
    showHealth(el, 'tone-bad', 'Offline', 'Server unreachable');
  }
}

let lastUser = null;
let started = false;
onSessionChange(s => {
  const key = s ? `${s.user.id}:${s.user.username}:${s.user.role}` : null;
  if (key !== lastUser) {
    lastUser = key;
    renderUserMenu(s);
    if (s) { health(); if (started) loadTeam(); }
  }
  headerMode(mode);
});

async function start() {
  // Who is signed in decides everything else; an anonymous visitor goes to sign-in (but share links open).
  try {
    setSession(await api('/api/session'));
  } catch (e) {
    if (e.status !== 401) console.error(e);
    setSession(null);
  }
  if (currentSession()) await loadTeam();
  started = true;
  window.addEventListener('hashchange', () => {
    // after a failure, each page change checks again whether the server is well
    if (failedAt) { failedAt = null; health(); }
    route();
  });
  route();
  if (!currentSession()) health();
}

/** The team's time zone and the server's today, for every page (one request per sign-in). */
async function loadTeam() {
  try {
    setTeamSettings(await api('/api/settings/team', { authRedirect: false }));
  } catch (e) {
    console.error(e); // pages fall back to UTC and the browser's day
  }
}

// Chart.js loads deferred; modules run after deferred classic scripts, so window.Chart is ready.
start();
