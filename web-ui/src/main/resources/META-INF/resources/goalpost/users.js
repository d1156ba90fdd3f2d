// Users (admin): the list, create, change role, disable/enable, reset password, delete.
import { h, api, clear, stackTable, loading, errorBox, field, setFieldError, fieldErrors, fmtDateTime, openDialog, currentSession,
  ROLES, sentence } from './util.js';
import { teamZoneSection } from './team.js';

const ROLE_WORDS = { viewer: 'Viewer (reads)', editor: 'Editor (reads and changes)', admin: 'Admin (everything, users and audit)' };

export async function renderUsers(view, ctx) {
  view.append(h('h1', {}, 'Users'));
  const notice = h('div', { id: 'users-notice', 'aria-live': 'polite' });
  const listBox = h('div', {}, loading('Loading users…'));
  view.append(notice, h('section', { 'aria-labelledby': 'users-h' }, h('h2', { id: 'users-h' }, 'Everyone who can sign in'), listBox));
  const say = (node) => clear(notice).append(node);
  const ok = (text) => say(h('p', { class: 'alert alert-ok', role: 'status' }, text));
  const fail = (err) => say(h('div', { class: 'alert alert-error', role: 'alert' }, sentence(err.message || String(err))));

  const load = async () => {
    let users;
    try {
      users = await api('/api/users');
    } catch (e) {
      if (ctx.isCurrent()) clear(listBox).append(errorBox(e));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(listBox).append(userTable(users, { ok, fail, reload: load }));
  };
  view.append(createForm(ok, load));
  view.append(teamZoneSection());
  await load();
}

function userTable(users, { ok, fail, reload }) {
  const me = currentSession() && currentSession().user.id;
  if (!users.length) return h('p', { class: 'empty' }, 'No users.');
  return stackTable(h('div', { class: 'table-wrap' }, h('table', { class: 'users-table' },
    h('caption', { class: 'sr-only' }, 'Users with their role, status, creation and last sign-in'),
    h('thead', {}, h('tr', {}, ['Username', 'Role', 'Status', 'Created', 'Last sign-in', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, users.map(u => {
      const roleId = `user-role-${u.id}`;
      // A role changes on Save, not on every change of the list (arrow keys would change it at once).
      const role = h('select', { id: roleId, class: 'role-select' }, ROLES.map(r => h('option', { value: r, selected: r === u.role }, r)));
      const saveRole = h('button', { type: 'button', class: 'button small', 'aria-label': `Save role of ${u.username}`, on: { click: async () => {
        const to = role.value;
        if (to === u.role) { ok(`${u.username} is already ${to}.`); return; }
        saveRole.disabled = true;
        try {
          await api(`/api/users/${u.id}`, { method: 'PUT', body: { role: to } });
          ok(`${u.username} is now ${to}.`);
          u.role = to;
        } catch (err) {
          role.value = u.role;
          fail(err);
        } finally {
          saveRole.disabled = false;
        }
      } } }, 'Save');
      return h('tr', { dataset: { userId: String(u.id), username: u.username } },
        h('th', { scope: 'row', class: 'user-name' }, u.username, u.id === me ? h('span', { class: 'muted small' }, ' (you)') : null),
        h('td', {}, h('div', { class: 'inline-form role-cell' }, h('label', { for: roleId, class: 'sr-only' }, `Role of ${u.username}`), role, saveRole)),
        h('td', {}, u.disabled
          ? h('span', { class: 'badge tone-bad user-status' }, h('span', { 'aria-hidden': 'true', class: 'badge-icon' }, '✖'), 'Disabled')
          : h('span', { class: 'badge tone-good user-status' }, h('span', { 'aria-hidden': 'true', class: 'badge-icon' }, '✔'), 'Enabled')),
        h('td', {}, fmtDateTime(u.created_at)),
        h('td', {}, fmtDateTime(u.last_sign_in_at)),
        h('td', {}, h('div', { class: 'row-actions' },
          h('button', { type: 'button', class: 'button small', 'aria-label': `${u.disabled ? 'Enable' : 'Disable'} ${u.username}`, on: { click: async (e) => {
            e.target.disabled = true;
            try {
              await api(`/api/users/${u.id}`, { method: 'PUT', body: { disabled: !u.disabled } });
              ok(u.disabled ? `${u.username} can sign in again.` : `${u.username} is disabled: their sessions ended and their API tokens stopped working.`);
              reload();
            } catch (err) {
              fail(err);
              e.target.disabled = false;
            }
          } } }, u.disabled ? 'Enable' : 'Disable'),
          h('button', { type: 'button', class: 'button small', 'aria-label': `Reset password of ${u.username}`,
            on: { click: () => resetPassword(u, ok) } }, 'Reset password'),
          h('button', { type: 'button', class: 'button small danger', 'aria-label': `Delete ${u.username}`, on: { click: async () => {
            if (!confirm(`Delete the user “${u.username}”? Their API tokens are deleted; the audit log keeps their name.`)) return;
            try {
              await api(`/api/users/${u.id}`, { method: 'DELETE' });
              ok(`${u.username} was deleted.`);
              reload();
            } catch (err) {
              fail(err);
            }
          } } }, 'Delete'))));
    })))));
}

function resetPassword(u, ok) {
  openDialog({
    id: 'reset-dialog',
    title: `Reset the password of ${u.username}`,
    build: (body, dlg) => {
      const pw = field('reset-password', 'New password', h('input', { type: 'password', autocomplete: 'new-password', required: true }),
        'At least 10 characters, not the username. Their sessions end; tell them the new password.');
      const again = field('reset-repeat', 'Repeat the new password', h('input', { type: 'password', autocomplete: 'new-password', required: true }));
      const msg = h('div', { 'aria-live': 'polite' });
      body.append(h('form', { novalidate: true, on: { submit: async (e) => {
        e.preventDefault();
        clear(msg);
        setFieldError(pw, '');
        setFieldError(again, '');
        if (pw.input.value.length < 10) { setFieldError(pw, 'Use at least 10 characters.'); pw.input.focus(); return; }
        if (pw.input.value !== again.input.value) { setFieldError(again, 'The two passwords differ.'); again.input.focus(); return; }
        try {
          await api(`/api/users/${u.id}/password`, { method: 'PUT', body: { password: pw.input.value } });
          dlg.close();
          ok(`The password of ${u.username} was reset; their sessions ended.`);
        } catch (err) {
          msg.append(errorBox(err));
          const fe = fieldErrors(err.details);
          if (fe.password) setFieldError(pw, fe.password);
        }
      } } }, pw.wrap, again.wrap, h('button', { type: 'submit', class: 'button primary' }, 'Set password'), msg));
    },
  });
}

function createForm(ok, reload) {
  const username = field('new-user-name', 'Username', h('input', { type: 'text', autocomplete: 'off', autocapitalize: 'none', spellcheck: 'false', required: true }),
    '1 to 64 letters, digits, dots, underscores, hyphens or @.');
  const password = field('new-user-password', 'Password', h('input', { type: 'password', autocomplete: 'new-password', required: true }),
    'At least 10 characters, not the username.');
  const role = field('new-user-role', 'Role', h('select', {}, ROLES.map(r => h('option', { value: r }, ROLE_WORDS[r]))));
  const fields = { username, password, role };
  const msg = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Create user');
  const form = h('form', { novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(msg);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    const name = username.input.value.trim();
    if (!name) { setFieldError(username, 'Enter a username.'); username.input.focus(); return; }
    if (password.input.value.length < 10) { setFieldError(password, 'Use at least 10 characters.'); password.input.focus(); return; }
    submit.disabled = true;
    try {
      const u = await api('/api/users', { method: 'POST', body: { username: name, password: password.input.value, role: role.input.value } });
      username.input.value = '';
      password.input.value = '';
      ok(`User ${u.username} (${u.role}) was created.`);
      reload();
    } catch (err) {
      msg.append(errorBox(err));
      for (const [k, m] of Object.entries(fieldErrors(err.details))) if (fields[k]) setFieldError(fields[k], m);
      if (err.status === 409) setFieldError(username, sentence(err.message));
    } finally {
      submit.disabled = false;
    }
  } } }, h('div', { class: 'form-row' }, username.wrap, password.wrap, role.wrap), submit, msg);
  return h('section', { class: 'panel', 'aria-labelledby': 'new-user-h' }, h('h2', { id: 'new-user-h' }, 'Add a user'), form);
}
