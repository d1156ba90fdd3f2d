// Audit log (admin): newest first, filtered by action prefix, more on request (GET /api/audit).
import { h, api, clear, stackTable, loading, errorBox, fmtDateTime, daysInWords } from './util.js';

const PAGE = 100;
const PREFIXES = ['session.', 'setup.', 'user.', 'token.', 'share.', 'account.', 'import.', 'goal.', 'tactic.', 'notifications.', 'settings.', 'report_schedule.'];

/** A details value as text: nested objects and lists flattened, never HTML; days written as on every page ("2 Dec"). */
function valueText(v) {
  if (v === null || v === undefined) return '—';
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  if (typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${valueText(x)}`).join('; ');
  return daysInWords(String(v));
}

function detailsList(d) {
  const entries = d && typeof d === 'object' ? Object.entries(d) : [];
  if (!entries.length) return h('span', { class: 'muted' }, '—');
  return h('ul', { class: 'audit-details' }, entries.map(([k, v]) => h('li', {}, h('span', { class: 'audit-key' }, k + ': '), valueText(v))));
}

function targetText(t) {
  if (!t) return '—';
  const name = t.name !== null && t.name !== undefined && t.name !== '' ? ` “${t.name}”` : '';
  const id = t.id !== null && t.id !== undefined ? ` #${t.id}` : '';
  return `${t.type || ''}${name}${id}`.trim();
}

export async function renderAudit(view, ctx) {
  view.append(h('h1', {}, 'Audit log'),
    h('p', { class: 'muted' }, 'Who did what, newest first. Passwords, tokens and credentials are never written here.'));
  const action = h('input', { type: 'text', id: 'audit-action', list: 'audit-prefixes', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'e.g. user.' });
  const form = h('form', { class: 'inline-form audit-filter', role: 'search', 'aria-label': 'Filter the audit log', on: { submit: (e) => {
    e.preventDefault();
    start();
  } } },
  h('label', { for: 'audit-action' }, 'Action starts with'), action,
  h('datalist', { id: 'audit-prefixes' }, PREFIXES.map(p => h('option', { value: p }))),
  h('button', { type: 'submit', class: 'button' }, 'Filter'),
  h('button', { type: 'button', class: 'button', on: { click: () => { action.value = ''; start(); } } }, 'Show all'));
  const tbody = h('tbody', {});
  const table = h('div', { class: 'table-wrap' }, h('table', { class: 'audit-table' },
    h('caption', { class: 'sr-only' }, 'Audit events, newest first'),
    h('thead', {}, h('tr', {}, ['Time', 'Who', 'Via', 'Address', 'Action', 'Target', 'Details'].map(t => h('th', { scope: 'col' }, t)))),
    tbody));
  const status = h('div', { class: 'audit-status', 'aria-live': 'polite' });
  const more = h('button', { type: 'button', class: 'button', id: 'audit-more', hidden: true }, 'Load more');
  view.append(form, table, status, h('p', {}, more));

  let seq = 0;
  let before = null;
  const fetchPage = async (mine) => {
    const q = new URLSearchParams({ limit: String(PAGE) });
    if (before !== null) q.set('before', String(before));
    if (action.value.trim()) q.set('action', action.value.trim());
    clear(status).append(loading('Loading events…'));
    more.hidden = true;
    let r;
    try {
      r = await api('/api/audit?' + q);
    } catch (e) {
      if (mine === seq && ctx.isCurrent()) clear(status).append(errorBox(e));
      return;
    }
    if (mine !== seq || !ctx.isCurrent()) return;
    clear(status);
    const events = r.events || [];
    tbody.append(...events.map(ev => h('tr', { dataset: { eventId: String(ev.id), action: ev.action || '' } },
      h('td', { class: 'audit-time', title: ev.at || '' }, fmtDateTime(ev.at)),
      h('td', {}, ev.actor ? ev.actor.username : h('span', { class: 'muted' }, 'nobody')),
      h('td', {}, ev.via || ''),
      h('td', { class: 'audit-address' }, ev.address || '—'),
      h('th', { scope: 'row', class: 'audit-action' }, h('code', {}, ev.action || '')),
      h('td', { class: 'audit-target' }, targetText(ev.target)),
      h('td', {}, detailsList(ev.details)))));
    stackTable(table); // the new rows' cells named for a phone's cards
    before = r.next_before ?? null;
    more.hidden = before === null;
    if (!tbody.children.length) status.append(h('p', { class: 'empty' }, action.value.trim() ? `No event whose action starts with “${action.value.trim()}”.` : 'No event yet.'));
  };
  const start = () => {
    seq++;
    before = null;
    clear(tbody);
    return fetchPage(seq);
  };
  more.addEventListener('click', () => fetchPage(seq));
  await start();
}
