// Plugins: installed plugins, their state, the networks they provide and what each can report.
import { h, api, clear, loading, errorBox, networkColor } from './util.js';
import { capabilityMatrix } from './capabilities.js';

const STATE_TONE = { STARTED: 'good', RESOLVED: 'neutral', CREATED: 'neutral', STOPPED: 'warn', DISABLED: 'warn', FAILED: 'bad', UNLOADED: 'warn' };

export async function renderPlugins(view, ctx) {
  view.append(h('h1', {}, 'Plugins'));
  const body = h('div', {}, loading('Loading plugins…'));
  view.append(body);
  let plugins, networks;
  try {
    [plugins, networks] = await Promise.all([api('/api/plugins'), api('/api/networks').catch(() => [])]);
  } catch (e) {
    if (ctx.isCurrent()) clear(body).append(errorBox(e, { retry: () => window.dispatchEvent(new HashChangeEvent('hashchange')) }));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  if (!plugins.length) {
    body.append(h('div', { class: 'empty-state' }, h('p', {}, 'No plugins installed: put plugin files in the plugins folder and restart.')));
    return;
  }
  const netById = Object.fromEntries(networks.map(n => [n.id, n]));
  body.append(await capabilityMatrix(networks));
  body.append(h('div', { class: 'plugin-grid' }, plugins.map(p => {
    const state = String(p.state || 'unknown');
    const tone = p.problem ? 'bad' : STATE_TONE[state.toUpperCase()] || 'neutral';
    return h('article', { class: 'panel plugin-card', dataset: { pluginId: p.id } },
      h('header', { class: 'goal-card-head' }, h('h2', {}, p.id),
        h('span', { class: `badge tone-${tone}` }, h('span', { 'aria-hidden': 'true', class: 'badge-icon' }, tone === 'good' ? '✔' : tone === 'bad' ? '✖' : '•'), state.toLowerCase())),
      h('dl', { class: 'facts-grid' },
        h('div', {}, h('dt', {}, 'Version'), h('dd', {}, p.version || '')),
        h('div', {}, h('dt', {}, 'Requires API'), h('dd', {}, p.requires || '—')),
        h('div', {}, h('dt', {}, 'File'), h('dd', { class: 'small' }, p.file || '—'))),
      p.problem ? h('p', { class: 'alert alert-error' }, p.problem) : null,
      (p.networks || []).map(id => networkBlock(netById[id], id)));
  })));
}

function networkBlock(n, id) {
  if (!n) return h('section', { class: 'net-block' }, h('h3', {}, id), h('p', { class: 'muted' }, 'This network is not loaded.'));
  const unavailable = Object.entries(n.unavailable || {});
  const hist = n.history || {};
  return h('section', { class: 'net-block' },
    h('h3', {}, h('span', { class: 'net-dot', style: `background:${networkColor(n.id)}`, 'aria-hidden': 'true' }), n.displayName || n.id),
    h('p', {}, h('strong', {}, 'Can report: '), (n.reportable || []).length ? n.reportable.join(', ') : 'nothing declared'),
    h('div', {}, h('strong', {}, 'Cannot report:'), unavailable.length
      ? h('ul', { class: 'cannot' }, unavailable.map(([m, why]) => h('li', {}, h('span', { class: 'metric' }, m), ' — ', why)))
      : h('span', {}, ' nothing declared unavailable')),
    h('p', { class: 'small muted' }, [
      hist.maxLookbackDays ? `history up to ${hist.maxLookbackDays} days back` : null,
      hist.maxDaysPerRequest ? `${hist.maxDaysPerRequest} days per request` : null,
      hist.reportingLagDays ? `data ${hist.reportingLagDays} day(s) late` : null,
      hist.historyFromConnectionOnly ? 'history only from the day of connection' : null,
    ].filter(Boolean).join(' · ')),
    n.docsUrl ? h('p', { class: 'small' }, h('a', { href: n.docsUrl, target: '_blank', rel: 'noopener noreferrer' }, 'API documentation')) : null);
}
