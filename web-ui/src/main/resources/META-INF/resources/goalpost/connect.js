// "Connect with …": the buttons that start a network's own sign-in (a plain navigation to
// /api/oauth/{network}/start, which answers 302 to the network's consent page), and the pick page
// the callback sends the browser back to, listing the accounts the sign-in may connect
// (platform/API-accounts.md, "Connect with …").
import { h, api, clear, loading, errorBox, hasRole, sentence } from './util.js';

const enc = encodeURIComponent;

/** Where a sign-in starts: a new connect, or the reconnect of account {@code accountId}. */
export function startHref(network, accountId) {
  return `/api/oauth/${enc(network)}/start` + (accountId ? `?account_id=${enc(accountId)}` : '');
}

/**
 * The "Connect with …" buttons for the networks that have a sign-in flow; a network whose app no
 * admin has set up yet says so instead (with a link to Settings for an admin).
 */
export function connectButtons(networks) {
  const withSignIn = networks.filter(n => n.supportsConnect);
  if (!withSignIn.length) return null;
  const ready = withSignIn.filter(n => n.connectConfigured);
  const waiting = withSignIn.filter(n => !n.connectConfigured);
  return h('section', { class: 'panel connect-with', 'aria-labelledby': 'connect-with-h' },
    h('h2', { id: 'connect-with-h', class: 'inline-h' }, 'Connect with the network’s sign-in'),
    h('p', { class: 'help' }, 'You sign in on the network’s own page and allow Goalpost to read your statistics; then you pick the accounts to connect. Goalpost never sees your password.'),
    ready.length ? h('ul', { class: 'connect-buttons' }, ready.map(n => h('li', {},
      h('a', { class: 'button connect-button', href: startHref(n.id), dataset: { network: n.id } },
        h('span', { class: 'net-dot', dataset: { network: n.id }, 'aria-hidden': 'true' }), `Connect with ${n.displayName || n.id}`)))) : null,
    waiting.length ? h('p', { class: 'muted small connect-waiting' },
      `Not set up yet: ${waiting.map(n => n.displayName || n.id).join(', ')}. `,
      hasRole('admin') ? h('a', { href: '#/settings' }, 'Enter their app credentials in Settings') : 'An admin must enter their app credentials in Settings first',
      '; until then, connect them with a token below.') : null);
}

