// What each network can report, as a network × KPI matrix: for every KPI of the catalog, whether a
// network's plugin reports it, can only get it by a CSV import, or can never report it, and why.
// The rule is the server's (Capabilities.cannotReport): a KPI is out of reach for a network when one
// of its inputs is declared unavailable by the network's plugin.
import { h, api, networkColor } from './util.js';

const CELL = {
  yes: { icon: '✔', words: 'Reports it', tone: 'good' },
  import: { icon: '✎', words: 'By CSV import only', tone: 'warn' },
  no: { icon: '✖', words: 'Cannot report', tone: 'bad' },
};

/** One KPI for one network: {state: yes | import | no, why}. */
export function capability(kpi, net) {
  const unavailable = net.unavailable || {};
  const reportable = new Set(net.reportable || []);
  const inputs = kpi.inputs || [];
  const blocked = inputs.filter(m => unavailable[m]);
  if (blocked.length) return { state: 'no', why: blocked.map(m => `${m}: ${unavailable[m]}`).join('; ') };
  const missing = inputs.filter(m => !reportable.has(m));
  if (missing.length) return { state: 'import', why: `the plugin does not fetch ${missing.join(', ')}; a CSV import can add it` };
  return { state: 'yes', why: '' };
}

/** The matrix for {@code networks} (GET /api/networks) and the KPI catalog (GET /api/kpis, fetched here). */
export async function capabilityMatrix(networks) {
  const sec = h('section', { class: 'panel capability-matrix', 'aria-labelledby': 'cap-h', id: 'capabilities' },
    h('h2', { id: 'cap-h' }, 'What each network can report'));
  if (!networks || !networks.length) {
    sec.append(h('p', { class: 'empty' }, 'No network is loaded.'));
    return sec;
  }
  let kpis;
  try {
    kpis = (await api('/api/kpis')).kpis || [];
  } catch (e) {
    sec.append(h('p', { class: 'alert alert-error', role: 'alert' }, `The KPI list could not be loaded: ${e.message}`));
    return sec;
  }
  sec.append(h('p', { class: 'muted small' }, '✔ the network\'s API gives it; ✎ only through a CSV import; ✖ the network cannot report it (the reason is in the cell).'),
    // under 600 px each KPI becomes a card listing every network (table.stack): six columns of reasons do not fit a phone
    h('div', { class: 'table-wrap sticky-first stack-wrap' }, h('table', { class: 'cap-table stack' },
      h('caption', { class: 'sr-only' }, 'For each KPI and network: whether the network can report it, and why not'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'KPI'), networks.map(n => h('th', { scope: 'col' },
        h('span', { class: 'net-dot', style: `background:${networkColor(n.id)}`, 'aria-hidden': 'true' }), n.displayName || n.id)))),
      h('tbody', {}, kpis.map(k => h('tr', { dataset: { kpi: k.id } }, h('th', { scope: 'row' }, k.name),
        networks.map(n => {
          const c = capability(k, n);
          const look = CELL[c.state];
          return h('td', { class: `cap cap-${c.state}`, 'data-label': n.displayName || n.id, dataset: { network: n.id, state: c.state } },
            h('span', { class: `cap-mark tone-text-${look.tone}` }, h('span', { 'aria-hidden': 'true' }, look.icon + ' '), look.words),
            c.why ? h('span', { class: 'cell-note' }, c.why) : null);
        })))))));
  return sec;
}
