// Sign-in, the first admin's setup, and changing one's own password.
import { h, api, clear, loading, errorBox, field, setFieldError, fieldErrors, setSession, currentSession, sentence } from './util.js';

/** Where to go after signing in: the remembered page, never back to sign-in or setup, never off-site. */
function nextHash(params) {
  const n = params.get('next') || '';
  return /^#\/(?!sign-in|setup)/.test(n) ? n : '#/dashboard';
}

/** Asks the server who is signed in: {session} or {anonymous: {setup_required, demo}}. */
async function whoAmI() {
  try {
    return { session: await api('/api/session') };
  } catch (e) {
    if (e.status === 401) return { anonymous: e.body || {} };
    throw e;
  }
}

/** How long to wait after a 429, in words. */
function waitWords(seconds) {
  const s = Math.max(1, Math.round(Number(seconds) || 0));
  const at = new Date(Date.now() + s * 1000).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });
  return `Wait until ${at} (${s < 60 ? `${s} second${s === 1 ? '' : 's'}` : `about ${Math.ceil(s / 60)} minute${Math.ceil(s / 60) === 1 ? '' : 's'}`}), then sign in again.`;
}

/** #/sign-in?next=… — or the first admin's form while no user exists. */
export async function renderSignIn(view, ctx, params, { setup = false } = {}) {
  const body = h('div', { class: 'auth-page' }, loading('Checking who is signed in…'));
  view.append(body);
  let who;
  try {
    who = await whoAmI();
  } catch (e) {
    if (!ctx.isCurrent()) return;
    clear(body).append(h('h1', {}, 'Sign in'), errorBox(e));
    return;
  }
  if (!ctx.isCurrent()) return;
  clear(body);
  if (who.session) {
    setSession(who.session);
    location.replace(nextHash(params));
    return;
  }
  const anon = who.anonymous;
  if (anon.setup_required) {
    setupForm(body, params);
  } else {
    signInForm(body, params, anon, setup);
  }
}