/** The pick page: {@code #/accounts/connect/{network}?state=…} after the network's consent page. */
export async function renderConnectPick(view, ctx, network, query) {
  const state = query.get('state') || '';
  view.append(h('p', { class: 'crumbs' }, h('a', { href: '#/accounts' }, '← Accounts')));
  const head = h('h1', {}, 'Pick the accounts to connect');
  view.append(head);
  const body = h('div', {}, loading('Reading the accounts your sign-in may connect…'));
  view.append(body);
  if (!state) {
    clear(body).append(h('p', { class: 'alert alert-error', role: 'alert' }, 'This page needs the sign-in’s state: start again from the accounts page.'));
    return;
  }
  let found, networks;
  try {
    [found, networks] = await Promise.all([
      api(`/api/oauth/${enc(network)}/accounts?state=${enc(state)}`),
      api('/api/networks').catch(() => []),
    ]);
  } catch (e) {
    if (!ctx.isCurrent()) return;
    clear(body).append(errorBox(e), startAgain(network, e.status));
    return;
  }
  if (!ctx.isCurrent()) return;
  const net = networks.find(n => n.id === network);
  const netName = net ? net.displayName || network : network;
  const reconnect = found.reconnect_account_id;
  head.textContent = reconnect ? `Reconnect account ${reconnect} with ${netName}` : `Pick the ${netName} accounts to connect`;
  clear(body);
  const accounts = found.accounts || [];
  if (!accounts.length) {
    body.append(h('p', { class: 'alert alert-info' }, `Your ${netName} sign-in gives access to no account Goalpost can connect.`), startAgain(network));
    return;
  }
  const type = reconnect ? 'radio' : 'checkbox';
  // Connected as another Goalpost account: shown, not choosable (its numbers would count twice).
  const isTaken = a => a.connected_account_id !== null && a.connected_account_id !== undefined && a.connected_account_id !== reconnect;
  const free = accounts.filter(a => !isTaken(a));
  // Chosen already: the account being reconnected, or the only one there is to choose.
  const chosen = (reconnect && free.find(a => a.connected_account_id === reconnect)) || (free.length === 1 ? free[0] : null);
  const choices = accounts.map((a, i) => {
    const id = `pick-${i}`;
    const taken = isTaken(a);
    const input = h('input', { type, id, name: 'pick', value: a.external_id, disabled: taken, checked: a === chosen });
    return h('li', { class: 'pick-item' + (taken ? ' taken' : ''), dataset: { externalId: a.external_id } },
      input,
      h('label', { for: id },
        h('span', { class: 'pick-name' }, a.name || a.external_id),
        a.handle ? h('span', { class: 'muted small block' }, '@' + String(a.handle).replace(/^@/, '')) : null,
        a.note ? h('span', { class: 'muted small block' }, a.note) : null,
        taken ? h('span', { class: 'small block' }, `Already connected as account ${a.connected_account_id}.`) : null));
  });
  const status = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary', id: 'pick-submit' }, reconnect ? 'Reconnect' : 'Connect the chosen accounts');
  const form = h('form', { novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(status);
    const ids = [...form.querySelectorAll('input[name=pick]:checked')].map(i => i.value);
    if (!ids.length) {
      status.append(h('p', { class: 'alert alert-error', role: 'alert' }, reconnect ? 'Choose the account to reconnect.' : 'Choose at least one account.'));
      return;
    }
    submit.disabled = true;
    status.append(loading('Checking the connection…'));
    try {
      const r = await api(`/api/oauth/${enc(network)}/connect`, { method: 'POST', body: { state, external_ids: ids } });
      const done = (r.accounts || []).map(a => a.id);
      const failed = (r.failed || []).map(f => `${f.name || f.external_id}: ${f.error}`);
      const q = new URLSearchParams();
      if (done.length) q.set(reconnect ? 'reconnected' : 'connected', done.join(','));
      if (failed.length) q.set('connect_error', failed.join('; '));
      location.hash = '#/accounts?' + q.toString();
    } catch (err) {
      clear(status).append(errorBox(err));
      if (err.details && Array.isArray(err.details.failed)) {
        status.append(h('ul', { class: 'small' }, err.details.failed.map(f => h('li', {}, `${f.name || f.external_id}: ${f.error}`))));
      }
      if (err.status === 410) status.append(startAgain(network, 410));
      submit.disabled = false;
    }
  } } },
  h('fieldset', { class: 'pick' },
    h('legend', {}, reconnect ? `The ${netName} account of account ${reconnect}` : `Accounts your ${netName} sign-in may connect`),
    h('ul', { class: 'pick-list' }, choices)),
  h('p', { class: 'help' }, reconnect
    ? 'The new sign-in replaces the account’s stored credentials; its history, goals and name stay.'
    : 'Each account is checked, then Goalpost fetches its history (up to the network’s limit). You can follow the progress on the accounts page.'),
  submit, status);
  body.append(form);
}

/** A way back when the sign-in cannot continue (expired, used, or someone else's). */
function startAgain(network, status) {
  const why = status === 410 ? 'A sign-in can be used once, within 30 minutes.' : status === 403 ? 'This sign-in was started by another user.' : '';
  return h('p', {}, why ? why + ' ' : '', h('a', { href: '#/accounts' }, 'Back to the accounts page'), ' to start again.');
}

/** The words of a connect error the callback sent back ({@code ?connect_error=}), as a sentence. */
export function connectErrorText(words) {
  return sentence(words);
}
