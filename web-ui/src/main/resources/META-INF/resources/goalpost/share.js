// Share links (editor and admin): a dialog that creates a read-only link to the dashboard's range or
// to one goal, shows the full link once with Copy, and lists the existing links of that kind with
// Revoke (GET/POST/DELETE /api/shares).
import { h, api, clear, loading, errorBox, field, setFieldError, fieldErrors, fmtDay, fmtDateTime, openDialog,
  shownOnce, today, expiryText } from './util.js';

/** The full address of a share link's token. */
export function shareUrl(token) {
  return location.origin + location.pathname + '#/shared/' + token;
}

/**
 * The Share button. {@code what}: {kind: 'dashboard', from, to} or {kind: 'goal', goal: {id, name}}.
 */
export function shareButton(what) {
  return h('button', { type: 'button', class: 'button', id: 'share-open', on: { click: () => openShareDialog(what) } }, 'Share');
}

function describe(what) {
  return what.kind === 'dashboard'
    ? `the dashboard from ${fmtDay(what.from)} to ${fmtDay(what.to)}`
    : `the goal “${what.goal.name}”`;
}

export function openShareDialog(what) {
  openDialog({
    id: 'share-dialog',
    title: what.kind === 'dashboard' ? 'Share this dashboard' : 'Share this goal',
    build: (body) => {
      body.append(h('p', {}, `Anyone with the link can see ${describe(what)}, read-only and without signing in, until the link expires or is revoked.`));
      const expires = field('share-expires', 'Expires on (optional)', h('input', { type: 'date', min: today() }),
        'The link works through the end of that day (UTC). Leave empty for a link that works until revoked.');
      const created = h('div', { class: 'share-created', 'aria-live': 'polite' });
      const listBox = h('div', { class: 'share-list' });
      const submit = h('button', { type: 'submit', class: 'button primary' }, 'Create link');
      const form = h('form', { novalidate: true, on: { submit: async (e) => {
        e.preventDefault();
        clear(created);
        setFieldError(expires, '');
        const req = what.kind === 'dashboard' ? { kind: 'dashboard', from: what.from, to: what.to } : { kind: 'goal', goal_id: what.goal.id };
        if (expires.input.value) req.expires_at = expires.input.value;
        submit.disabled = true;
        try {
          const s = await api('/api/shares', { method: 'POST', body: req });
          created.append(shownOnce('share-link', 'The link', shareUrl(s.token)));
          created.querySelector('input').focus();
          created.querySelector('input').select();
          loadList();
        } catch (err) {
          created.append(errorBox(err));
          const fe = fieldErrors(err.details);
          if (fe.expires_at) setFieldError(expires, fe.expires_at);
        } finally {
          submit.disabled = false;
        }
      } } }, expires.wrap, submit);
      const loadList = async () => {
        clear(listBox).append(loading('Loading the links…'));
        let shares;
        try {
          shares = await api('/api/shares');
        } catch (err) {
          clear(listBox).append(errorBox(err));
          return;
        }
        const mine = (shares || []).filter(s => s.kind === what.kind && (what.kind !== 'goal' || (s.goal && s.goal.id === what.goal.id)));
        clear(listBox).append(h('h3', {}, what.kind === 'dashboard' ? 'Links to the dashboard' : 'Links to this goal'));
        if (!mine.length) {
          listBox.append(h('p', { class: 'empty' }, 'No link yet.'));
          return;
        }
        const msg = h('div', { 'aria-live': 'polite' });
        listBox.append(msg, h('ul', { class: 'share-items' }, mine.map(s => {
          const label = s.kind === 'dashboard' ? `${fmtDay(s.from)} to ${fmtDay(s.to)}` : (s.goal ? s.goal.name : 'goal');
          return h('li', { dataset: { shareId: String(s.id) } },
            h('span', { class: 'share-what' }, label),
            h('span', { class: 'muted small block' }, `by ${s.created_by ? s.created_by.username : 'someone'}, ${fmtDateTime(s.created_at)}; `,
              expiryText(s.expires_at)),
            h('button', { type: 'button', class: 'button small danger', 'aria-label': `Revoke link ${label}`, on: { click: async (e) => {
              if (!confirm(`Revoke the link to ${label}? Whoever has it can no longer open it.`)) return;
              e.target.disabled = true;
              try { await api(`/api/shares/${s.id}`, { method: 'DELETE' }); loadList(); }
              catch (err) { clear(msg).append(errorBox(err)); e.target.disabled = false; }
            } } }, 'Revoke'));
        })));
      };
      body.append(form, created, listBox);
      loadList();
    },
  });
}
