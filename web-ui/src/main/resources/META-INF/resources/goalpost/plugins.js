// Plugins: installed plugins (version, publisher, state), refused files with the reason, plugins
// available from the configured catalogs, changes an instance failed to apply (retried on their own),
// and for admins install/upgrade/disable/enable/remove while the server runs (platform/API-plugins.md);
// what each network can report as a matrix.
import { h, api, clear, loading, errorBox, networkColor, hasRole, fmtDateTime } from './util.js';
import { capabilityMatrix } from './capabilities.js';

const STATE_TONE = { STARTED: 'good', DISABLED: 'warn', FAILED: 'bad', REFUSED: 'bad' };

export async function renderPlugins(view, ctx) {
  view.append(h('h1', {}, 'Plugins'));
  const status = h('p', { class: 'plugin-status', role: 'status', 'aria-live': 'polite' });
  const body = h('div', {}, loading('Loading plugins…'));
  view.append(status, body);
  const admin = hasRole('admin');
  let refresh = null;

  async function run(what, call) {
    // One change at a time: the buttons wait until this one is done (an upgrade drains running syncs first).
    for (const control of view.querySelectorAll('button, input')) control.disabled = true;
    body.setAttribute('aria-busy', 'true');
    status.className = 'plugin-status alert alert-info';
    status.textContent = what + '…';
    try {
      const result = await call();
      status.className = 'plugin-status alert alert-ok';
      status.textContent = what + ': done' + (result && result.version ? ` (${result.id} ${result.version}, ${result.state.toLowerCase()})` : '') + '.';
    } catch (e) {
      status.className = 'plugin-status alert alert-error';
      status.textContent = what + ' failed: ' + ((e.data && e.data.error) || e.message);
    }
    if (ctx.isCurrent()) await load();
    body.removeAttribute('aria-busy');
  }

  async function load() {
    let plugins, networks, trust, available, pending;
    try {
      [plugins, networks, trust, available, pending] = await Promise.all([api('/api/plugins'), api('/api/networks').catch(() => []),
        api('/api/plugins/trust').catch(() => ({ warnings: [], keys: [] })), api('/api/plugins/available').catch(() => null),
        api('/api/plugins/pending').catch(() => [])]);
    } catch (e) {
      if (ctx.isCurrent()) clear(body).append(errorBox(e, { retry: load }));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(body);
    for (const w of trust.warnings || []) body.append(h('p', { class: 'alert alert-error plugin-warning' }, 'Warning: ', w));
    const live = admin && trust.liveOperations;
    if (live) body.append(uploadForm(run));
    for (const p of pending || []) {
      body.append(h('p', { class: 'alert alert-error plugin-pending', dataset: { pendingId: p.id } },
        `The instance ${p.instance} has not applied ${p.id} ${p.version}${p.enabled ? '' : ' (disabled)'} yet: `, p.error,
        ` Attempt ${p.attempts} failed at ${fmtDateTime(p.failedAt)}; the next one is in `,
        h('span', { class: 'plugin-next-attempt' }, `${Math.max(0, Math.round((Date.parse(p.nextAttempt) - Date.now()) / 1000))} s`), '.'));
    }
    // Retries happen on their own: look again shortly so the page shows when they succeed.
    clearTimeout(refresh);
    if ((pending || []).length) refresh = setTimeout(() => { if (ctx.isCurrent() && !body.hasAttribute('aria-busy')) load(); }, 5000);

    const installed = plugins.filter(p => p.state !== 'REFUSED');
    const refused = plugins.filter(p => p.state === 'REFUSED');
    const netById = Object.fromEntries(networks.map(n => [n.id, n]));
    if (networks.length) body.append(await capabilityMatrix(networks));
    body.append(h('h2', {}, 'Installed'));
    if (!installed.length) {
      body.append(h('div', { class: 'empty-state' }, h('p', {}, live ? 'No plugins installed: upload a signed plugin zip above.'
        : 'No plugins installed.')));
    } else {
      body.append(h('div', { class: 'plugin-grid' }, installed.map(p => card(p, netById, live, run))));
    }
    if (available && (available.plugins || []).length) body.append(availableList(available, installed, live, run));
    if (available && (available.problems || []).length) {
      body.append(h('div', {}, available.problems.map(pr => h('p', { class: 'alert alert-error' }, 'Catalog ', pr.url, ': ', pr.problem))));
    }
    if (refused.length) {
      body.append(h('h2', {}, 'Refused'),
        h('p', { class: 'muted' }, 'These files were not loaded; nothing of them runs.'),
        h('div', { class: 'table-wrap' }, h('table', { class: 'table refused-plugins' },
          h('thead', {}, h('tr', {}, h('th', {}, 'File'), h('th', {}, 'Plugin'), h('th', {}, 'Version'), h('th', {}, 'Reason'),
            live ? h('th', {}, 'Actions') : null)),
          h('tbody', {}, refused.map(p => h('tr', { dataset: { refusedFile: p.file } },
            h('td', {}, p.file), h('td', {}, p.id), h('td', {}, p.version || '—'), h('td', {}, p.problem),
            // An upload or download refused is listed until dismissed; a plugins-directory file until it is removed (409 says so).
            live ? h('td', {}, h('button', { type: 'button', class: 'button small', 'aria-label': `Dismiss ${p.file}`,
              on: { click: () => run(`Dismissing ${p.file}`, () => api(`/api/plugins/refused?file=${encodeURIComponent(p.file)}`,
                { method: 'DELETE' })) } }, 'Dismiss')) : null))))));
    }
  }
  await load();
}

function uploadForm(run) {
  const input = h('input', { type: 'file', id: 'plugin-upload-file', accept: '.zip,application/zip' });
  return h('form', { class: 'panel plugin-upload', on: { submit: async (e) => {
    e.preventDefault();
    const file = input.files && input.files[0];
    if (!file) return;
    await run(`Installing ${file.name}`, () => api(`/api/plugins?file=${encodeURIComponent(file.name)}`,
      { method: 'POST', body: file, contentType: 'application/zip' }));
  } } },
  h('label', { for: 'plugin-upload-file' }, 'Install or upgrade from a plugin zip'), ' ', input, ' ',
  h('button', { type: 'submit', class: 'button primary' }, 'Install'),
  h('p', { class: 'small muted' }, 'A newer version of an installed plugin replaces it without a restart: its syncs pause, ',
    'and if it does not start the previous version is put back. Only zips signed by a trusted publisher key load.'));
}

function card(p, netById, live, run) {
  const state = String(p.state || 'unknown');
  const tone = STATE_TONE[state] || 'neutral';
  const actions = !live ? null : h('div', { class: 'actions' },
    state === 'STARTED'
      ? h('button', { type: 'button', class: 'button small', 'aria-label': `Disable ${p.id}`,
        on: { click: () => run(`Disabling ${p.id}`, () => api(`/api/plugins/${encodeURIComponent(p.id)}/disable`, { method: 'POST' })) } }, 'Disable')
      : h('button', { type: 'button', class: 'button small', 'aria-label': `Enable ${p.id}`,
        on: { click: () => run(`Enabling ${p.id}`, () => api(`/api/plugins/${encodeURIComponent(p.id)}/enable`, { method: 'POST' })) } }, 'Enable'),
    h('button', { type: 'button', class: 'button small danger', 'aria-label': `Remove ${p.id}`, on: { click: () => {
      if (!confirm(`Remove the plugin ${p.id}? Its accounts keep their history and goals and sync again once it is installed again.`)) return;
      run(`Removing ${p.id}`, () => api(`/api/plugins/${encodeURIComponent(p.id)}`, { method: 'DELETE' }));
    } } }, 'Remove'));
  return h('article', { class: 'panel plugin-card', dataset: { pluginId: p.id, state } },
    h('header', { class: 'goal-card-head' }, h('h2', {}, p.id),
      h('span', { class: `badge tone-${tone}` }, h('span', { 'aria-hidden': 'true', class: 'badge-icon' }, tone === 'good' ? '✔' : tone === 'bad' ? '✖' : '•'), state.toLowerCase())),
    h('dl', { class: 'facts-grid' },
      h('div', {}, h('dt', {}, 'Version'), h('dd', { class: 'plugin-version' }, p.version || '—')),
      h('div', {}, h('dt', {}, 'Publisher'), h('dd', {}, p.publisher || '—', p.keyId ? h('span', { class: 'small muted' }, ` (key ${p.keyId})`) : null)),
      h('div', {}, h('dt', {}, 'Requires API'), h('dd', {}, p.requires || '—')),
      h('div', {}, h('dt', {}, 'File'), h('dd', { class: 'small' }, p.file || '—'))),
    p.problem ? h('p', { class: state === 'DISABLED' ? 'alert alert-info' : 'alert alert-error' }, p.problem) : null,
    actions,
    (p.networks || []).map(id => networkBlock(netById[id], id)));
}

function availableList(available, installed, live, run) {
  const byId = Object.fromEntries(installed.map(p => [p.id, p]));
  return h('section', {}, h('h2', {}, 'Available'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table available-plugins' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Plugin'), h('th', {}, 'Latest'), h('th', {}, 'Installed'), h('th', {}, 'Provider'), h('th', {}, ''))),
      h('tbody', {}, available.plugins.map(a => {
        const have = byId[a.id];
        const newer = a.upgrade || (!have);
        return h('tr', { dataset: { availableId: a.id } },
          h('td', {}, a.id, a.description ? h('div', { class: 'small muted' }, a.description) : null),
          h('td', {}, a.version), h('td', {}, have ? have.version : '—'), h('td', {}, a.provider || '—'),
          h('td', {}, live && newer ? h('button', { type: 'button', class: 'button small primary', 'aria-label': `${have ? 'Upgrade' : 'Install'} ${a.id} ${a.version}`,
            on: { click: () => run(`${have ? 'Upgrading' : 'Installing'} ${a.id} ${a.version}`, () => api('/api/plugins/available/install',
              { method: 'POST', body: { id: a.id, version: a.version } })) } }, have ? 'Upgrade' : 'Install') : null));
      })))));
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
