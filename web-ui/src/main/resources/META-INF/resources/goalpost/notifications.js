// Alerts: the in-app notification list (GET /api/notifications), where alerts go (notification channels),
// the alert rules (hold time, digest hour), and the admin's SMTP server. platform/API-notifications.md.
import { h, api, clear, stackTable, loading, errorBox, field, setFieldError, fieldErrors, fmtDateTime, fmtDay, hasRole, currentSession } from './util.js';

const EVENTS = [
  ['goal_status', 'A goal becomes at risk, off track, achieved or missed'],
  ['account_reconnect', 'An account needs reconnecting'],
  ['account_stale', 'An account has not synced for a day'],
];
const EVENT_NAMES = { goal_status: 'goal status', account_reconnect: 'reconnect needed', account_stale: 'not synced for a day' };

/** The unread count in the header's Alerts link; refreshed on every page change. */
export async function refreshUnread() {
  const badge = document.getElementById('unread-badge');
  if (!badge) return;
  if (!currentSession()) { badge.hidden = true; return; }
  try {
    const r = await api('/api/notifications?limit=1', { authRedirect: false });
    badge.textContent = String(r.unread);
    badge.hidden = !r.unread;
    badge.setAttribute('aria-label', `${r.unread} unread`);
  } catch {
    badge.hidden = true;
  }
}

function notice(box, text) {
  clear(box).append(h('p', { class: 'alert alert-ok', role: 'status' }, text));
}

export async function renderNotifications(view, ctx) {
  const editor = hasRole('editor');
  const admin = hasRole('admin');
  view.append(h('h1', {}, 'Alerts'),
    h('p', { class: 'muted' }, 'Goalpost tells you when a goal changes status (at risk, off track, achieved, missed), when an account needs reconnecting, and when one has not synced for a day. A new status must hold for the hold time before it alerts, and each change alerts once.'));
  const listSec = h('section', { 'aria-labelledby': 'notif-h', id: 'notifications' });
  const chanSec = h('section', { 'aria-labelledby': 'channels-h', id: 'channels' });
  const rulesSec = h('section', { 'aria-labelledby': 'rules-h', id: 'alert-rules', class: 'panel' });
  const schedSec = h('section', { 'aria-labelledby': 'schedules-h', id: 'report-schedules' });
  const smtpSec = admin ? h('section', { 'aria-labelledby': 'smtp-h', id: 'smtp', class: 'panel' }) : null;
  view.append(listSec, chanSec, rulesSec, schedSec, smtpSec);
  await Promise.all([renderList(listSec, ctx), renderChannels(chanSec, ctx, editor), renderRules(rulesSec, ctx, editor),
    renderSchedules(schedSec, ctx, editor), admin ? renderSmtp(smtpSec, ctx) : null]);
}

