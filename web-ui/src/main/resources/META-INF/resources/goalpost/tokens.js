// API tokens: the caller's (an admin: everyone's, on request), create one (shown once), revoke.
import { h, api, clear, stackTable, loading, errorBox, field, setFieldError, fieldErrors, fmtDateTime, fmtDay, currentSession, hasRole,
  ROLES, roleAtLeast, shownOnce, today, expiryText } from './util.js';

export async function renderTokens(view, ctx) {
  const me = currentSession().user;
  const admin = hasRole('admin');
  view.append(h('h1', {}, 'API tokens'),
    h('p', { class: 'muted' }, 'A token lets a script or another tool use the Goalpost API as you: send it as ',
      h('code', {}, 'Authorization: Bearer gp_…'), '. Its role is never higher than yours, and it stops working when revoked, expired, or when your user is disabled.'));
  const notice = h('div', { id: 'tokens-notice', 'aria-live': 'polite' });
  const created = h('div', { id: 'token-created', 'aria-live': 'polite' });
  const listBox = h('div', {}, loading('Loading tokens…'));
  const all = admin ? h('input', { type: 'checkbox', id: 'tokens-all' }) : null;
  const listSec = h('section', { 'aria-labelledby': 'tokens-h' },
    h('div', { class: 'section-head' }, h('h2', { id: 'tokens-h' }, 'Tokens'),
      all ? h('div', { class: 'check' }, all, h('label', { for: 'tokens-all' }, 'All users')) : null),
    listBox);
  const load = async () => {
    clear(listBox).append(loading('Loading tokens…'));
    let tokens;
    try {
      tokens = await api('/api/tokens' + (all && all.checked ? '?all=true' : ''));
    } catch (e) {
      if (ctx.isCurrent()) clear(listBox).append(errorBox(e));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(listBox).append(tokenTable(tokens, me, notice, load));
  };
  if (all) all.addEventListener('change', load);
  view.append(createForm(me, created, load), created, notice, listSec);
  await load();
}

function tokenTable(tokens, me, notice, reload) {
  if (!tokens.length) return h('p', { class: 'empty' }, 'No API tokens yet.');
  return stackTable(h('div', { class: 'table-wrap' }, h('table', { class: 'tokens-table' },
    h('caption', { class: 'sr-only' }, 'API tokens with their role, owner, creation, expiry and last use'),
    h('thead', {}, h('tr', {}, ['Name', 'Role', 'User', 'Created', 'Expires', 'Last used', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, tokens.map(t => h('tr', { dataset: { tokenId: String(t.id) } },
      h('th', { scope: 'row', class: 'token-name' }, t.name),
      h('td', {}, t.role),
      h('td', {}, t.user ? t.user.username : '', t.user && t.user.id === me.id ? h('span', { class: 'muted small' }, ' (you)') : null),
      h('td', {}, fmtDateTime(t.created_at)),
      h('td', { title: t.expires_at || '' }, expiryText(t.expires_at)),
      h('td', {}, fmtDateTime(t.last_used_at)),
      h('td', {}, h('div', { class: 'row-actions' }, h('button', { type: 'button', class: 'button small danger', 'aria-label': `Revoke token ${t.name}`, on: { click: async (e) => {
        if (!confirm(`Revoke the token “${t.name}”? Whatever uses it stops working.`)) return;
        e.target.disabled = true;
        try {
          await api(`/api/tokens/${t.id}`, { method: 'DELETE' });
          clear(notice).append(h('p', { class: 'alert alert-ok', role: 'status' }, `The token “${t.name}” was revoked.`));
          reload();
        } catch (err) {
          clear(notice).append(errorBox(err));
          e.target.disabled = false;
        }
      } } }, 'Revoke')))))))));
}

function createForm(me, created, reload) {
  const name = field('token-name', 'Name', h('input', { type: 'text', autocomplete: 'off', required: true, maxlength: '100' }),
    'What uses it, e.g. “Nightly export”.');
  const allowed = ROLES.filter(r => roleAtLeast(me.role, r));
  const role = field('token-role', 'Role', h('select', {}, allowed.map(r => h('option', { value: r, selected: r === me.role }, r))),
    'No higher than your own role.');
  const expires = field('token-expires', 'Expires on (optional)', h('input', { type: 'date', min: today() }),
    'It works through the end of that day (UTC).');
  const fields = { name, role, expires_at: expires };
  const msg = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Create token');
  const form = h('form', { novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(msg);
    clear(created);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    if (!name.input.value.trim()) { setFieldError(name, 'Give the token a name.'); name.input.focus(); return; }
    const body = { name: name.input.value.trim(), role: role.input.value };
    if (expires.input.value) body.expires_at = expires.input.value;
    submit.disabled = true;
    try {
      const t = await api('/api/tokens', { method: 'POST', body });
      name.input.value = '';
      expires.input.value = '';
      created.append(shownOnce('new-token', `Your new token “${t.name}” (${t.role}${t.expires_at ? ', ' + expiryText(t.expires_at) : ''})`, t.token));
      const input = created.querySelector('input');
      input.focus();
      input.select();
      reload();
    } catch (err) {
      msg.append(errorBox(err));
      for (const [k, m] of Object.entries(fieldErrors(err.details))) if (fields[k]) setFieldError(fields[k], m);
    } finally {
      submit.disabled = false;
    }
  } } }, h('div', { class: 'form-row' }, name.wrap, role.wrap, expires.wrap), submit, msg);
  return h('section', { class: 'panel', 'aria-labelledby': 'new-token-h' }, h('h2', { id: 'new-token-h' }, 'Create a token'), form);
}
