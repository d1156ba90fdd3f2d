// #/shared/{token}: a share link, without sign-in and read-only, through /api/shared/{token}/… only.
// The dashboard and goal renderers draw it from a read-only data source.
import { h, clear, loading, expiryText } from './util.js';
import { sharedSource } from './source.js';
import { renderDashboard } from './dashboard.js';
import { renderGoal } from './goal.js';
import { setChartAnnotations } from './charts.js';
import { countedBanner } from './demo.js';

const GONE = 'This link does not exist or has expired';

function gone(view) {
  view.append(h('h1', {}, 'Shared link'),
    h('p', { class: 'alert alert-error', role: 'alert', id: 'shared-gone' }, GONE + '.'),
    h('p', { class: 'muted' }, 'Ask whoever sent it for a new link.'));
}

export async function renderShared(view, ctx, token) {
  const src = sharedSource(token);
  const wait = loading('Opening the shared link…');
  view.append(wait);
  let info;
  try {
    info = await src.info();
  } catch (e) {
    if (!ctx.isCurrent()) return;
    clear(view);
    if (e.status === 404 || e.status === 400 || e.status === 410) gone(view);
    else view.append(h('h1', {}, 'Shared link'), h('p', { class: 'alert alert-error', role: 'alert' }, e.message));
    return;
  }
  if (!ctx.isCurrent()) return;
  wait.remove();
  const note = h('p', { class: 'alert alert-info shared-note', id: 'shared-note' },
    'A read-only view shared with you',
    info.expires_at ? ` (the link ${expiryText(info.expires_at)}).` : '.');
  // a share that runs out while open answers 404 from then on: say so instead of an error box
  const guard = async (render) => {
    await render();
    if (!ctx.isCurrent()) return;
    const alert = view.querySelector('.alert-error');
    if (alert && /does not exist or has expired/i.test(alert.textContent)) { clear(view); gone(view); }
  };
  if (info.kind === 'goal') await guard(() => renderGoal(view, ctx, info.goal_id, src, { note }));
  else await guard(() => renderDashboard(view, ctx, src, { note }));
  // The server says when the shared numbers count the demo's simulated accounts (a visitor cannot list accounts).
  const demo = info.demo_data && countedBanner(info.demo_data.accounts, info.demo_data.networks || []);
  if (demo && ctx.isCurrent() && !view.querySelector('#shared-gone')) view.prepend(demo);
  // Mark the notes on the shared charts (drawn ones redraw); without them the charts still stand.
  src.annotations().then(notes => { if (ctx.isCurrent()) setChartAnnotations(notes); }, () => { /* charts without markers */ });
}