async function renderList(sec, ctx) {
  const box = h('div', {}, loading('Loading notifications…'));
  const markAll = h('button', { type: 'button', class: 'button small', id: 'notif-read-all' }, 'Mark all read');
  sec.append(h('div', { class: 'section-head' }, h('h2', { id: 'notif-h' }, 'Notifications'), markAll), box);
  const load = async () => {
    let r;
    try {
      r = await api('/api/notifications?limit=100');
    } catch (e) {
      if (ctx.isCurrent()) clear(box).append(errorBox(e));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(box);
    refreshUnread();
    markAll.disabled = !r.unread;
    if (!r.notifications.length) { box.append(h('p', { class: 'empty' }, 'No alert yet.')); return; }
    box.append(h('ul', { class: 'notification-list' }, r.notifications.map(n => h('li', {
      class: 'notification' + (n.read ? '' : ' unread'), dataset: { notificationId: String(n.id), subject: n.subject } },
    h('div', { class: 'notification-head' },
      h('strong', {}, n.link ? h('a', { href: n.link }, n.title) : n.title),
      h('span', { class: 'muted small' }, ' · ', fmtDateTime(n.created_at), ' · ', EVENT_NAMES[n.event] || n.event)),
    h('p', {}, n.body),
    n.read ? null : h('button', { type: 'button', class: 'button small', 'aria-label': `Mark “${n.title}” read`, on: { click: async (e) => {
      e.target.disabled = true;
      try { await api(`/api/notifications/${n.id}/read`, { method: 'POST', body: {} }); } catch (err) { console.error(err); }
      load();
    } } }, 'Mark read')))));
  };
  markAll.addEventListener('click', async () => {
    markAll.disabled = true;
    try { await api('/api/notifications/read-all', { method: 'POST', body: {} }); } catch (e) { console.error(e); }
    load();
  });
  await load();
}

function where(c) {
  return c.kind === 'webhook' ? c.url : (c.recipients || []).join(', ');
}

function lastDeliveryText(d) {
  if (!d) return h('span', { class: 'muted' }, 'nothing sent yet');
  if (d.status === 'sent') return h('span', { class: 'tone-good' }, 'sent ', fmtDateTime(d.at));
  if (d.status === 'failed') return h('span', { class: 'tone-bad' }, `failed after ${d.attempts} attempts: ${d.error || ''}`);
  return h('span', { class: 'tone-warn' }, `failed (attempt ${d.attempts}), retrying ${fmtDateTime(d.at)}: ${d.error || ''}`);
}

async function renderChannels(sec, ctx, editor) {
  const msg = h('div', { 'aria-live': 'polite', id: 'channels-notice' });
  const box = h('div', {}, loading('Loading channels…'));
  const deliveries = h('div', { id: 'channel-deliveries', 'aria-live': 'polite' });
  const editBox = h('div', { id: 'channel-edit' });
  sec.append(h('h2', { id: 'channels-h' }, 'Channels'),
    h('p', { class: 'muted' }, 'Where alerts go besides this list: a webhook (Slack incoming webhooks show its text, Microsoft Teams webhooks the Adaptive Card of the Teams format; every request carries ',
      h('code', {}, 'X-Goalpost-Signature: sha256=…'), ', the HMAC-SHA256 of the body with the channel’s secret) or email through the SMTP server below.'),
    msg, box, editBox, deliveries);
  const load = async () => {
    let r;
    try {
      r = await api('/api/notification-channels');
    } catch (e) {
      if (ctx.isCurrent()) clear(box).append(errorBox(e));
      return;
    }
    if (!ctx.isCurrent()) return;
    clear(box);
    if (!r.channels.length) box.append(h('p', { class: 'empty' }, 'No channel yet: alerts appear only in this list.'));
    else box.append(h('div', { class: 'table-wrap' }, h('table', { class: 'channels-table' },
      h('caption', { class: 'sr-only' }, 'Notification channels'),
      h('thead', {}, h('tr', {}, ['Name', 'Kind', 'Sends to', 'Alerts', 'Last delivery', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, r.channels.map(c => h('tr', { dataset: { channelId: String(c.id) } },
        h('th', { scope: 'row' }, c.name, c.enabled ? null : h('span', { class: 'muted small' }, ' (off)')),
        h('td', {}, c.kind, c.format === 'teams' ? h('span', { class: 'muted small' }, ' · Teams card') : null,
          c.digest ? h('span', { class: 'muted small' }, ' · daily digest') : null),
        h('td', { class: 'channel-where' }, where(c)),
        h('td', {}, c.events.map(e => EVENT_NAMES[e] || e).join(', ')),
        h('td', { class: 'channel-last' }, lastDeliveryText(c.last_delivery)),
        h('td', {}, h('div', { class: 'row-actions' },
          editor ? h('button', { type: 'button', class: 'button small', 'aria-label': `Send test to ${c.name}`, on: { click: async (e) => {
            e.target.disabled = true;
            try {
              const t = await api(`/api/notification-channels/${c.id}/test`, { method: 'POST', body: {} });
              if (t.delivered) notice(msg, `The test message reached “${c.name}”.`);
              else clear(msg).append(h('p', { class: 'alert alert-error', role: 'alert' }, `The test message did not reach “${c.name}”: ${t.error}`));
            } catch (err) { clear(msg).append(errorBox(err)); }
            e.target.disabled = false;
          } } }, 'Send test') : null,
          editor ? h('button', { type: 'button', class: 'button small', 'aria-label': `Edit ${c.name}`, on: { click: () => {
            clear(editBox).append(channelForm(msg, load, c, () => clear(editBox)));
            editBox.querySelector('input:not([disabled])').focus();
          } } }, 'Edit') : null,
          editor ? switchButton(c.enabled ? `Turn off ${c.name}` : `Turn on ${c.name}`, c.enabled ? 'Turn off' : 'Turn on',
            `/api/notification-channels/${c.id}`, { name: c.name, enabled: !c.enabled },
            c.enabled ? `“${c.name}” is off: it receives no alerts until it is turned on.` : `“${c.name}” is on again.`, msg, load) : null,
          h('button', { type: 'button', class: 'button small', 'aria-label': `Deliveries of ${c.name}`, on: { click: () => showDeliveries(c, deliveries) } }, 'Deliveries'),
          editor ? deleteButton(`Delete channel ${c.name}`, `Delete the channel “${c.name}”? It receives no more alerts.`,
            `/api/notification-channels/${c.id}`, `The channel “${c.name}” was deleted.`, msg, load) : null))))))));
    stackTable(box); // one card per row on a phone
  };
  if (editor) sec.append(channelForm(msg, load));
  await load();
}

/** Turns a channel or schedule off or on: PUTs {@code body} to {@code path}, says {@code done} in {@code msg} and reloads the list. */
function switchButton(label, text, path, body, done, msg, load) {
  return h('button', { type: 'button', class: 'button small', 'aria-label': label, on: { click: async (e) => {
    e.target.disabled = true;
    try { await api(path, { method: 'PUT', body }); notice(msg, done); } catch (err) { clear(msg).append(errorBox(err)); }
    load();
  } } }, text);
}

/** Delete, after asking: removes {@code path}, says {@code done} in {@code msg} and reloads the list. */
function deleteButton(label, question, path, done, msg, load) {
  return h('button', { type: 'button', class: 'button small danger', 'aria-label': label, on: { click: async (e) => {
    if (!confirm(question)) return;
    e.target.disabled = true;
    try { await api(path, { method: 'DELETE' }); notice(msg, done); } catch (err) { clear(msg).append(errorBox(err)); }
    load();
  } } }, 'Delete');
}

async function showDeliveries(c, box) {
  clear(box).append(loading('Loading deliveries…'));
  let r;
  try { r = await api(`/api/notification-channels/${c.id}/deliveries`); } catch (e) { clear(box).append(errorBox(e)); return; }
  clear(box).append(h('h3', {}, `Deliveries to “${c.name}”`), r.deliveries.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'deliveries-table' },
    h('thead', {}, h('tr', {}, ['Alert', 'Status', 'Attempts', 'Sent / next try', 'Last error'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, r.deliveries.map(d => h('tr', { dataset: { status: d.status } },
      h('td', {}, d.title), h('td', {}, d.status), h('td', {}, String(d.attempts)),
      h('td', {}, fmtDateTime(d.sent_at || d.next_attempt_at)), h('td', {}, d.last_error || '—')))))) : h('p', { class: 'empty' }, 'Nothing sent to it yet.'));
}

/** 32 random bytes as hex: a signing secret the receiver can paste. */
function randomSecret() {
  const b = new Uint8Array(32);
  crypto.getRandomValues(b);
  return Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
}

/**
 * The channel form: adds a channel, or with {@code c} edits that one in place (PUT: its kind stays, an
 * empty URL or secret keeps the stored one, which is never shown). {@code done} runs after a save or Cancel.
 */
function channelForm(msg, reload, c = null, done = null) {
  const p = c ? `channel-${c.id}-edit` : 'channel';
  const kind = field(`${p}-kind`, 'Kind', h('select', { disabled: !!c }, h('option', { value: 'webhook' }, 'Webhook (Slack, Teams, your own)'), h('option', { value: 'email' }, 'Email')));
  const name = field(`${p}-name`, 'Name', h('input', { type: 'text', required: true, maxlength: '200', autocomplete: 'off', value: c ? c.name : null }), 'e.g. “Marketing Slack”.');
  const url = field(`${p}-url`, 'Webhook URL', h('input', { type: 'url', autocomplete: 'off', spellcheck: 'false' }),
    c ? `Now ${c.url || '—'}; leave empty to keep it.` : 'https:// only. Shown afterwards only as its host: the path of a Slack or Teams webhook is its key.');
  const secret = field(`${p}-secret`, 'Signing secret', h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', minlength: '16' }),
    c ? 'Leave empty to keep the stored one; a new one replaces it (your receiver must check with the new one).'
      : 'At least 16 characters; the receiver checks X-Goalpost-Signature with it. It is stored encrypted and never shown again.');
  const format = field(`${p}-format`, 'Message format', h('select', {},
    h('option', { value: '' }, 'From the URL (Teams card for a Teams address)'),
    h('option', { value: 'standard' }, 'Standard JSON with text (Slack, your own receiver)'),
    h('option', { value: 'teams' }, 'Microsoft Teams Adaptive Card (Workflows webhook)')),
    'Teams Workflows webhooks post only Adaptive Cards; Slack shows the text field.');
  const gen = h('button', { type: 'button', class: 'button small', id: `${p}-secret-generate`, on: { click: () => { secret.input.value = randomSecret(); } } }, 'Generate');
  secret.wrap.append(gen);
  const recipients = field(`${p}-recipients`, 'Email addresses', h('input', { type: 'text', autocomplete: 'off', value: c ? (c.recipients || []).join(', ') : null }), 'Separated by commas.');
  const events = EVENTS.map(([id, label]) => h('div', { class: 'check' },
    h('input', { type: 'checkbox', id: `${p}-event-${id}`, value: id, checked: c ? c.events.includes(id) : true }), h('label', { for: `${p}-event-${id}` }, label)));
  const digestBox = h('input', { type: 'checkbox', id: `${p}-digest`, checked: !!(c && c.digest) });
  const digest = h('div', { class: 'check' }, digestBox,
    h('label', { for: `${p}-digest` }, 'Daily digest: one message a day at the digest hour instead of one per alert'));
  if (c) {
    kind.input.value = c.kind;
    if (c.format) format.input.value = c.format;
  }
  const fields = { kind, name, url, secret, format, recipients };
  const showKind = () => {
    const web = kind.input.value === 'webhook';
    url.wrap.hidden = !web;
    secret.wrap.hidden = !web;
    format.wrap.hidden = !web;
    recipients.wrap.hidden = web;
  };
  kind.input.addEventListener('change', showKind);
  showKind();
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary', id: `${p}-save` }, c ? 'Save changes' : 'Add channel');
  const cancel = c ? h('button', { type: 'button', class: 'button', on: { click: () => done && done() } }, 'Cancel') : null;
  const form = h('form', { novalidate: true, id: c ? `${p}-form` : 'channel-form', on: { submit: async (e) => {
    e.preventDefault();
    clear(out);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    const body = { name: name.input.value.trim(),
      events: events.map(d => d.querySelector('input')).filter(i => i.checked).map(i => i.value),
      digest: digestBox.checked };
    if (!c) body.kind = kind.input.value;
    if (kind.input.value === 'webhook') {
      const u = url.input.value.trim();
      const k = secret.input.value.trim();
      if (u || !c) body.url = u;
      if (k || !c) body.secret = k;
      if (format.input.value) body.format = format.input.value;
    } else {
      body.recipients = recipients.input.value.split(',').map(x => x.trim()).filter(Boolean);
    }
    submit.disabled = true;
    try {
      const saved = await api(c ? `/api/notification-channels/${c.id}` : '/api/notification-channels', { method: c ? 'PUT' : 'POST', body });
      if (c) {
        notice(msg, `The channel “${saved.name}” was saved.`);
        if (done) done();
      } else {
        form.reset();
        showKind();
        notice(msg, `The channel “${saved.name}” was added.`);
      }
      reload();
    } catch (err) {
      out.append(errorBox(err));
      for (const [k, m] of Object.entries(fieldErrors(err.details))) if (fields[k]) setFieldError(fields[k], m);
    } finally {
      submit.disabled = false;
    }
  } } }, h('div', { class: 'form-row' }, kind.wrap, name.wrap), url.wrap, secret.wrap, format.wrap, recipients.wrap,
  h('fieldset', {}, h('legend', {}, 'Alerts it receives'), events), digest, h('div', { class: 'row-actions' }, submit, cancel), out);
  return h('div', { class: 'panel' }, h('h3', {}, c ? `Edit “${c.name}”` : 'Add a channel'), form);
}

async function renderRules(sec, ctx, editor) {
  sec.append(h('h2', { id: 'rules-h' }, 'Alert rules'));
  let rules;
  try { rules = await api('/api/notification-rules'); } catch (e) { sec.append(errorBox(e)); return; }
  if (!ctx.isCurrent()) return;
  const hold = field('rules-hold', 'Hold time (minutes)', h('input', { type: 'number', min: '0', max: '10080', step: '1', value: String(rules.hold_minutes), disabled: !editor }),
    'How long a new status must last before it alerts: a goal that slips and recovers within it sends nothing.');
  const hour = field('rules-digest-hour', 'Digest hour (UTC)', h('input', { type: 'number', min: '0', max: '23', step: '1', value: String(rules.digest_hour), disabled: !editor }),
    'When digest channels get the day’s alerts.');
  const out = h('div', { 'aria-live': 'polite' });
  const fields = { hold_minutes: hold, digest_hour: hour };
  const form = h('form', { novalidate: true, id: 'rules-form', on: { submit: async (e) => {
    e.preventDefault();
    clear(out);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    try {
      await api('/api/notification-rules', { method: 'PUT', body: { hold_minutes: Number(hold.input.value), digest_hour: Number(hour.input.value) } });
      notice(out, 'Saved.');
    } catch (err) {
      out.append(errorBox(err));
      for (const [k, m] of Object.entries(fieldErrors(err.details))) if (fields[k]) setFieldError(fields[k], m);
    }
  } } }, h('div', { class: 'form-row' }, hold.wrap, hour.wrap), editor ? h('button', { type: 'submit', class: 'button primary' }, 'Save rules') : null, out);
  sec.append(form);
}

async function renderSmtp(sec, ctx) {
  sec.append(h('h2', { id: 'smtp-h' }, 'Email server (SMTP)'),
    h('p', { class: 'muted' }, 'Alert and report email goes through this server. The password is stored encrypted and never shown; leave it empty to keep the stored one.'));
  let s;
  try { s = await api('/api/settings/smtp'); } catch (e) { sec.append(errorBox(e)); return; }
  if (!ctx.isCurrent()) return;
  const host = field('smtp-host', 'Host', h('input', { type: 'text', value: s.host || '', autocomplete: 'off', spellcheck: 'false' }));
  const port = field('smtp-port', 'Port', h('input', { type: 'number', min: '1', max: '65535', value: String(s.port || 587) }));
  const tls = h('div', { class: 'check' }, h('input', { type: 'checkbox', id: 'smtp-starttls', checked: s.configured ? s.starttls : true }),
    h('label', { for: 'smtp-starttls' }, 'Require STARTTLS (encrypt before signing in)'));
  const user = field('smtp-username', 'User name', h('input', { type: 'text', value: s.username || '', autocomplete: 'off' }));
  const pass = field('smtp-password', 'Password', h('input', { type: 'password', autocomplete: 'new-password',
    placeholder: s.password_set ? '(stored: leave empty to keep)' : '' }));
  const from = field('smtp-from', 'Sender address', h('input', { type: 'email', value: s.from || '', autocomplete: 'off' }));
  const fields = { host, port, username: user, password: pass, from };
  const out = h('div', { 'aria-live': 'polite' });
  const form = h('form', { novalidate: true, id: 'smtp-form', on: { submit: async (e) => {
    e.preventDefault();
    clear(out);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    const body = { host: host.input.value.trim(), port: Number(port.input.value), starttls: document.getElementById('smtp-starttls').checked,
      username: user.input.value.trim() || null, from: from.input.value.trim() };
    if (pass.input.value) body.password = pass.input.value;
    try {
      await api('/api/settings/smtp', { method: 'PUT', body });
      pass.input.value = '';
      pass.input.placeholder = body.password || s.password_set ? '(stored: leave empty to keep)' : '';
      notice(out, 'Saved.');
    } catch (err) {
      out.append(errorBox(err));
      for (const [k, m] of Object.entries(fieldErrors(err.details))) if (fields[k]) setFieldError(fields[k], m);
    }
  } } }, h('div', { class: 'form-row' }, host.wrap, port.wrap), tls, h('div', { class: 'form-row' }, user.wrap, pass.wrap), from.wrap,
  h('button', { type: 'submit', class: 'button primary' }, 'Save email server'), out);
  sec.append(form);
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

function whenText(s) {
  const hour = `${String(s.hour).padStart(2, '0')}:00 UTC`;
  return s.frequency === 'weekly' ? `Weekly, ${WEEKDAYS[s.weekday - 1]} ${hour} (the 7 days before)`
    : `Monthly, on the 1st ${hour} (the month before)`;
}

/** A report run's period, its days written as everywhere else in the UI. */
function periodText(p) {
  return `${fmtDay(p.from)} to ${fmtDay(p.to)}`;
}

function runText(r) {
  if (!r) return h('span', { class: 'muted' }, 'no run yet');
  const period = periodText(r.period);
  if (r.status === 'sent') return h('span', { class: 'tone-good' }, `sent ${fmtDateTime(r.sent_at)} (${period})`);
  if (r.status === 'failed') return h('span', { class: 'tone-bad' }, `failed after ${r.attempts} attempts (${period}): ${r.last_error || ''}`);
  if (!r.attempts) return h('span', {}, `queued (${period})`);
  return h('span', { class: 'tone-warn' }, `failed (attempt ${r.attempts}), retrying ${fmtDateTime(r.next_attempt_at)}: ${r.last_error || ''}`);
}

async function renderSchedules(sec, ctx, editor) {
  const msg = h('div', { 'aria-live': 'polite', id: 'schedules-notice' });
  const box = h('div', {}, loading('Loading scheduled reports…'));
  const runsBox = h('div', { id: 'schedule-runs', 'aria-live': 'polite' });
  const editBox = h('div', { id: 'schedule-edit' });
  sec.append(h('h2', { id: 'schedules-h' }, 'Scheduled reports'),
    h('p', { class: 'muted' }, 'The summary report as a PDF, emailed weekly or monthly through the email server below. Every run is listed with its result; a failed send is retried.'),
    msg, box, editBox, runsBox);
  const load = async () => {
    let r;
    try { r = await api('/api/report-schedules'); } catch (e) { if (ctx.isCurrent()) clear(box).append(errorBox(e)); return; }
    if (!ctx.isCurrent()) return;
    clear(box);
    if (!r.schedules.length) { box.append(h('p', { class: 'empty' }, 'No report is scheduled.')); return; }
    box.append(h('div', { class: 'table-wrap' }, h('table', { class: 'schedules-table' },
      h('caption', { class: 'sr-only' }, 'Scheduled reports'),
      h('thead', {}, h('tr', {}, ['Name', 'When', 'To', 'Next run', 'Last run', 'Actions'].map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, r.schedules.map(s => h('tr', { dataset: { scheduleId: String(s.id) } },
        h('th', { scope: 'row' }, s.name, s.enabled ? null : h('span', { class: 'muted small' }, ' (paused)')),
        h('td', {}, whenText(s)),
        h('td', { class: 'channel-where' }, s.recipients.join(', ')),
        h('td', {}, s.next_run_at ? fmtDateTime(s.next_run_at) : '—'),
        h('td', {}, runText(s.last_run)),
        h('td', {}, h('div', { class: 'row-actions' },
          editor ? h('button', { type: 'button', class: 'button small', 'aria-label': `Send now: ${s.name}`, on: { click: async (e) => {
            e.target.disabled = true;
            try {
              const run = await api(`/api/report-schedules/${s.id}/send`, { method: 'POST', body: {} });
              notice(msg, `“${s.name}” for ${periodText(run.period)} is queued: it is sent within a minute.`);
              load();
            } catch (err) { clear(msg).append(errorBox(err)); }
            e.target.disabled = false;
          } } }, 'Send now') : null,
          editor ? h('button', { type: 'button', class: 'button small', 'aria-label': `Edit ${s.name}`, on: { click: () => {
            clear(editBox).append(scheduleForm(msg, load, s, () => clear(editBox)));
            editBox.querySelector('input').focus();
          } } }, 'Edit') : null,
          editor ? switchButton(s.enabled ? `Pause ${s.name}` : `Resume ${s.name}`, s.enabled ? 'Pause' : 'Resume',
            `/api/report-schedules/${s.id}`, { name: s.name, frequency: s.frequency, weekday: s.weekday, hour: s.hour, recipients: s.recipients, enabled: !s.enabled },
            s.enabled ? `“${s.name}” is paused: it is not sent until it is resumed.` : `“${s.name}” is resumed.`, msg, load) : null,
          h('button', { type: 'button', class: 'button small', 'aria-label': `Runs of ${s.name}`, on: { click: () => showRuns(s, runsBox) } }, 'Runs'),
          editor ? deleteButton(`Delete schedule ${s.name}`, `Delete the scheduled report “${s.name}”?`,
            `/api/report-schedules/${s.id}`, `“${s.name}” was deleted.`, msg, load) : null))))))));
    stackTable(box); // one card per row on a phone
  };
  if (editor) sec.append(scheduleForm(msg, load));
  await load();
}

async function showRuns(s, box) {
  clear(box).append(loading('Loading runs…'));
  let r;
  try { r = await api(`/api/report-schedules/${s.id}/runs`); } catch (e) { clear(box).append(errorBox(e)); return; }
  clear(box).append(h('h3', {}, `Runs of “${s.name}”`), r.runs.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'runs-table' },
    h('thead', {}, h('tr', {}, ['Period', 'Due', 'Status', 'Attempts', 'Sent / next try', 'Last error'].map(t => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, r.runs.map(x => h('tr', { dataset: { status: x.status } },
      h('td', {}, periodText(x.period)), h('td', {}, fmtDateTime(x.due_at), x.manual ? ' (by hand)' : ''),
      h('td', {}, x.status), h('td', {}, String(x.attempts)), h('td', {}, fmtDateTime(x.sent_at || x.next_attempt_at)),
      h('td', {}, x.last_error || '—')))))) : h('p', { class: 'empty' }, 'It has not run yet.'));
}

/** The schedule form: schedules a report, or with {@code s} edits that schedule (PUT); {@code done} runs after a save or Cancel. */
function scheduleForm(msg, reload, s = null, done = null) {
  const p = s ? `schedule-${s.id}-edit` : 'schedule';
  const name = field(`${p}-name`, 'Name', h('input', { type: 'text', maxlength: '200', autocomplete: 'off', value: s ? s.name : null }), 'The email’s subject names it.');
  const frequency = field(`${p}-frequency`, 'How often', h('select', {}, h('option', { value: 'weekly' }, 'Weekly'), h('option', { value: 'monthly' }, 'Monthly (on the 1st)')));
  const weekday = field(`${p}-weekday`, 'Weekday', h('select', {}, WEEKDAYS.map((d, i) => h('option', { value: String(i + 1) }, d))));
  const hour = field(`${p}-hour`, 'Hour (UTC)', h('input', { type: 'number', min: '0', max: '23', step: '1', value: s ? String(s.hour) : '7' }));
  const recipients = field(`${p}-recipients`, 'Email addresses', h('input', { type: 'text', autocomplete: 'off', value: s ? s.recipients.join(', ') : null }), 'Separated by commas.');
  if (s) {
    frequency.input.value = s.frequency;
    weekday.input.value = String(s.weekday);
    weekday.wrap.hidden = s.frequency !== 'weekly';
  }
  const fields = { name, frequency, weekday, hour, recipients };
  frequency.input.addEventListener('change', () => { weekday.wrap.hidden = frequency.input.value !== 'weekly'; });
  const out = h('div', { 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary', id: `${p}-save` }, s ? 'Save changes' : 'Schedule report');
  const cancel = s ? h('button', { type: 'button', class: 'button', on: { click: () => done && done() } }, 'Cancel') : null;
  const form = h('form', { novalidate: true, id: `${p}-form`, on: { submit: async (e) => {
    e.preventDefault();
    clear(out);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    const body = { name: name.input.value.trim(), frequency: frequency.input.value, weekday: Number(weekday.input.value),
      hour: Number(hour.input.value), recipients: recipients.input.value.split(',').map(x => x.trim()).filter(Boolean),
      enabled: s ? s.enabled : true };
    submit.disabled = true;
    try {
      const saved = await api(s ? `/api/report-schedules/${s.id}` : '/api/report-schedules', { method: s ? 'PUT' : 'POST', body });
      if (s) {
        notice(msg, `“${saved.name}” was saved: next run ${saved.next_run_at ? fmtDateTime(saved.next_run_at) : '— (paused)'}.`);
        if (done) done();
      } else {
        form.reset();
        weekday.wrap.hidden = false;
        notice(msg, `“${saved.name}” is scheduled: first run ${fmtDateTime(saved.next_run_at)}.`);
      }
      reload();
    } catch (err) {
      out.append(errorBox(err));
      for (const [k, m] of Object.entries(fieldErrors(err.details))) if (fields[k]) setFieldError(fields[k], m);
    } finally {
      submit.disabled = false;
    }
  } } }, h('div', { class: 'form-row' }, name.wrap, frequency.wrap, weekday.wrap, hour.wrap), recipients.wrap,
  h('div', { class: 'row-actions' }, submit, cancel), out);
  return h('div', { class: 'panel' }, h('h3', {}, s ? `Edit “${s.name}”` : 'Schedule a report'), form);
}
