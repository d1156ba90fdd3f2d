// Settings (admin): each network's app credentials for "Connect with …" — the client id and secret
// of the app created in the network's developer console, and the redirect URI to register there.
// The secret is write-only: the API never answers it, so the page never shows it back.
import { h, append, api, clear, loading, errorBox, field, setFieldError, fieldErrors, fmtDateTime, copyableValue } from './util.js';

const enc = encodeURIComponent;

export async function renderSettings(view, ctx) {
  view.append(h('h1', {}, 'Settings'),
    h('p', { class: 'muted' }, 'To connect accounts through a network’s own sign-in (“Connect with …”), Goalpost needs an app of yours on that network. ',
      'Create it in the network’s developer console, register the redirect URI shown below there, and enter its client id and secret here once. ',
      'The secret is stored encrypted and never shown again.'));
  const body = h('div', {}, loading('Loading the networks…'));
  view.append(body);
  let nets;
  try {
    nets = await api('/api/settings/networks');
  } catch (e) {
    if (ctx.isCurrent()) clear(body).append(errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  const withSignIn = nets.filter(n => n.supports_connect);
  const without = nets.filter(n => !n.supports_connect);
  body.append(h('section', { 'aria-labelledby': 'apps-h' }, h('h2', { id: 'apps-h' }, 'Network apps'),
    withSignIn.length ? h('div', { class: 'settings-grid' }, withSignIn.map(n => networkCard(n)))
      : h('p', { class: 'empty' }, 'No installed network has a sign-in flow: its accounts connect with pasted tokens.')));
  if (without.length) {
    body.append(h('p', { class: 'muted small' }, `Without a sign-in flow (their accounts connect with pasted tokens on the accounts page): ${without.map(n => n.display_name || n.network).join(', ')}.`));
  }
}

function networkCard(initial) {
  let n = initial;
  const key = n.network.replace(/[^a-z0-9_-]/gi, '_');
  const card = h('article', { class: 'panel settings-card', id: `app-${key}`, dataset: { network: n.network }, 'aria-labelledby': `app-${key}-h` });
  const render = () => {
    clear(card);
    const spec = n.spec || {};
    const state = h('p', { class: 'small app-state', id: `app-${key}-state` }, n.configured
      ? `Set up${n.updated_at ? ' on ' + fmtDateTime(n.updated_at) : ''}: people can connect accounts with ${n.display_name}.`
      : `Not set up: accounts of ${n.display_name} connect with pasted tokens until an app is entered.`);
    const redirect = copyField(`app-${key}-redirect`, 'Redirect URI to register with the network', n.redirect_uri || '');
    const clientId = field(`app-${key}-client-id`, spec.client_id_label || 'Client id',
      h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', value: n.client_id || '' }));
    const secret = field(`app-${key}-client-secret`, 'Client secret' + (n.configured ? '' : ' (required)'),
      h('input', { type: 'password', autocomplete: 'new-password', value: '' }),
      n.configured ? 'Stored and never shown. Leave empty to keep it; type a new one to replace it.' : 'Shown only while you type it.');
    const baseUrl = field(`app-${key}-base-url`, 'Stand-in address (optional)',
      h('input', { type: 'url', autocomplete: 'off', spellcheck: 'false', value: n.base_url || '' }),
      'Only for a sandbox or an API proxy that stands in for the network’s sign-in and API hosts; leave empty for the network itself.');
    const msg = h('div', { 'aria-live': 'polite', class: 'app-msg' });
    const save = h('button', { type: 'submit', class: 'button primary' }, n.configured ? 'Save' : 'Set up');
    const form = h('form', { novalidate: true, on: { submit: async (e) => {
      e.preventDefault();
      clear(msg);
      [clientId, secret, baseUrl].forEach(f => setFieldError(f, ''));
      if (!clientId.input.value.trim()) { setFieldError(clientId, 'Enter the app’s client id.'); clientId.input.focus(); return; }
      if (!n.configured && !secret.input.value) { setFieldError(secret, 'Enter the app’s client secret.'); secret.input.focus(); return; }
      const bodyJson = { client_id: clientId.input.value.trim(), base_url: baseUrl.input.value.trim() || null };
      if (secret.input.value) bodyJson.client_secret = secret.input.value;
      save.disabled = true;
      try {
        n = await api(`/api/settings/networks/${enc(n.network)}`, { method: 'PUT', body: bodyJson });
        render();
        card.querySelector('.app-msg').append(h('p', { class: 'alert alert-ok', role: 'status' }, `Saved the ${n.display_name} app.`));
      } catch (err) {
        msg.append(errorBox(err));
        const fe = fieldErrors(err.details);
        const map = { client_id: clientId, client_secret: secret, base_url: baseUrl };
        for (const [k, m] of Object.entries(fe)) if (map[k]) setFieldError(map[k], m);
        save.disabled = false;
      }
    } } }, clientId.wrap, secret.wrap, h('details', { class: 'advanced', open: !!n.base_url }, h('summary', {}, 'Advanced'), baseUrl.wrap),
    h('div', { class: 'actions' }, save, n.configured ? h('button', { type: 'button', class: 'button danger', on: { click: async () => {
      if (!confirm(`Remove the ${n.display_name} app? Connected accounts keep syncing with their tokens, but nobody can connect or reconnect with ${n.display_name}’s sign-in until an app is entered again.`)) return;
      try {
        await api(`/api/settings/networks/${enc(n.network)}`, { method: 'DELETE' });
        n = { ...n, configured: false, client_id: null, base_url: null, updated_at: null };
        render();
        card.querySelector('.app-msg').append(h('p', { class: 'alert alert-ok', role: 'status' }, `Removed the ${n.display_name} app.`));
      } catch (err) {
        msg.append(errorBox(err));
      }
    } } }, 'Remove') : null), msg);
    append(card, [h('h3', { id: `app-${key}-h` }, n.display_name || n.network), state, redirect,
      spec.scopes && spec.scopes.length ? h('p', { class: 'small' }, 'Permissions Goalpost asks for: ', spec.scopes.map((s, i) => [i ? ', ' : '', h('code', {}, s)])) : null,
      spec.setup_help ? h('p', { class: 'help' }, spec.setup_help) : null,
      lifetimes(spec), form]);
  };
  render();
  return card;
}

/** How long the network's tokens live, in words. */
function lifetimes(spec) {
  const days = s => Math.round(s / 86400);
  const span = s => s >= 86400 ? `${days(s)} days` : s >= 3600 ? `${Math.round(s / 3600)} hours` : `${Math.round(s / 60)} minutes`;
  const parts = [];
  if (spec.access_token_lifetime_seconds) parts.push(`access tokens last ${span(spec.access_token_lifetime_seconds)}`);
  if (spec.refresh_token_lifetime_seconds) parts.push(`a sign-in lasts ${span(spec.refresh_token_lifetime_seconds)} (then the account is reconnected)`);
  if (spec.rotating_refresh_token) parts.push('the refresh token changes at every renewal (Goalpost keeps the new one)');
  return parts.length ? h('p', { class: 'muted small' }, 'Tokens: ' + parts.join('; ') + '.') : null;
}

/** A read-only value with a Copy button (the redirect URI is not secret: it stays shown). */
function copyField(id, label, value) {
  const { row, status } = copyableValue(id, value);
  return h('div', { class: 'field redirect-uri' }, h('label', { for: id }, label), row, status);
}
