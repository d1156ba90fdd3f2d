// Goalpost web UI: who is signed in, the header for them, and hash routing between pages.
import { h, clear, api, errorBox, currentSession, setSession, onSessionChange, hasRole, signInHash, forbidden,
  closeDialogs } from './util.js';
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

const view = document.getElementById('view');
let renderSeq = 0;

/** What a role may not do, for pages refused in words: [title, what, needed role]. */
const NEW_GOAL = ['New goal', 'create goals', 'editor'];
const EDIT_GOAL = ['Edit goal', 'edit goals', 'editor'];
const USERS = ['Users', 'manage users', 'admin'];
const AUDIT = ['Audit log', 'read the audit log', 'admin'];

// [pattern, (match, query) => {nav, render, public?, mode?, needs?: [title, what, role]}]
const routes = [
  [/^#?\/?$/, () => ({ nav: 'dashboard', render: renderDashboard })],
  [/^#\/dashboard$/, () => ({ nav: 'dashboard', render: renderDashboard })],
  [/^#\/sign-in$/, (m, q) => ({ public: true, mode: 'anonymous', render: (el, ctx) => renderSignIn(el, ctx, q) })],
  [/^#\/setup$/, (m, q) => ({ public: true, mode: 'anonymous', render: (el, ctx) => renderSignIn(el, ctx, q, { setup: true }) })],
  [/^#\/shared\/([A-Za-z0-9_~.-]+)$/, m => ({ public: true, mode: 'shared', render: (el, ctx) => renderShared(el, ctx, m[1]) })],
  [/^#\/goals\/new$/, () => ({ nav: 'new', needs: NEW_GOAL, render: renderWizard })],
  [/^#\/goals\/(\d+)\/edit$/, m => ({ nav: 'dashboard', needs: EDIT_GOAL, render: (el, ctx) => renderWizard(el, ctx, Number(m[1])) })],
  [/^#\/goals\/(\d+)$/, m => ({ nav: 'dashboard', render: (el, ctx) => renderGoal(el, ctx, Number(m[1])) })],
  [/^#\/accounts(?:\/(\d+))?$/, m => ({ nav: 'accounts', render: (el, ctx) => renderAccounts(el, ctx, m[1] ? Number(m[1]) : null) })],
  [/^#\/plugins$/, () => ({ nav: 'plugins', render: renderPlugins })],
  [/^#\/report$/, () => ({ nav: 'report', render: renderReport })],
  [/^#\/posts$/, () => ({ nav: 'posts', render: renderPosts })],
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

async function route() {
  const seq = ++renderSeq;
  destroyCharts();
  closeDialogs();
  closeUserMenu();
  const hash = location.hash || '#/dashboard';
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
    return;
  }
  markNav(found.nav);
  if (found.needs && !hasRole(found.needs[2])) {
    forbidden(view, ...found.needs);
    return;
  }
  const ctx = { isCurrent: () => seq === renderSeq };
  try {
    await found.render(view, ctx);
  } catch (e) {
    if (ctx.isCurrent()) {
      console.error(e);
      view.append(errorBox(e));
    }
  }
}

function markNav(nav) {
  for (const a of document.querySelectorAll('[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
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

async function health() {
  const el = document.getElementById('health');
  try {
    const hh = await api('/api/health', { authRedirect: false });
    const ok = hh.status === 'ok' && hh.database !== 'down';
    el.className = 'health ' + (ok ? 'tone-good' : 'tone-bad');
    el.textContent = ok ? `Server OK · ${hh.plugins ?? '?'} plugins` : `Server problem: database ${hh.database}`;
  } catch (e) {
    if (e.status === 401) { el.className = 'health'; el.textContent = ''; return; }
    el.className = 'health tone-bad';
    el.textContent = 'Server unreachable';
  }
}

let lastUser = null;
onSessionChange(s => {
  const key = s ? `${s.user.id}:${s.user.username}:${s.user.role}` : null;
  if (key !== lastUser) {
    lastUser = key;
    renderUserMenu(s);
    if (s) health();
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
  window.addEventListener('hashchange', route);
  route();
  if (!currentSession()) health();
}

// Chart.js loads deferred; modules run after deferred classic scripts, so window.Chart is ready.
start();