function signInForm(body, params, anon, cameForSetup) {
  const username = field('signin-username', 'Username', h('input', { type: 'text', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false' }));
  const password = field('signin-password', 'Password', h('input', { type: 'password', autocomplete: 'current-password', required: true }));
  const msg = h('div', { id: 'signin-message', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'button primary', id: 'signin-submit' }, 'Sign in');
  const form = h('form', { class: 'auth-form panel', novalidate: true, 'aria-labelledby': 'signin-h', on: { submit: async (e) => {
    e.preventDefault();
    clear(msg);
    setFieldError(username, '');
    setFieldError(password, '');
    if (!username.input.value.trim()) { setFieldError(username, 'Enter your username.'); username.input.focus(); return; }
    if (!password.input.value) { setFieldError(password, 'Enter your password.'); password.input.focus(); return; }
    submit.disabled = true;
    try {
      const s = await api('/api/session', { method: 'POST', body: { username: username.input.value.trim(), password: password.input.value } });
      setSession(s);
      location.replace(nextHash(params));
    } catch (err) {
      password.input.value = '';
      if (err.status === 429) {
        const secs = err.body.retry_after_seconds;
        msg.append(h('div', { class: 'alert alert-error', role: 'alert' }, sentence(err.message),
          secs ? h('span', { class: 'block' }, waitWords(secs)) : null));
      } else if (err.status === 401) {
        msg.append(h('div', { class: 'alert alert-error', role: 'alert' }, sentence(err.message || 'wrong username or password')));
      } else {
        msg.append(errorBox(err));
      }
      password.input.focus();
    } finally {
      submit.disabled = false;
    }
  } } },
  h('h1', { id: 'signin-h' }, 'Sign in to Goalpost'),
  cameForSetup ? h('p', { class: 'alert alert-info' }, 'Goalpost is already set up: sign in with your username and password.') : null,
  anon.demo ? h('p', { class: 'alert alert-info', id: 'demo-note' }, 'Demo users: admin, editor, viewer — password goalpost-demo') : null,
  username.wrap, password.wrap, submit, msg);
  body.append(form);
  username.input.focus();
}

/** The first admin (POST /api/setup), while no user exists. */
function setupForm(body, params) {
  const token = field('setup-token', 'Setup token', h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false', required: true,
    value: params.get('token') || '' }),
  'Printed on the server\'s console at its first start, and written to the file setup-token in its data folder. It works once.');
  const username = field('setup-username', 'Username', h('input', { type: 'text', autocomplete: 'username', required: true,
    autocapitalize: 'none', spellcheck: 'false', value: 'admin' }),
  '1 to 64 letters, digits, dots, underscores, hyphens or @.');
  const password = field('setup-password', 'Password', h('input', { type: 'password', autocomplete: 'new-password', required: true }),
    'At least 10 characters, not the username.');
  const repeat = field('setup-repeat', 'Repeat password', h('input', { type: 'password', autocomplete: 'new-password', required: true }));
  const fields = { setup_token: token, username, password, repeat };
  const msg = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Create the admin and sign in');
  const form = h('form', { class: 'auth-form panel', novalidate: true, 'aria-labelledby': 'setup-h', on: { submit: async (e) => {
    e.preventDefault();
    clear(msg);
    Object.values(fields).forEach(f => setFieldError(f, ''));
    const problems = passwordProblems(password.input.value, repeat.input.value, username.input.value.trim());
    if (!token.input.value.trim()) problems.setup_token = 'Enter the setup token.';
    if (!username.input.value.trim()) problems.username = 'Enter a username.';
    const first = Object.keys(problems);
    if (first.length) {
      for (const [k, m] of Object.entries(problems)) setFieldError(fields[k], m);
      fields[first[0]].input.focus();
      return;
    }
    submit.disabled = true;
    try {
      const s = await api('/api/setup', { method: 'POST', body: {
        setup_token: token.input.value.trim(), username: username.input.value.trim(), password: password.input.value } });
      setSession(s);
      location.replace(nextHash(params));
    } catch (err) {
      if (err.status === 409) {
        msg.append(h('div', { class: 'alert alert-error', role: 'alert' }, sentence(err.message), ' ',
          h('a', { href: '#/sign-in' }, 'Sign in instead')));
      } else {
        msg.append(h('div', { class: 'alert alert-error', role: 'alert' }, sentence(err.message)));
        const fe = fieldErrors(err.details);
        for (const [k, m] of Object.entries(fe)) if (fields[k]) setFieldError(fields[k], m);
        if (err.status === 403) setFieldError(token, sentence(err.message));
      }
    } finally {
      submit.disabled = false;
    }
  } } },
  h('h1', { id: 'setup-h' }, 'Set up Goalpost'),
  h('p', {}, 'No user exists yet. Create the first admin: they can then add the other users.'),
  token.wrap, username.wrap, password.wrap, repeat.wrap, submit, msg);
  body.append(form);
  (token.input.value ? password.input : token.input).focus();
}

/** What is wrong with a new password, by field (new password: "password", its repeat: "repeat"). */
function passwordProblems(pw, again, username) {
  const out = {};
  if (pw.length < 10) out.password = 'Use at least 10 characters.';
  else if (pw.length > 200) out.password = 'Use at most 200 characters.';
  else if (username && pw.toLowerCase() === username.toLowerCase()) out.password = 'The password may not be the username.';
  if (!out.password && pw !== again) out.repeat = 'The two passwords differ.';
  return out;
}

/** #/password: the signed-in user changes their own password (PUT /api/session/password). */
export async function renderPassword(view) {
  const s = currentSession();
  const current = field('pw-current', 'Current password', h('input', { type: 'password', autocomplete: 'current-password', required: true }));
  const next = field('pw-new', 'New password', h('input', { type: 'password', autocomplete: 'new-password', required: true }),
    'At least 10 characters, not your username.');
  const repeat = field('pw-repeat', 'Repeat the new password', h('input', { type: 'password', autocomplete: 'new-password', required: true }));
  const fields = { current_password: current, password: next, new_password: next, repeat };
  const msg = h('div', { id: 'pw-message', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Change password');
  const form = h('form', { class: 'auth-form panel', novalidate: true, on: { submit: async (e) => {
    e.preventDefault();
    clear(msg);
    [current, next, repeat].forEach(f => setFieldError(f, ''));
    const problems = passwordProblems(next.input.value, repeat.input.value, s ? s.user.username : '');
    if (!current.input.value) problems.current_password = 'Enter your current password.';
    const keys = Object.keys(problems);
    if (keys.length) {
      for (const [k, m] of Object.entries(problems)) setFieldError(fields[k], m);
      fields[keys.includes('current_password') ? 'current_password' : keys[0]].input.focus();
      return;
    }
    submit.disabled = true;
    try {
      await api('/api/session/password', { method: 'PUT', body: { current_password: current.input.value, new_password: next.input.value } });
      [current, next, repeat].forEach(f => { f.input.value = ''; });
      msg.append(h('p', { class: 'alert alert-ok', role: 'status' }, 'Your password was changed. Your other sessions were signed out.'));
      // the session may have been renewed with the password: read it (and its CSRF token) again
      try {
        setSession(await api('/api/session'));
      } catch (e2) {
        if (e2.status === 401) { setSession(null); location.replace('#/sign-in'); }
      }
    } catch (err) {
      msg.append(h('div', { class: 'alert alert-error', role: 'alert' }, sentence(err.message)));
      if (err.status === 403) { setFieldError(current, sentence(err.message)); current.input.focus(); }
      for (const [k, m] of Object.entries(fieldErrors(err.details))) if (fields[k]) setFieldError(fields[k], m);
    } finally {
      submit.disabled = false;
    }
  } } }, current.wrap, next.wrap, repeat.wrap, submit, msg);
  view.append(h('h1', {}, 'Change password'),
    h('p', { class: 'muted' }, s ? `Signed in as ${s.user.username} (${s.user.role}).` : ''), form);
  current.input.focus();
}
