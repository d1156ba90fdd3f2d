// Goalpost web UI: hash routing between pages.
import { h, clear, api, errorBox } from './util.js';
import { destroyCharts } from './charts.js';
import { renderDashboard } from './dashboard.js';
import { renderGoal } from './goal.js';
import { renderWizard } from './wizard.js';
import { renderAccounts } from './accounts.js';
import { renderPlugins } from './plugins.js';
import { renderReport } from './report.js';

const view = document.getElementById('view');
let renderSeq = 0;

const routes = [
  [/^#?\/?$/, () => ['dashboard', renderDashboard]],
  [/^#\/dashboard(?:\?.*)?$/, () => ['dashboard', renderDashboard]],
  [/^#\/goals\/new$/, () => ['new', renderWizard]],
  [/^#\/goals\/(\d+)\/edit$/, m => ['dashboard', (el, ctx) => renderWizard(el, ctx, Number(m[1]))]],
  [/^#\/goals\/(\d+)$/, m => ['dashboard', (el, ctx) => renderGoal(el, ctx, Number(m[1]))]],
  [/^#\/accounts(?:\/(\d+))?$/, m => ['accounts', (el, ctx) => renderAccounts(el, ctx, m[1] ? Number(m[1]) : null)]],
  [/^#\/plugins$/, () => ['plugins', renderPlugins]],
  [/^#\/report$/, () => ['report', renderReport]],
];

async function route() {
  const seq = ++renderSeq;
  destroyCharts();
  const hash = location.hash || '#/dashboard';
  let found = null;
  for (const [re, make] of routes) {
    const m = hash.match(re);
    if (m) { found = make(m); break; }
  }
  clear(view);
  document.body.classList.remove('report-mode');
  if (!found) {
    view.append(h('h1', {}, 'Page not found'), h('p', {}, 'There is no page here. ', h('a', { href: '#/dashboard' }, 'Go to the dashboard')));
    markNav(null);
    return;
  }
  const [nav, render] = found;
  markNav(nav);
  const ctx = { isCurrent: () => seq === renderSeq };
  try {
    await render(view, ctx);
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

async function health() {
  const el = document.getElementById('health');
  try {
    const hh = await api('/api/health');
    const ok = hh.status === 'ok' && hh.database !== 'down';
    el.className = 'health ' + (ok ? 'tone-good' : 'tone-bad');
    el.textContent = ok ? `Server OK · ${hh.plugins ?? '?'} plugins` : `Server problem: database ${hh.database}`;
  } catch (e) {
    el.className = 'health tone-bad';
    el.textContent = 'Server unreachable';
  }
}

window.addEventListener('hashchange', route);
// Chart.js loads deferred; modules run after deferred classic scripts, so window.Chart is ready.
route();
health();
